import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codecNode, interpretedNode } from "../../src/state/codec.ts";
import type { Schema } from "../../src/state/schema.ts";
import { schemaArb, schemaWithValue, valueArb } from "./arbitraries.ts";

/** Values near the schema's: the right shape with one part replaced by something else. */
function nearMiss(schema: Schema): fc.Arbitrary<unknown> {
  const junk = fc.constantFrom<unknown>(undefined, null, 0, -1, 1.5, NaN, "a", "zz", true, [], {}, new Set([1]), Object.create({ x: 1 }));
  switch (schema.kind) {
    case "record":
      return fc.tuple(valueArb(schema), fc.constantFrom("x", "y", "z", "w", "extra"), junk).map(([v, key, bad]) => ({ ...(v as object), [key]: bad }));
    case "map":
    case "tuple":
    case "seq":
      return fc.tuple(valueArb(schema), fc.nat({ max: 4 }), junk).map(([v, i, bad]) => {
        if (Array.isArray(v)) return Object.assign([...v], { [i]: bad });
        const keys = Object.keys(v as object);
        return keys.length ? { ...(v as object), [keys[i % keys.length]]: bad } : { extra: bad };
      });
    default:
      return fc.oneof(valueArb(schema), junk);
  }
}

describe("compiled ordinals", () => {
  it("number every value of a schema as the interpreted node does", () => {
    fc.assert(
      fc.property(schemaWithValue, ([schema, value]) => {
        const o = codecNode(schema).ordinal(value);
        expect(o).toBe(interpretedNode(schema).ordinal(value));
        if (schema.kind !== "set" || codecNode(schema.element).size <= 30) expect(o).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it("give -1 for what is not a value of the schema, exactly when the interpreted node does", () => {
    fc.assert(
      fc.property(schemaArb.chain((schema) => fc.tuple(fc.constant(schema), nearMiss(schema))), ([schema, value]) => {
        expect(codecNode(schema).ordinal(value)).toBe(interpretedNode(schema).ordinal(value));
      }),
      { numRuns: 1000 },
    );
  });

  it("are the inverse of valueAt over a whole small domain", () => {
    const schema: Schema = {
      kind: "record",
      fields: [
        ["type", { kind: "enum", values: ["a", "b", "c"] }],
        ["ins", { kind: "optional", inner: { kind: "enum", values: ["r1", "r2"] } }],
        ["bal", { kind: "optional", inner: { kind: "int", min: -1, max: 1 } }],
        ["q", { kind: "seq", element: { kind: "bool" }, maxLength: 2 }],
      ],
    };
    const node = codecNode(schema);
    for (let o = 0; o < node.size; o++) expect(node.ordinal(node.valueAt(o))).toBe(o);
    expect(node.ordinal({ type: "a", bal: 0, q: [] })).toBe(-1); // ins missing, not an absent optional
    expect(node.ordinal({ type: "a", ins: undefined, bal: 0, q: [], more: 1 })).toBe(-1);
  });
});
