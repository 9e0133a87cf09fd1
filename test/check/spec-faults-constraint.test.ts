import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, t, type Model } from "interleave-spec";
import { checkLevels } from "../../src/check/parallel-bfs.ts";
import { expanders } from "./in-thread-expanders.ts";

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
