import fc from "fast-check";
import { codecNode } from "../../src/state/codec.ts";
import type { Schema } from "../../src/state/schema.ts";
import { universeFor, ValueSet } from "../../src/state/value-set.ts";

/** Random schemas of every kind (small), and values generated from a schema independently of the codec. */
export const scalarSchema: fc.Arbitrary<Schema> = fc.oneof(
  fc.constant<Schema>({ kind: "bool" }),
  fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 6 })).map(([min, span]) => ({ kind: "int", min, max: min + span }) as Schema),
  fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", 1, 2, true), { minLength: 1, maxLength: 4 }).map((values) => ({ kind: "enum", values }) as Schema),
);

export const schemaArb: fc.Arbitrary<Schema> = fc.letrec<{ schema: Schema }>((tie) => ({
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
export function valueArb(schema: Schema): fc.Arbitrary<unknown> {
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
    case "set": {
      const universe = universeFor(codecNode(schema.element));
      return fc.array(valueArb(schema.element), { maxLength: 6 }).map((vs) => ValueSet.build(universe, vs, "of"));
    }
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

export const schemaWithValue = schemaArb.chain((schema) => fc.tuple(fc.constant(schema), valueArb(schema)));

