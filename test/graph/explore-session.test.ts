import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, t, type Model } from "interleave-spec";
import { ExploreSession } from "../../src/graph/explore-session.ts";
import brokenMutex from "../fixtures/diagram/broken-mutex.ts";
import lockOrder from "../fixtures/diagram/lock-order.ts";

const model = () => compile(brokenMutex) as Model<unknown>;
const describeStep = (s: { action: string; binding: unknown }) => `${s.action} ${JSON.stringify(s.binding)}`;

describe("ExploreSession", () => {
  it("starts at an initial state and lists every enabled action instance with its binding", () => {
    const session = new ExploreSession(model());
    session.start(0);
    expect(session.path).toHaveLength(1);
    expect(session.successors().map(describeStep)).toEqual(['want {"p":0}', 'want {"p":1}']);
    expect(session.verdicts()).toEqual([{ name: "mutex", holds: true }]);
    expect(() => session.start(1)).toThrow(/no initial state 1 \(there are 1\)/);
  });

  it("walks to the mutual-exclusion violation, marks the violating successor, and shows the invariant false there", () => {
    const session = new ExploreSession(model());
    session.start(0);
    const take = (action: string, p: number) => session.choose(session.successors().findIndex((s) => s.action === action && s.binding?.p === p));
    take("want", 0);
    take("want", 1);
    take("test", 0);
    take("test", 1);
    take("set", 0);
    const last = session.successors().find((s) => s.action === "set");
    expect(last?.violates).toEqual(["mutex"]);
    take("set", 1);
    expect(session.json(session.path[session.at].state)).toEqual({ pc: ["cs", "cs"], locked: true });
    expect(session.verdicts()).toEqual([{ name: "mutex", holds: false, message: "both processes are in the critical section" }]);
  });

  it("goes back, forward again, and branches: choosing from an earlier step drops the later ones", () => {
    const session = new ExploreSession(model());
    session.start(0);
    session.choose(0);
    session.choose(0);
    expect(session.path).toHaveLength(3);
    session.jump(1);
    expect(session.path).toHaveLength(3);
    session.jump(2);
    expect(session.at).toBe(2);
    session.jump(0);
    session.choose(1); // want p=1 instead of p=0
    expect(session.path.map((s) => s.action)).toEqual([null, "want"]);
    expect(session.path[1].binding).toEqual({ p: 1 });
    expect(() => session.jump(5)).toThrow(/no step 5/);
    expect(() => session.choose(99)).toThrow(/no successor 99/);
  });

  it("tells a deadlock from a state the spec allows to end", async () => {
    const m = compile(lockOrder) as Model<unknown>;
    const result = await check(m);
    if (result.result !== "violation") throw new Error("lock-order must deadlock");
    const session = new ExploreSession(m);
    const states = result.violation.trace.map((s) => JSON.stringify(m.codec.toJson(s.state)));
    const { followed } = session.follow(states.map((json, i) => ({ action: result.violation.trace[i].action, matches: (s) => JSON.stringify(m.codec.toJson(s)) === json })));
    expect(followed).toBe(states.length);
    expect(session.ending()).toBe("deadlock");
    const ok = defineSpec({ name: "ends", state: { n: t.int(0, 1) }, init: { n: 0 }, actions: { inc: (s) => s.n === 0 && { n: 1 } }, deadlock: false });
    const ends = new ExploreSession(compile(ok) as Model<unknown>);
    ends.start(0);
    ends.choose(0);
    expect(ends.ending()).toBe("terminal");
  });

  it("follows a saved trace, marks its next step among the successors, and reports where it diverges", async () => {
    const m = model();
    const result = await check(m);
    if (result.result !== "violation") throw new Error("broken-mutex must violate mutex");
    const saved = result.violation.trace.map((step) => {
      const json = JSON.stringify(m.codec.toJson(step.state));
      return { action: step.action, matches: (s: unknown) => JSON.stringify(m.codec.toJson(s)) === json };
    });
    const session = new ExploreSession(m);
    expect(session.follow(saved)).toEqual({ followed: saved.length });
    expect(session.at).toBe(saved.length - 1);
    session.jump(2);
    const marked = session.successors().filter((s) => s.onSaved);
    expect(marked.map(describeStep)).toEqual([describeStep(result.violation.trace[3] as never)]);
    const broken = [...saved.slice(0, 3), { action: "leave", matches: () => false }];
    expect(session.follow(broken)).toEqual({ followed: 3, diverged: 3 });
    expect(session.path).toHaveLength(3);
  });
});
