import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { codecNode } from "../../src/state/codec.ts";
import { sizeOf, type Schema } from "../../src/state/schema.ts";
import { EncodeError } from "../../src/model/encode-error.ts";

const scalarSchema: fc.Arbitrary<Schema> = fc.oneof(
  fc.constant<Schema>({ kind: "bool" }),
  fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 6 })).map(([min, span]) => ({ kind: "int", min, max: min + span }) as Schema),
  fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", 1, 2, true), { minLength: 1, maxLength: 4 }).map((values) => ({ kind: "enum", values }) as Schema),
);

const schemaArb: fc.Arbitrary<Schema> = fc.letrec<{ schema: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarSchema,
    fc.uniqueArray(fc.tuple(fc.constantFrom("x", "y", "z", "w"), tie("schema")), { maxLength: 3, selector: ([k]) => k })
      .map((fields) => ({ kind: "record", fields }) as Schema),
    fc.array(tie("schema"), { maxLength: 3 }).map((items) => ({ kind: "tuple", items }) as Schema),
    fc.tuple(scalarSchema, tie("schema")).map(([key, value]) => ({ kind: "map", key, value }) as Schema),
    scalarSchema.map((element) => ({ kind: "set", element }) as Schema),
    fc.tuple(scalarSchema, fc.integer({ min: 0, max: 3 })).map(([element, maxLength]) => ({ kind: "seq", element, maxLength }) as Schema),
    tie("schema")
      .filter((inner) => inner.kind !== "optional")
      .map((inner) => ({ kind: "optional", inner }) as Schema),
  ),
})).schema;

/** Values of a schema, generated independently of the codec under test. */
function valueArb(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.kind) {
    case "bool":
      return fc.boolean();
    case "int":
      return fc.integer({ min: schema.min, max: schema.max });
    case "enum":
      return fc.constantFrom(...schema.values);
    case "record":
      return fc.record(Object.fromEntries(schema.fields.map(([k, f]) => [k, valueArb(f)])));
    case "tuple":
      return fc.tuple(...schema.items.map(valueArb));
    case "map": {
      const keys = keysOf(schema.key);
      return fc.tuple(...keys.map(() => valueArb(schema.value))).map((vs) => Object.fromEntries(keys.map((k, i) => [String(k), vs[i]])));
    }
    case "set":
      return fc.array(valueArb(schema.element), { maxLength: 6 }).map((vs) => new Set(vs));
    case "seq":
      return fc.array(valueArb(schema.element), { maxLength: schema.maxLength });
    case "optional":
      return fc.option(valueArb(schema.inner), { nil: undefined });
  }
}

function keysOf(schema: Schema): readonly (string | number | boolean)[] {
  if (schema.kind === "bool") return [false, true];
  if (schema.kind === "int") return Array.from({ length: schema.max - schema.min + 1 }, (_, i) => schema.min + i);
  if (schema.kind === "enum") return schema.values;
  throw new Error("not a key schema");
}

const schemaWithValue = schemaArb.chain((schema) => fc.tuple(fc.constant(schema), valueArb(schema)));

describe("codec", () => {
  it("round-trips: encode(decode(encode(v))) equals encode(v), and decode gives an equal value", () => {
    fc.assert(
      fc.property(schemaWithValue, ([schema, value]) => {
        const node = codecNode(schema);
        const a = new Int32Array(node.width);
        node.encode(value, a, 0);
        const decoded = node.decode(a, 0);
        const b = new Int32Array(node.width);
        node.encode(decoded, b, 0);
        expect([...b]).toEqual([...a]);
        expect(node.toJson(decoded)).toEqual(node.toJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it("numbers values by ordinal consistently with enumeration, for small domains", () => {
    fc.assert(
      fc.property(schemaArb.filter((s) => sizeOf(s) <= 200), (schema) => {
        const node = codecNode(schema);
        const all = [...node.values()];
        expect(all.length).toBe(node.size);
        const seen = new Set<string>();
        all.forEach((v, i) => {
          expect(node.ordinal(v)).toBe(i);
          const vec = new Int32Array(node.width);
          node.encode(v, vec, 0);
          seen.add(vec.join(","));
        });
        expect(seen.size).toBe(all.length); // the encoding is injective
      }),
      { numRuns: 300 },
    );
  });

  it("refuses an optional of an optional, whose two absences would be the same value", () => {
    expect(() => codecNode({ kind: "optional", inner: { kind: "optional", inner: { kind: "bool" } } })).toThrow(/ambiguous/);
  });

  it("encodes sets canonically, whatever the insertion order", () => {
    const node = codecNode({ kind: "set", element: { kind: "int", min: 0, max: 40 } });
    const a = new Int32Array(node.width);
    const b = new Int32Array(node.width);
    node.encode(new Set([3, 39, 0]), a, 0);
    node.encode(new Set([0, 39, 3, 3]), b, 0);
    expect([...a]).toEqual([...b]);
    expect(node.width).toBe(2);
  });

  it("names the path and value of anything outside the schema", () => {
    const node = codecNode({
      kind: "record",
      fields: [
        ["pc", { kind: "map", key: { kind: "int", min: 1, max: 2 }, value: { kind: "enum", values: ["idle", "cs"] } }],
        ["q", { kind: "seq", element: { kind: "int", min: 0, max: 1 }, maxLength: 2 }],
      ],
    });
    const out = new Int32Array(node.width);
    const errorOf = (v: unknown) => {
      try {
        node.encode(v, out, 0);
      } catch (e) {
        return e as EncodeError;
      }
      throw new Error("expected an EncodeError");
    };
    expect(errorOf({ pc: { 1: "idle", 2: "crit" }, q: [] })).toMatchObject({ path: '.pc[2]', value: "crit" });
    expect(errorOf({ pc: { 1: "idle", 2: "cs" }, q: [0, 1, 1] })).toMatchObject({ path: ".q" });
    expect(errorOf({ pc: { 1: "idle", 2: "cs" }, q: [0, 7] })).toMatchObject({ path: ".q[1]", value: 7 });
    expect(errorOf({ pc: { 1: "idle", 2: "cs" }, q: [0.5] })).toMatchObject({ path: ".q[0]", value: 0.5 });
  });
});
