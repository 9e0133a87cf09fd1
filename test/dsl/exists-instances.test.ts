import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, exists, t } from "interleave-spec";

describe("exists: action instances", () => {
  it("keys only the enabled instances, so a disabled value need not be plain data", async () => {
    const cyclic: { self?: unknown; n: number } = { n: 0 };
    cyclic.self = cyclic; // no JSON form: keying it would recurse forever
    const spec = defineSpec({
      name: "instances",
      state: { n: t.int(0, 2) },
      init: { n: 0 },
      actions: {
        step: (s) => exists([cyclic, { n: 1 }, { n: 2 }], (v) => v !== cyclic && v.n === s.n + 1 && { n: v.n }),
      },
      deadlock: false,
    });
    const model = compile(spec);
    const result = await check(model);
    expect(result.stats).toMatchObject({ distinctStates: 3, statesGenerated: 3, depth: 3 });
    const bindings: unknown[] = [];
    model.actions[0].next({ n: 0 }, (_s, instance) => bindings.push(model.actions[0].bindingOf(instance)));
    expect(bindings).toEqual([{ v: { n: 1 } }]);
  });
});
