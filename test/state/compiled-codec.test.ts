import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codecNode, compileCodec } from "../../src/state/codec.ts";
import type { Schema } from "../../src/state/schema.ts";
import { EncodeError } from "../../src/model/encode-error.ts";
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
