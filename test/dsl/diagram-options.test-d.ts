import { expectTypeOf, it } from "vitest";
import { defineSpec, t } from "interleave-spec";

it("types the state in a spec's label and views without annotations", () => {
  defineSpec({
    name: "typed",
    params: { max: t.int(1, 3).default(2) },
    state: { n: t.int(0, 3), mode: t.enum("a", "b") },
    init: { n: 0, mode: "a" },
    actions: { inc: (s, { max }) => s.n < max && { ...s, n: s.n + 1 } },
    label: (s, { max }) => {
      expectTypeOf(s.mode).toEqualTypeOf<"a" | "b">();
      expectTypeOf(max).toEqualTypeOf<number>();
      return `${s.n}/${max}`;
    },
    views: {
      mode: (s) => {
        expectTypeOf(s.n).toEqualTypeOf<number>();
        return { mode: s.mode };
      },
    },
  });
  defineSpec({
    name: "wrong-label",
    state: { n: t.int(0, 3) },
    init: { n: 0 },
    actions: { inc: (s) => s.n < 3 && { n: s.n + 1 } },
    // @ts-expect-error a label is text
    label: (s) => s.n,
  });
});
