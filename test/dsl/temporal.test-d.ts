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

test("nested formulas, step predicates, enabled and fairness options infer the state type", () => {
  defineSpec({
    name: "nested",
    state: { n: t.int(0, 3), on: t.bool() },
    init: { n: 0, on: false },
    actions: { inc: (s) => s.n < 3 && { ...s, n: s.n + 1 }, flip: (s) => ({ ...s, on: !s.on }) },
    properties: ({ always, eventually, implies, and, not, step, orKeep, mustChange, enabled }) => ({
      quiet: always(implies((s) => s.on, always((s) => s.on))),
      settles: always(implies((s) => s.n > 0, eventually(always((s) => s.n === 3)))),
      steps: always(
        orKeep((s, next, st) => {
          expectTypeOf(next).toEqualTypeOf<{ readonly n: number; readonly on: boolean }>();
          expectTypeOf(st.action).toEqualTypeOf<string | null>();
          return next.n >= s.n;
        }),
      ),
      changes: eventually(mustChange("inc", { subscript: (s) => s.n })),
      blocked: always(implies(not(enabled("inc", { where: (s) => s.n < 3 })), and((s) => s.n === 3, step("flip")))),
      // @ts-expect-error: `m` is not a state field
      typo: always(implies((s) => s.m > 0, eventually((s) => s.on))),
    }),
    fairness: [weak("inc", { subscript: (s) => s.n, where: (s) => s.on }), weak((s, next) => next.on !== s.on)],
  });
});
