import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, exists, t } from "interleave-spec";

describe("action results", () => {
  it("an array of branches yields one successor per enabled branch, as TLC generates one per true disjunct", async () => {
    const spec = defineSpec({
      name: "branches",
      state: { n: t.int(0, 3) },
      init: { n: 0 },
      actions: {
        // n = 0: both branches enabled and equal (counted twice); n = 1: only the second.
        step: (s) => [s.n === 0 && { n: 1 }, s.n <= 1 && { n: 1 }, s.n === 3 && { n: 0 }],
      },
      deadlock: false,
    });
    const model = compile(spec);
    const successors: unknown[] = [];
    model.actions[0].next({ n: 0 }, (s) => successors.push(s));
    expect(successors).toEqual([{ n: 1 }, { n: 1 }]);
    const result = await check(model);
    expect(result.stats).toMatchObject({ distinctStates: 2, statesGenerated: 1 + 2 + 1 });
  });

  it("a set-valued binding is the same instance and shows the same, whatever the set's insertion order", () => {
    const spec = defineSpec({
      name: "set-binding",
      state: { n: t.int(0, 3) },
      init: { n: 0 },
      actions: { pick: (s) => exists([new Set(["b", "a"]), new Set(["a", "b"])], (S) => ({ ...s, n: S.size })) },
    });
    const action = compile(spec).actions[0];
    const instances: number[] = [];
    action.next({ n: 0 }, (_, instance) => instances.push(instance));
    expect(instances).toHaveLength(2);
    expect(instances[0]).toBe(instances[1]);
    expect(action.bindingOf(instances[0])).toEqual({ S: ["a", "b"] });
  });
});
