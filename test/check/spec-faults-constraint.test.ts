import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, t, type Model } from "interleave-spec";
import { selectProperties } from "../../src/check/check.ts";
import { expandLevel, type LevelChecks } from "../../src/check/level-expansion.ts";
import { checkLevels, type LevelExpander } from "../../src/check/parallel-bfs.ts";
import type { DeadlockFreedom, Invariant } from "../../src/model/model.ts";

/** A spec whose state constraint throws at n = `at` (n counts up from 0). */
function throwingConstraint(at: number) {
  return defineSpec({
    name: "throwing-constraint",
    state: { n: t.int(0, 5) },
    init: { n: 0 },
    actions: { inc: (s) => s.n < 5 && { n: s.n + 1 } },
    deadlock: false,
    constraint: (s) => {
      if (s.n === at) throw new Error("constraint exploded");
      return true;
    },
  });
}

function expanders<S>(model: Model<S>, n: number): LevelExpander[] {
  const selected = selectProperties(model.properties);
  const checks: LevelChecks<S> = {
    invariants: selected.filter((p): p is Invariant<S> => p.kind === "invariant"),
    deadlock: selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock"),
  };
  return Array.from({ length: n }, () => ({ expand: async (job) => expandLevel(model, checks, job) }));
}

describe("a state constraint that throws", () => {
  it.each([
    ["an initial state", 0],
    ["a successor", 2],
  ])("is reported as the constraint's fault on %s, not the action's or init's", async (_where, at) => {
    const model = compile(throwingConstraint(at));
    for (const run of [() => check(model), () => checkLevels(model, expanders(model, 2))]) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: "property-threw", details: { property: "constraint", state: { n: at } } });
      expect((error as Error).message).toContain("constraint exploded");
    }
  });
});
