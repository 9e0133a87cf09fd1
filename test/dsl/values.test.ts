import { describe, expect, it } from "vitest";
import { specError } from "./spec-error.ts";
import { check, compile, defineSpec, equals, exists, t, weak, type Action } from "interleave-spec";
import { FairnessGroups, instanceValuesOf } from "../../src/check/fairness.ts";
import { StateGraph } from "../../src/graph/state-graph.ts";


const counter = { state: { n: t.int(0, 2) }, actions: { inc: (s: { readonly n: number }) => s.n < 2 && { n: s.n + 1 } }, deadlock: false } as const;

describe("init", () => {
  it("evaluates an init function twice on first use, then once, and emits its states", () => {
    let calls = 0;
    const model = compile(defineSpec({ ...counter, name: "i", init: () => (calls++, [{ n: 0 }, { n: 1 }]) }));
    const first: unknown[] = [];
    model.init((s) => first.push(s));
    expect(first).toEqual([{ n: 0 }, { n: 1 }]);
    expect(calls).toBe(2);
    model.init(() => {});
    expect(calls).toBe(3);
  });

  it("calls init nondeterministic when the second evaluation differs in order or in number", async () => {
    let calls = 0;
    const order = defineSpec({ ...counter, name: "i", init: () => (calls++ % 2 ? [{ n: 1 }, { n: 0 }] : [{ n: 0 }, { n: 1 }]) });
    expect(await specError(() => check(compile(order)))).toMatchObject({ code: "nondeterministic-init", message: /state 1 was \{"n":0\}, then \{"n":1\}/ });
    let more = 0;
    const count = defineSpec({ ...counter, name: "i", init: () => Array.from({ length: 1 + (more++ % 2) }, () => ({ n: 0 })) });
    expect(await specError(() => check(compile(count)))).toMatchObject({ code: "nondeterministic-init", message: /it gave 1 state, then 2/ });
  });

  it("checks a where predicate for determinism on a sample and for a boolean result", async () => {
    let flips = 0;
    const flaky = defineSpec({ ...counter, name: "w", init: { where: (s) => s.n === 0 || (s.n === 2 && flips++ % 2 === 0) } });
    expect((await specError(() => check(compile(flaky)))).code).toBe("nondeterministic-init");
    const stringly = defineSpec({ ...counter, name: "w", init: { where: (s) => (s.n === 0 ? "yes" : "") as unknown as boolean } });
    expect(await specError(() => check(compile(stringly)))).toMatchObject({ code: "not-boolean", message: /init's where predicate returned "yes"/ });
  });

  it("refuses a function giving no state, naming init", async () => {
    const none = defineSpec({ ...counter, name: "i", init: () => [] });
    expect(await specError(() => check(compile(none)))).toMatchObject({ code: "no-initial-states", message: /the function returned no state/ });
  });
});

describe("predicates return booleans", () => {
  const base = { ...counter, name: "p", init: { n: 0 } };
  const as = <T>(v: unknown) => v as T;

  it("for when, constraint, terminal and both sides of leadsTo", async () => {
    const cases = [
      [defineSpec({ ...base, invariants: { small: { holds: () => true, when: () => as<boolean>(1) } } }), /invariant "small" \(its when\) returned 1 \(number\)/],
      [defineSpec({ ...base, constraint: () => as<boolean>(null) }), /the constraint returned null/],
      [defineSpec({ ...base, deadlock: { terminal: () => as<boolean>([]) } }), /deadlock's terminal predicate returned \[\]/],
      [
        defineSpec({ ...base, properties: ({ leadsTo }) => ({ grows: leadsTo((s) => s.n === 2, () => as<boolean>("later")) }), fairness: [weak()] }),
        /property "grows" \(leadsTo\[1\]: .*\) returned "later"/,
      ],
    ] as const;
    for (const [spec, message] of cases) {
      const e = await specError(() => check(compile(spec)));
      expect(e.code).toBe("not-boolean");
      expect(e.message).toMatch(message);
      expect(e.details.state).toBeDefined();
    }
  });
});

describe("actions that cannot give states", () => {
  it("an async exists callback: invalid-successor with the binding", async () => {
    const spec = defineSpec({ ...counter, name: "a", init: { n: 0 }, actions: { go: (s) => exists(t.int(1, 2), async (k) => ({ n: k })) as never } });
    expect(await specError(() => check(compile(spec)))).toMatchObject({
      code: "invalid-successor",
      message: /action "go" with \{"k":1\} returned a Promise/,
      details: { action: "go", binding: { k: 1 } },
    });
  });
});

describe("value sets in specs", () => {
  const Msg = t.record({ to: t.int(0, 1), body: t.enum("a", "b") });
  const Msgs = t.set(Msg);

  it("are built from their domain; an element outside it is a RangeError naming it", () => {
    expect([...Msgs.of({ to: 1, body: "b" }, { to: 0, body: "a" }, { body: "a", to: 0 })]).toEqual([
      { to: 0, body: "a" },
      { to: 1, body: "b" },
    ]);
    expect(Msgs.from(Msgs.of({ to: 1, body: "a" })).equals(Msgs.of({ to: 1, body: "a" }))).toBe(true);
    expect(() => Msgs.of({ to: 2, body: "a" })).toThrow(/of\(\{"to":2,"body":"a"\}\): the value is not in the set's element domain \(\{ to: an integer in 0\.\.1, body: "a" \| "b" \}\)/);
    expect(Msg.equals({ to: 0, body: "a" }, { body: "a", to: 0 })).toBe(true);
    expect(equals(Msgs.of({ to: 0, body: "a" }), Msgs.empty.with({ to: 0, body: "a" }))).toBe(true);
  });

  it("show as lists in bindings and JSON, and a set parameter may be given as a list", async () => {
    const spec = defineSpec({
      name: "sets",
      params: { start: t.set(t.int(0, 3)).default(t.set(t.int(0, 3)).of(1)) },
      state: { inbox: Msgs, got: t.set(t.int(0, 3)) },
      init: (p) => ({ inbox: Msgs.of({ to: 1, body: "b" }), got: p.start }),
      actions: { take: (s) => exists(s.inbox.subsets(), (some) => some.size > 0 && { ...s, inbox: s.inbox.minus(some) }) },
      invariants: { keeps: (s) => s.inbox.size > 0 },
      deadlock: false,
    });
    const r = await check(compile(spec, { start: [2, 0] }));
    if (r.result !== "violation") throw new Error(r.result);
    expect(r.violation.trace[1].binding).toEqual({ some: [{ to: 1, body: "b" }] });
    expect(compile(spec).codec.toJson(r.violation.trace[0].state)).toEqual({ inbox: [{ to: 1, body: "b" }], got: [0, 2] });
    expect(JSON.stringify(r.violation.trace[1].state)).toBe('{"inbox":[],"got":[0,2]}');
  });
});

describe("per-instance fairness", () => {
  /** A hand-written action: no instanceValues, so its binding's values (by position) identify instances. */
  const action = (name: string, param: string): Action<number> => ({ name, next: () => {}, bindingOf: (i) => (i === 0 ? null : { [param]: i }) });

  it("matches instances of different actions by position, whatever the parameter names", () => {
    const g = new StateGraph(1);
    for (let i = 0; i < 3; i++) g.state(i, Int32Array.of(i), 1);
    g.edge(0, 1, 0, 1); // a with {p: 1}
    g.edge(1, 2, 1, 1); // b with {self: 1}
    g.edge(2, 0, 1, 2); // b with {self: 2}
    const actions = [action("a", "p"), action("b", "self")];
    const groups = new FairnessGroups([weak(["a", "b"], { perInstance: true })], ["a", "b"], g, (a, i) => instanceValuesOf(actions[a], i));
    expect(groups.count).toBe(2);
    expect([...groups.of(0)]).toEqual([...groups.of(1)]);
    expect([...groups.of(2)]).not.toEqual([...groups.of(0)]);
    expect(groups.names).toEqual(["WF(a ∨ b) for [1]", "WF(a ∨ b) for [2]"]);
    const keyed = new FairnessGroups([weak(["a", "b"], { perInstance: () => 0 })], ["a", "b"], g, (a, i) => instanceValuesOf(actions[a], i));
    expect(keyed.count).toBe(1);
  });
});
