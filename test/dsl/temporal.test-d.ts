import { expectTypeOf, test } from "vitest";
import { defineSpec, t, weak } from "interleave-spec";

test("temporal operators and sometimes infer the state type", () => {
  defineSpec({
    name: "typed",
    params: { max: t.int(1, 3).default(2) },
    state: ({ max }) => ({ n: t.int(0, max), on: t.bool() }),
    init: { n: 0, on: false },
    actions: { inc: (s) => s.n < 2 && { ...s, n: s.n + 1 } },
    sometimes: {
      top: (s, { max }) => {
        expectTypeOf(s).toEqualTypeOf<{ readonly n: number; readonly on: boolean }>();
        return s.n === max;
      },
    },
    properties: ({ eventually, leadsTo }) => ({
      grows: eventually((s) => {
        expectTypeOf(s.n).toEqualTypeOf<number>();
        return s.n > 0;
      }),
      // @ts-expect-error: `missing` is not a state field
      typo: leadsTo((s) => s.on, (s) => s.missing),
    }),
    fairness: [weak("inc")],
  });
});
