import { describe, expectTypeOf, it } from "vitest";
import { defineSpec, equals, exists, t, weak, type Seq, type StateOf, type ValueSet } from "interleave-spec";

const Msg = t.record({ kind: t.enum("req", "ack"), from: t.int(0, 2) });
const Msgs = t.set(Msg);
type M = { readonly kind: "req" | "ack"; readonly from: number };

describe("exact successors", () => {
  it("reports a field the state lacks, next to a spread, at that field", () => {
    defineSpec({
      name: "typo",
      state: { pc: t.enum("idle", "busy"), n: t.int(0, 3) },
      init: { pc: "idle", n: 0 },
      actions: {
        ok: (s) => s.pc === "idle" && { ...s, pc: "busy" },
        typo: (s) => ({
          ...s,
          // @ts-expect-error "pcc" is not a field of the state
          pcc: "busy",
        }),
        guarded: (s) =>
          // @ts-expect-error "nn" is not a field of the state (reported at the guarded expression)
          s.n < 3 && {
            ...s,
            nn: s.n + 1,
          },
        inArray: (s) => [
          { ...s, n: 1 },
          // @ts-expect-error "m" is not a field of the state
          { ...s, m: 2 },
        ],
        // @ts-expect-error in a nested exists (reported at the exists call)
        inExists: (s) => exists(t.int(0, 1), (k) => ({ ...s, n: k, k })),
        // @ts-expect-error in a block body (reported at the action)
        inBlock: (s) => {
          if (s.n > 2) return false;
          return { ...s, count: 1 };
        },
      },
    });
  });

  it("keeps the ordinary errors where they were, and infers s and params", () => {
    defineSpec({
      name: "ordinary",
      params: { max: t.int(1, 3).default(2) },
      state: ({ max }) => ({ pc: t.enum("idle", "busy"), n: t.int(0, max) }),
      init: { pc: "idle", n: 0 },
      actions: {
        typed: (s, p) => {
          expectTypeOf(s.n).toEqualTypeOf<number>();
          expectTypeOf(p.max).toEqualTypeOf<number>();
          return s.n < p.max && { ...s, n: s.n + 1 };
        },
        // @ts-expect-error "done" is not a pc
        wrongEnum: (s) => ({ ...s, pc: "done" }),
        // @ts-expect-error pc is missing
        missing: (s) => ({ n: s.n }),
      },
    });
  });
});

describe("value sets", () => {
  it("types t.set fields as ValueSet and builds them from the domain", () => {
    const spec = defineSpec({
      name: "sets",
      state: { msgs: Msgs, ids: t.set(t.int(0, 3)) },
      init: { msgs: Msgs.empty, ids: t.set(t.int(0, 3)).of(1, 2) },
      actions: {
        send: (s) => {
          expectTypeOf(s.msgs).toEqualTypeOf<ValueSet<M>>();
          expectTypeOf(s.msgs.has({ kind: "req", from: 0 })).toEqualTypeOf<boolean>();
          expectTypeOf([...s.msgs]).toEqualTypeOf<M[]>();
          return { ...s, msgs: s.msgs.with({ kind: "req", from: 0 }) };
        },
        // @ts-expect-error a JavaScript Set is not a value set
        jsSet: (s) => ({ ...s, ids: new Set([1]) }),
        ids: (s) => ({ ...s, ids: s.ids.map((x) => (x + 1) % 4) }),
        recv: (s) => exists(s.msgs, (m) => ({ ...s, msgs: s.msgs.without(m) })),
      },
    });
    expectTypeOf<StateOf<typeof spec>["ids"]>().toEqualTypeOf<ValueSet<number>>();
    // @ts-expect-error an element with a field its domain lacks
    Msgs.of({ kind: "req", from: 0, to: 1 });
    // A value set can be read where a ReadonlySet is expected; a Set cannot stand for a value set.
    const read = (r: ReadonlySet<number>) => r.size;
    read(t.set(t.int(0, 3)).empty);
    // @ts-expect-error not a value set
    const vs: ValueSet<number> = new Set<number>();
    void vs;
    // @ts-expect-error value sets have no add: they are immutable
    Msgs.empty.add({ kind: "req", from: 0 });
    expectTypeOf(Msgs.empty.map((m) => m.from, t.set(t.int(0, 2)))).toEqualTypeOf<ValueSet<number>>();
  });
});

describe("sequences and equality", () => {
  it("refuses includes/indexOf of structured values, with equals as the way", () => {
    defineSpec({
      name: "seqs",
      state: { q: t.seq(Msg, 2), ns: t.seq(t.int(0, 3), 2) },
      init: { q: [], ns: [] },
      actions: {
        a: (s) => {
          expectTypeOf(s.q).toEqualTypeOf<Seq<M>>();
          expectTypeOf(s.ns).toEqualTypeOf<readonly number[]>();
          s.ns.includes(1);
          // @ts-expect-error includes compares objects by reference
          s.q.includes({ kind: "req", from: 0 });
          // @ts-expect-error indexOf compares objects by reference
          s.q.indexOf(s.q[0]);
          const found = s.q.some((m) => equals(m, { kind: "req", from: 0 }));
          // @ts-expect-error equals takes two values of one type
          equals(s.q[0], { kind: "nope", from: 0 });
          const takesArray = (xs: readonly M[]) => xs.length;
          return found && takesArray(s.q) > 0 && { ...s, q: [...s.q.slice(1), { kind: "ack", from: 1 }] };
        },
      },
    });
  });
});

describe("fairness per instance", () => {
  it("takes true or a function of the exists values", () => {
    weak(["a", "b"], { perInstance: true });
    weak(["a", "b"], { perInstance: (p: number) => p });
    // @ts-expect-error not a boolean or a function
    weak(["a"], { perInstance: "p" });
  });
});
