import { describe, expectTypeOf, it } from "vitest";
import { defineSpec, exists, t, type StateOf } from "interleave-spec";

describe("process types are inferred", () => {
  it("types s (shared state and own locals), self and the params in every step, and the processes' state everywhere", () => {
    const spec = defineSpec({
      name: "typed",
      params: { n: t.int(1, 3).default(2) },
      state: { x: t.int(0, 3), mode: t.enum("on", "off") },
      init: { x: 0, mode: "off" },
      processes: ({ process }, { n }) => ({
        worker: process({
          ids: t.int(1, n),
          locals: { held: t.optional(t.int(0, 3)) },
          init: { held: undefined },
          steps: {
            take: (s, self, params) => {
              expectTypeOf(s.x).toEqualTypeOf<number>();
              expectTypeOf(s.mode).toEqualTypeOf<"on" | "off">();
              expectTypeOf(s.held).toEqualTypeOf<number | undefined>();
              expectTypeOf(self).toEqualTypeOf<number>();
              expectTypeOf(params.n).toEqualTypeOf<number>();
              return { ...s, held: s.x };
            },
            check: (s) => s.held !== undefined,
            pick: (s) => exists(t.int(0, 3), (v) => ({ ...s, x: v, goto: "take" })),
            done: { code: "return;", step: (s) => ({ ...s, goto: "Done" }) },
          },
        }),
        lamp: process({
          ids: t.enum("red", "green"),
          forever: true,
          steps: {
            flip: (s, self) => {
              expectTypeOf(self).toEqualTypeOf<"red" | "green">();
              return { ...s, mode: s.mode === "on" ? ("off" as const) : ("on" as const) };
            },
          },
        }),
      }),
      invariants: {
        typed: (s) => {
          expectTypeOf(s.worker[1].pc).toEqualTypeOf<"take" | "check" | "pick" | "done" | "Done">();
          expectTypeOf(s.worker[1].held).toEqualTypeOf<number | undefined>();
          expectTypeOf(s.lamp.red.pc).toEqualTypeOf<"flip" | "Done">();
          return s.x >= 0;
        },
      },
      deadlock: { terminal: (s) => s.worker[1].pc === "Done" },
    });
    type S = StateOf<typeof spec>;
    expectTypeOf<S["x"]>().toEqualTypeOf<number>();
    expectTypeOf<S["worker"][number]["pc"]>().toEqualTypeOf<"take" | "check" | "pick" | "done" | "Done">();
    // Rebuilding a spec from its definition keeps the processes' state type.
    const again = defineSpec({ ...spec.definition, name: "again" });
    expectTypeOf<StateOf<typeof again>>().toEqualTypeOf<S>();
  });

  it("makes a jump to a missing label, an unknown field and a wrong value type errors", () => {
    defineSpec({
      name: "wrong",
      state: { x: t.int(0, 3) },
      init: { x: 0 },
      processes: ({ process }) => ({
        p: process({
          ids: t.int(1, 2),
          steps: {
            a: (s) => ({ ...s, goto: "b" }),
            // @ts-expect-error -- "c" is not a label of p
            b: (s) => ({ ...s, goto: "c" }),
            // @ts-expect-error -- "xx" is not a shared field or a local
            d: (s) => ({ ...s, xx: 1 }),
            // @ts-expect-error -- x is a number
            e: (s) => ({ ...s, x: "one" }),
          },
        }),
      }),
    });
  });

  it("does not let a step write another process type's state", () => {
    defineSpec({
      name: "other",
      state: { x: t.int(0, 3) },
      init: { x: 0 },
      processes: ({ process }) => ({
        // @ts-expect-error -- q is not a field of p's view
        p: process({ ids: t.int(1, 2), steps: { a: (s) => ({ ...s, q: {} }) } }),
        q: process({ ids: t.int(1, 2), steps: { b: () => true } }),
      }),
    });
  });
});
