import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, t, type Model } from "interleave-spec";
import { checkLevels } from "../../src/check/parallel-bfs.ts";
import { expanders } from "./in-thread-expanders.ts";

/** Two initial states, one of them outside the constraint and violating the invariant. */
const spec = defineSpec({
  name: "init-outside-constraint",
  state: { n: t.int(0, 5) },
  init: [{ n: 0 }, { n: 5 }],
  actions: { inc: (s) => s.n < 2 && { n: s.n + 1 } },
  invariants: { notFive: (s) => s.n !== 5 },
  deadlock: false,
  constraint: (s) => s.n < 3,
});

describe("initial states outside the constraint (TLC: not stored, but their invariants are checked)", () => {
  it.each([
    ["check", (m: Model<{ n: number }>) => check(m)],
    ["checkLevels", (m: Model<{ n: number }>) => checkLevels(m, expanders(m, 2))],
  ])("%s reports the violating initial state as a one-state trace", async (_name, run) => {
    const r = await run(compile(spec));
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation.property).toBe("notFive");
    expect(r.violation.trace).toEqual([{ action: null, binding: null, state: { n: 5 } }]);
    expect(r.stats).toMatchObject({ distinctStates: 1, statesGenerated: 2 });
  });

  it("an initial state outside the constraint that holds is counted as generated only", async () => {
    const r = await check(compile(spec), { properties: [] });
    expect(r.result).toBe("ok");
    expect(r.stats).toMatchObject({ distinctStates: 3, statesGenerated: 4, depth: 3 });
  });
});
