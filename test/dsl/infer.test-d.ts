import { describe, expectTypeOf, it } from "vitest";
import { defineSpec, exists, t, type StateOf, type ValueSet } from "interleave-spec";

describe("state type inference", () => {
  it("infers the state type from the schema, with no annotations", () => {
    const spec = defineSpec({
      name: "s",
      params: { cpus: t.int(2, 5).default(3) },
      state: ({ cpus }) => ({
        n: t.int(0, cpus),
        mode: t.enum("idle", "busy"),
        ok: t.bool(),
        pc: t.map(t.int(1, 3), t.enum("a", "b")),
        names: t.map(t.enum("x", "y"), t.bool()),
        mask: t.set(t.int(0, 4)),
        queue: t.seq(t.record({ from: t.int(0, 3), tag: t.literal("msg") }), 2),
        pair: t.tuple(t.bool(), t.int(0, 1)),
        arr: t.array(3, t.int(0, 1)),
        owner: t.optional(t.int(0, 3)),
      }),
      init: (p) => ({
        n: 0,
        mode: "idle",
        ok: true,
        pc: { 1: "a", 2: "a", 3: "a" },
        names: { x: false, y: false },
        mask: t.set(t.int(0, 4)).empty,
        queue: [],
        pair: [false, 0],
        arr: [0, 0, 0],
        owner: p.cpus > 10 ? 1 : undefined,
      }),
      actions: {
        go: (s, p) => {
          expectTypeOf(s.n).toEqualTypeOf<number>();
          expectTypeOf(s.mode).toEqualTypeOf<"idle" | "busy">();
          expectTypeOf(s.mask).toEqualTypeOf<ValueSet<number>>();
          expectTypeOf(s.queue[0].tag).toEqualTypeOf<"msg">();
          expectTypeOf(s.names.x).toEqualTypeOf<boolean>();
          expectTypeOf(s.pair).toEqualTypeOf<readonly [boolean, number]>();
          expectTypeOf(s.owner).toEqualTypeOf<number | undefined>();
          expectTypeOf(p.cpus).toEqualTypeOf<number>();
          return s.mode === "idle" && { ...s, mode: "busy" };
        },
        pick: (s) =>
          exists(t.int(1, 2), (k) => {
            expectTypeOf(k).toEqualTypeOf<number>();
            return { ...s, n: k };
          }),
        each: (s) => exists(s.mask, (m) => exists(t.enum("p", "q"), (who) => who === "p" && { ...s, n: m })),
      },
      invariants: {
        plain: (s) => s.n >= 0,
        explained: { holds: (s) => s.ok, message: (s) => `n is ${s.n}` },
      },
    });
    type S = StateOf<typeof spec>;
    expectTypeOf<S["mode"]>().toEqualTypeOf<"idle" | "busy">();
    expectTypeOf<S["pc"]>().toEqualTypeOf<{ readonly [k: number]: "a" | "b" }>();
  });

  it("rejects a successor that does not match the state type", () => {
    defineSpec({
      name: "bad",
      state: { n: t.int(0, 3), mode: t.enum("idle", "busy") },
      init: { n: 0, mode: "idle" },
      actions: {
        // @ts-expect-error "done" is not a mode
        wrongEnum: (s) => ({ ...s, mode: "done" }),
        // @ts-expect-error a missing field: states are whole values, spread the current one
        missing: () => ({ n: 1 }),
        // @ts-expect-error s has no field "count"
        unknownField: (s) => s.count > 0 && s,
      },
    });
  });

  it("rejects init states of the wrong shape", () => {
    defineSpec({
      name: "bad-init",
      state: { n: t.int(0, 3) },
      // @ts-expect-error n must be a number
      init: { n: "zero" },
      actions: { a: (s) => s },
    });
  });

  it("types parameters from their domains", () => {
    defineSpec({
      name: "p",
      params: { mode: t.enum("fast", "slow").default("fast"), n: t.int(1, 3).default(2) },
      state: { x: t.int(0, 3) },
      init: { x: 0 },
      actions: {
        a: (s, p) => {
          expectTypeOf(p.mode).toEqualTypeOf<"fast" | "slow">();
          // @ts-expect-error no such parameter
          p.missing;
          return s;
        },
      },
    });
    // @ts-expect-error the default must be in the parameter's type
    t.enum("a", "b").default("c");
  });
});
