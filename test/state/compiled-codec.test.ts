import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codecNode, compileCodec } from "../../src/state/codec.ts";
import type { Schema } from "../../src/state/schema.ts";
import { EncodeError } from "../../src/model/encode-error.ts";
import { schemaArb, valueArb } from "./arbitraries.ts";
import { universeFor, ValueSet } from "../../src/state/value-set.ts";

const schema: Schema = {
  kind: "record",
  fields: [
    ["pc", { kind: "tuple", items: [0, 1, 2].map(() => ({ kind: "enum", values: ["idle", "trying", "cs"] }) as Schema) }],
    ["n", { kind: "int", min: -2, max: 5 }],
    ["ok", { kind: "bool" }],
    ["m", { kind: "map", key: { kind: "int", min: 1, max: 2 }, value: { kind: "optional", inner: { kind: "int", min: 0, max: 3 } } }],
    ["s", { kind: "set", element: { kind: "enum", values: ["a", "b"] } }],
    ["q", { kind: "seq", element: { kind: "bool" }, maxLength: 2 }],
  ],
};

describe("compiled codec", () => {
  const compiled = compileCodec<unknown>(schema);
  const node = codecNode(schema);

  it("encodes every value exactly as the interpreted codec does, and decodes it back", () => {
    const values = [...node.values()].filter((_, i) => i % 97 === 0);
    expect(values.length).toBeGreaterThan(100);
    const a = new Int32Array(node.width);
    const b = new Int32Array(node.width);
    for (const v of values) {
      compiled.encode(v, a, 0);
      node.encode(v, b, 0);
      expect([...a]).toEqual([...b]);
      expect(compiled.decode(a, 0)).toEqual(node.decode(b, 0));
    }
  });

  it("rejects values outside the schema with the interpreted codec's path", () => {
    const s = ValueSet.build(universeFor(codecNode({ kind: "enum", values: ["a", "b"] })), ["a"], "of");
    const good = { pc: ["idle", "cs", "idle"], n: 0, ok: true, m: { 1: undefined, 2: 3 }, s, q: [true] };
    expect(() => compiled.encode(good, new Int32Array(node.width), 0)).not.toThrow();
    const cases: [string, unknown][] = [
      ["pc", ["idle", "x", "idle"]],
      ["n", 6],
      ["n", 1.5],
      ["ok", 1],
      ["m", { 1: 4, 2: 0 }],
      ["m", { 2: 0 }],
      ["m", { 1: 0, 2: 0, 3: 0 }],
      ["s", new Set(["a"])],
      ["nn", 1],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...cases), ([key, bad]) => {
        const out = new Int32Array(node.width);
        expect(() => compiled.encode({ ...good, [key]: bad }, out, 0)).toThrow(EncodeError);
        let path = "";
        try {
          compiled.encode({ ...good, [key]: bad }, out, 0);
        } catch (e) {
          path = (e as EncodeError).path;
        }
        expect(path.startsWith(`.${key}`)).toBe(true);
      }),
    );
  });
});

describe("compiled codec: encodeSuccessor", () => {
  /** A successor of `parent` (a decoded state): each part either the parent's own object or rebuilt from `fresh`. */
  function successor(schema: Schema, parent: unknown, fresh: unknown, coin: () => boolean): unknown {
    if (coin()) return parent;
    switch (schema.kind) {
      case "record":
        return Object.fromEntries(schema.fields.map(([k, f]) => [k, successor(f, (parent as any)[k], (fresh as any)[k], coin)]));
      case "map":
        return Object.fromEntries(Object.keys(fresh as object).map((k) => [k, successor(schema.value, (parent as any)[k], (fresh as any)[k], coin)]));
      case "tuple":
        return schema.items.map((item, i) => successor(item, (parent as any)[i], (fresh as any)[i], coin));
      default:
        return fresh;
    }
  }

  it("writes over the parent's encoding exactly what encode writes, sharing or not sharing the parent's objects", () => {
    fc.assert(
      fc.property(schemaArb.chain((s) => fc.tuple(fc.constant(s), valueArb(s), valueArb(s), fc.integer())), ([s, a, b, seed]) => {
        const codec = compileCodec<unknown>(s);
        const parentVector = new Int32Array(codec.width);
        codec.encode(a, parentVector, 0);
        const parent = codec.decode(parentVector, 0);
        let x = seed;
        const coin = () => ((x = (Math.imul(x, 1103515245) + 12345) | 0) & 0x10000) !== 0;
        const next = successor(s, parent, b, coin);
        const want = new Int32Array(codec.width);
        codec.encode(next, want, 0);
        const got = parentVector.slice();
        codec.encodeSuccessor!(next, parent, got, 0);
        expect([...got]).toEqual([...want]);
      }),
      { numRuns: 400 },
    );
  });

  it("rejects a successor outside the schema as encode does, even where the parent's field is an absent optional", () => {
    const s: Schema = { kind: "record", fields: [["a", { kind: "optional", inner: { kind: "int", min: 0, max: 2 } }], ["b", { kind: "int", min: 0, max: 2 }]] };
    const codec = compileCodec<any>(s);
    const v = new Int32Array(codec.width);
    codec.encode({ a: undefined, b: 1 }, v, 0);
    const parent = codec.decode(v, 0);
    for (const bad of [{ b: 1, c: undefined }, { b: 1 }, { ...parent, b: 3 }, { ...parent, a: 5 }]) {
      expect(() => codec.encode(bad, v.slice(), 0)).toThrow(EncodeError);
      expect(() => codec.encodeSuccessor!(bad, parent, v.slice(), 0)).toThrow(EncodeError);
    }
  });
});
