import { describe, expect, it } from "vitest";
import { check } from "../../src/check/check.ts";
import { checkVerdicts } from "../../src/check/verdicts.ts";
import type { Model } from "../../src/model/model.ts";

/** A hand-written model (no DSL): n counts 0..3; three invariants of decreasing strength. */
const counter: Model<number> = {
  name: "hand-counter",
  codec: {
    width: 1,
    encode: (n, out, off) => void (out[off] = n),
    decode: (v, off) => v[off],
    toJson: (n) => n,
  },
  init: (emit) => emit(0),
  actions: [{ name: "inc", next: (n, emit) => n < 3 && emit(n + 1, 0), bindingOf: () => null }],
  properties: [
    { kind: "invariant", name: "belowTwo", holds: (n) => n < 2 },
    { kind: "invariant", name: "belowThree", holds: (n) => n < 3 },
    { kind: "invariant", name: "inRange", holds: (n) => n <= 3 },
  ],
};

describe("checkVerdicts", () => {
  it("decides every property in one search that goes on after each violation; each trace is still the shortest", async () => {
    let searches = 0;
    const { runs, verdicts } = await checkVerdicts(counter, {
      run: (options) => {
        searches++;
        return check(counter, options);
      },
    });
    expect(searches).toBe(1);
    expect(runs.map((r) => r.result)).toEqual(["violation"]);
    const [run] = runs;
    expect(run.result === "violation" && run.violations.map((v) => v.property)).toEqual(["belowTwo", "belowThree"]);
    // The search completed: 4 states, each generated once, and the last one deadlocks nowhere (no deadlock property).
    expect(run.stats).toMatchObject({ distinctStates: 4, statesGenerated: 4, depth: 4 });
    expect(verdicts.map((v) => [v.property, v.status, v.violation?.trace.length])).toEqual([
      ["belowTwo", "violated", 3],
      ["belowThree", "violated", 4],
      ["inRange", "holds", undefined],
    ]);
    expect(verdicts.map((v) => v.asExpected)).toEqual([false, false, true]);
  });

  it("compares with expectations", async () => {
    const { verdicts } = await checkVerdicts(counter, { expect: { belowTwo: "violated", inRange: "violated" } });
    expect(verdicts.map((v) => [v.property, v.expected, v.asExpected])).toEqual([
      ["belowTwo", "violated", true],
      ["belowThree", "holds", false],
      ["inRange", "violated", false],
    ]);
  });

  it("untilFirst stops at the first violation and leaves the rest unknown", async () => {
    const { runs, verdicts } = await checkVerdicts(counter, { untilFirst: true });
    expect(runs).toHaveLength(1);
    expect(verdicts.map((v) => v.status)).toEqual(["violated", "unknown", "unknown"]);
    expect(verdicts[1].asExpected).toBeUndefined();
  });

  it("a limit leaves undecided properties unknown", async () => {
    const { runs, verdicts } = await checkVerdicts(counter, { maxStates: 2, properties: ["belowThree", "inRange"] });
    expect(runs.map((r) => r.result)).toEqual(["incomplete"]);
    expect(verdicts.map((v) => [v.property, v.status])).toEqual([
      ["belowThree", "unknown"],
      ["inRange", "unknown"],
    ]);
  });
});
