import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { codecNode } from "../../src/state/codec.ts";
import { sizeOf } from "../../src/state/schema.ts";
import { EncodeError } from "../../src/model/encode-error.ts";
import { universeFor, ValueSet } from "../../src/state/value-set.ts";
import { schemaArb, schemaWithValue } from "./arbitraries.ts";

/** The EncodeError `node` throws for a value (failing the test if it encodes). */
function encodeError(node: ReturnType<typeof codecNode>): (v: unknown) => EncodeError {
  const out = new Int32Array(node.width);
  return (v) => {
    try {
      node.encode(v, out, 0);
    } catch (e) {
      return e as EncodeError;
    }
    throw new Error("expected an EncodeError");
  };
}

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

  it("encodes sets canonically, whatever the order they were built in", () => {
    const node = codecNode({ kind: "set", element: { kind: "int", min: 0, max: 40 } });
    const universe = universeFor(codecNode({ kind: "int", min: 0, max: 40 }));
    const a = new Int32Array(node.width);
    const b = new Int32Array(node.width);
    node.encode(ValueSet.build(universe, [3, 39, 0], "of"), a, 0);
    node.encode(ValueSet.build(universe, [0, 39, 3, 3], "of"), b, 0);
    expect([...a]).toEqual([...b]);
    expect(node.width).toBe(2);
  });

  it("encodes a set built over another domain by its elements, and refuses a JavaScript Set", () => {
    const node = codecNode({ kind: "set", element: { kind: "int", min: 0, max: 40 } });
    const small = ValueSet.build(universeFor(codecNode({ kind: "int", min: 2, max: 5 })), [5, 3], "of");
    const same = ValueSet.build(universeFor(codecNode({ kind: "int", min: 0, max: 40 })), [3, 5], "of");
    const a = new Int32Array(node.width);
    const b = new Int32Array(node.width);
    node.encode(small, a, 0);
    node.encode(same, b, 0);
    expect([...a]).toEqual([...b]);
    expect(() => node.encode(new Set([3]), a, 0)).toThrow(/a JavaScript Set is not one \(it compares records by reference\)/);
    const outside = ValueSet.build(universeFor(codecNode({ kind: "int", min: 0, max: 50 })), [45], "of");
    expect(() => node.encode(outside, a, 0)).toThrow(EncodeError);
  });

  it("refuses a record with an unknown or a missing field, and a map with an extra key", () => {
    const node = codecNode({
      kind: "record",
      fields: [
        ["pc", { kind: "map", key: { kind: "int", min: 1, max: 2 }, value: { kind: "enum", values: ["idle", "cs"] } }],
        ["owner", { kind: "optional", inner: { kind: "int", min: 0, max: 1 } }],
      ],
    });
    const errorOf = encodeError(node);
    const pc = { 1: "idle", 2: "cs" };
    expect(errorOf({ pc, owner: 0, pcc: 1 })).toMatchObject({ path: ".pcc", value: 1, expected: 'only the fields pc, owner — "pcc" is not one of them' });
    expect(errorOf({ pc })).toMatchObject({ path: ".owner", value: undefined, expected: "an integer in 0..1 or undefined — the field is missing" });
    expect(errorOf({ pc, pcc: undefined })).toMatchObject({ path: ".pcc" });
    expect(errorOf({ pc: { ...pc, 3: "cs" }, owner: undefined })).toMatchObject({ path: ".pc[\"3\"]", value: "cs" });
    expect(errorOf(Object.assign(Object.create({ pc }), { owner: 1 }))).toMatchObject({ path: "" });
  });

  it("names the path and value of anything outside the schema", () => {
    const node = codecNode({
      kind: "record",
      fields: [
        ["pc", { kind: "map", key: { kind: "int", min: 1, max: 2 }, value: { kind: "enum", values: ["idle", "cs"] } }],
        ["q", { kind: "seq", element: { kind: "int", min: 0, max: 1 }, maxLength: 2 }],
      ],
    });
    const errorOf = encodeError(node);
    expect(errorOf({ pc: { 1: "idle", 2: "crit" }, q: [] })).toMatchObject({ path: '.pc[2]', value: "crit" });
    expect(errorOf({ pc: { 1: "idle", 2: "cs" }, q: [0, 1, 1] })).toMatchObject({ path: ".q" });
    expect(errorOf({ pc: { 1: "idle", 2: "cs" }, q: [0, 7] })).toMatchObject({ path: ".q[1]", value: 7 });
    expect(errorOf({ pc: { 1: "idle", 2: "cs" }, q: [0.5] })).toMatchObject({ path: ".q[0]", value: 0.5 });
  });
});
