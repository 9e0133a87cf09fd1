/**
 * The flagship under ra, the properties that hold (each search explores 43k–106k states: minutes
 * on 2 shared cores, so with `npm run test:large`): no variant's deleter corrupts the list, and
 * refsImpliesOnList read over memory holds for the fixed variants (only cpumask is promised, so
 * refs never becomes visible before head->next), with or without list_add_rcu's smp_wmb.
 */
import { describe, expect, it } from "vitest";
import { check, compile } from "interleave-spec";
import { orderingFix, seedFix, upstreamFix } from "../../specs/smp-call-function-many.ts";

describe("specs/smp-call-function-many under ra: what holds", () => {
  it.each([
    ["seedFix", 86278, seedFix],
    ["upstreamFix", 105772, upstreamFix],
    // Dead ends are not states (see the ra test of smp-call-function-many-memory): 42,887, as promise-free.
    ["orderingFix", 42887, orderingFix],
  ] as const)("%s: noDoubleListDel, refsImpliesOnList and no deadlock hold (%i states), with and without list_add_rcu's smp_wmb", async (_name, states, spec) => {
    for (const listAddWmb of [true, false]) {
      const model = compile(spec, { memory: "ra", listAddWmb });
      let saturated = false;
      const result = await check(model, {
        properties: ["noDoubleListDel", "refsImpliesOnList", "deadlock"],
        observer: { state: (_id, v) => void (saturated ||= (model.codec.decode(v, 0) as unknown as { mem: { saturated: boolean } }).mem.saturated) },
      });
      expect(result.result).toBe("ok");
      expect(result.stats.distinctStates).toBe(states);
      expect(saturated).toBe(false);
    }
  });
});
