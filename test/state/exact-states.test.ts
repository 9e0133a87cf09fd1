import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codecNode, compileCodec } from "../../src/state/codec.ts";
import { EncodeError } from "../../src/model/encode-error.ts";
import { isValueSet } from "../../src/state/value-set.ts";
import { schemaWithValue } from "./arbitraries.ts";

/** The plain objects (records, maps) inside a value, with a way to replace each. */
function objectsIn(value: unknown, replace: (v: unknown) => unknown, out: { get: () => Record<string, unknown>; set: (v: unknown) => unknown }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => objectsIn(v, (x) => replace(value.map((y, j) => (j === i ? x : y))), out));
  } else if (typeof value === "object" && value !== null && !isValueSet(value)) {
    const record = value as Record<string, unknown>;
    out.push({ get: () => record, set: replace });
    for (const k of Object.keys(record)) objectsIn(record[k], (x) => replace({ ...record, [k]: x }), out);
  }
  return out;
}

type Mutation = "add-key" | "drop-key" | "rename-key";

function outcome(encode: (v: unknown, out: Int32Array, offset: number) => void, width: number, value: unknown): string {
  const out = new Int32Array(width);
  try {
    encode(value, out, 0);
    return `ok ${out.join(",")}`;
  } catch (e) {
    if (!(e instanceof EncodeError)) throw e;
    return `error at ${e.path}`;
  }
}

describe("exact states", () => {
  it("a record or map with an unknown, missing or renamed key is outside the schema, in the compiled and the interpreted codec alike", () => {
    const mutated = schemaWithValue
      .map(([schema, value]) => ({ schema: { kind: "record" as const, fields: [["root", schema] as const] }, value: { root: value } }))
      .chain(({ schema, value }) =>
        fc.tuple(fc.constant(schema), fc.constant(value), fc.nat(), fc.constantFrom<Mutation>("add-key", "drop-key", "rename-key")),
      );
    fc.assert(
      fc.property(mutated, ([schema, value, pick, mutation]) => {
        const objects = objectsIn(value, (v) => v);
        const target = objects[pick % objects.length];
        const record = target.get();
        const keys = Object.keys(record);
        if (mutation !== "add-key" && keys.length === 0) return;
        const changed =
          mutation === "add-key"
            ? { ...record, typo: 0 }
            : mutation === "drop-key"
              ? Object.fromEntries(Object.entries(record).slice(1))
              : Object.fromEntries(Object.entries(record).map(([k, v], i) => [i === 0 ? `${k}_` : k, v]));
        const bad = target.set(changed);
        const node = codecNode(schema);
        const interpreted = outcome(node.encode, node.width, bad);
        expect(interpreted).toMatch(/^error at /);
        expect(outcome(compileCodec(schema).encode, node.width, bad)).toBe(interpreted);
        expect(node.ordinal(bad)).toBe(-1);
      }),
      { numRuns: 400 },
    );
  });
});
