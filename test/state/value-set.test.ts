import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codecNode } from "../../src/state/codec.ts";
import { sizeOf } from "../../src/state/schema.ts";
import { equals } from "../../src/state/value-equals.ts";
import { universeFor, ValueSet } from "../../src/state/value-set.ts";
import { schemaArb, schemaWithValue, valueArb } from "./arbitraries.ts";

/** An element schema small enough for sets, with two lists of its values and a probe value. */
const setCase = schemaArb
  .filter((s) => sizeOf(s) <= 300)
  .chain((element) =>
    fc.tuple(
      fc.constant(element),
      fc.array(valueArb(element), { maxLength: 8 }),
      fc.array(valueArb(element), { maxLength: 8 }),
      valueArb(element),
    ),
  );

describe("value sets agree with a reference on canonical arrays", () => {
  it("has, with, without, union, intersect, minus, filter, map, some, every, subsetOf, equals, size, order", () => {
    fc.assert(
      fc.property(setCase, ([element, xs, ys, probe]) => {
        const node = codecNode(element);
        const universe = universeFor(node);
        // Reference: a set is the sorted list of distinct ordinals; elements are compared by encoding.
        const ref = (list: readonly unknown[]) => [...new Set(list.map((v) => node.ordinal(v)))].sort((a, b) => a - b);
        const ords = (s: ValueSet<unknown>) => [...s].map((v) => node.ordinal(v));
        const A = ValueSet.build(universe, xs, "of");
        const B = ValueSet.build(universe, ys, "of");
        const a = ref(xs);
        const b = ref(ys);
        const p = node.ordinal(probe);

        expect(ords(A)).toEqual(a);
        expect(A.size).toBe(a.length);
        expect(A.isEmpty()).toBe(a.length === 0);
        expect(A.has(probe)).toBe(a.includes(p));
        expect(ords(A.with(probe))).toEqual(ref([...xs, probe]));
        expect(ords(A.without(probe))).toEqual(a.filter((o) => o !== p));
        expect(ords(A.union(B))).toEqual(ref([...xs, ...ys]));
        expect(ords(A.intersect(B))).toEqual(a.filter((o) => b.includes(o)));
        expect(ords(A.minus(B))).toEqual(a.filter((o) => !b.includes(o)));
        expect(ords(A.filter((v) => node.ordinal(v) % 2 === 0))).toEqual(a.filter((o) => o % 2 === 0));
        const image = (o: number) => Math.floor(o / 2);
        expect(ords(A.map((v) => node.valueAt(image(node.ordinal(v)))))).toEqual([...new Set(a.map(image))].sort((x, y) => x - y));
        expect(A.some((v) => node.ordinal(v) === p)).toBe(a.includes(p));
        expect(A.every((v) => b.includes(node.ordinal(v)))).toBe(a.every((o) => b.includes(o)));
        expect(A.subsetOf(B)).toBe(a.every((o) => b.includes(o)));
        expect(A.equals(B)).toBe(a.join() === b.join());
        expect(A.equals(ValueSet.build(universe, [...xs].reverse(), "of"))).toBe(true);
        // Equal elements are the same (interned, frozen) object, whichever set yields them.
        for (const v of A) if (B.has(v)) expect([...B].find((w) => equals(w, v))).toBe(v);
        for (const v of A) if (typeof v === "object" && v !== null && !(v instanceof ValueSet)) expect(Object.isFrozen(v)).toBe(true);
        if (a.length <= 6) expect(A.subsets().map(ords)).toEqual(subsetsOf(a));
      }),
      { numRuns: 400 },
    );
  });

  it("operations between sets of different domains work element by element", () => {
    const small = ValueSet.build(universeFor(codecNode({ kind: "int", min: 0, max: 3 })), [1, 3], "of");
    const large = ValueSet.build(universeFor(codecNode({ kind: "int", min: 0, max: 9 })), [3, 9], "of");
    expect([...large.union(small)]).toEqual([1, 3, 9]);
    expect([...small.intersect(large)]).toEqual([3]);
    expect(small.subsetOf(large.with(1))).toBe(true);
    expect(() => small.union(large)).toThrow(/with\(9\): the value is not in the set's element domain \(an integer in 0\.\.3\)/);
    expect(small.has(9 as number)).toBe(false);
  });

  it("refuses Set mutators with the immutable operation to use", () => {
    const s = ValueSet.build(universeFor(codecNode({ kind: "int", min: 0, max: 3 })), [1], "of") as unknown as Set<number>;
    expect(() => s.add(2)).toThrow(/Cannot add to a value set in place \(add\): value sets are immutable; use set\.with\(x\)/);
    expect(() => s.delete(1)).toThrow(/Cannot delete from a value set/);
  });
});

describe("structural equality", () => {
  it("holds exactly when the encodings are equal, for values of random domains", () => {
    const pair = schemaWithValue.chain(([schema, a]) =>
      fc.tuple(fc.constant(schema), fc.constant(a), fc.oneof(valueArb(schema), fc.constant(structuredRebuild(a)))),
    );
    fc.assert(
      fc.property(pair, ([schema, a, b]) => {
        const node = codecNode(schema);
        const x = new Int32Array(node.width);
        const y = new Int32Array(node.width);
        node.encode(a, x, 0);
        node.encode(b, y, 0);
        expect(equals(a, b)).toBe(x.join() === y.join());
        expect(equals(a, node.decode(x, 0))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

function subsetsOf(list: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let bits = 0; bits < 1 << list.length; bits++) out.push(list.filter((_, i) => bits & (1 << i)));
  return out;
}

/** A copy of a value with fresh objects (and keys in reverse order), equal but never identical. */
function structuredRebuild(value: unknown): unknown {
  if (value instanceof ValueSet) return value.filter(() => true).union(value);
  if (Array.isArray(value)) return value.map(structuredRebuild);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, structuredRebuild(v)]));
  }
  return value;
}
