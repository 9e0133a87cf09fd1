import type { Json } from "../model/model.ts";
import { EncodeError } from "../model/encode-error.ts";
import type { CodecNode } from "./codec-node.ts";
import { describeSchema, type Scalar, type Schema } from "./schema.ts";

/** Throws the EncodeError for `value` outside `schema` (at `path` inside the value being encoded). */
export function fail(value: unknown, schema: Schema, path = "", expected = describeSchema(schema)): never {
  throw new EncodeError(path, value, expected);
}

/** Re-throws an EncodeError from a child with the child's position prepended to its path. */
export function within(prefix: string, error: unknown): never {
  if (error instanceof EncodeError) throw new EncodeError(prefix + error.path, error.value, error.expected);
  throw error;
}

/** `.name` for identifier-like keys, `["odd key"]` otherwise: how a field appears in paths. */
export function fieldPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

export function boolNode(schema: Schema & { kind: "bool" }): CodecNode {
  return {
    schema,
    width: 1,
    size: 2,
    encode(value, out, offset) {
      if (value === true) out[offset] = 1;
      else if (value === false) out[offset] = 0;
      else fail(value, schema);
    },
    decode: (vector, offset) => vector[offset] === 1,
    toJson: (value) => value as boolean,
    ordinal: (value) => (value === false ? 0 : value === true ? 1 : -1),
    valueAt: (ordinal) => ordinal === 1,
    values: () => [false, true],
  };
}

export function intNode(schema: Schema & { kind: "int" }): CodecNode {
  const { min, max } = schema;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max || min < -(2 ** 31) || max >= 2 ** 31) {
    throw new Error(`int domain ${min}..${max} is empty or not within 32-bit integers`);
  }
  return {
    schema,
    width: 1,
    size: max - min + 1,
    encode(value, out, offset) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) fail(value, schema);
      out[offset] = value;
    },
    decode: (vector, offset) => vector[offset],
    toJson: (value) => value as number,
    ordinal: (value) =>
      typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? value - min : -1,
    valueAt: (ordinal) => min + ordinal,
    *values() {
      for (let v = min; v <= max; v++) yield v;
    },
  };
}

export function enumNode(schema: Schema & { kind: "enum" }): CodecNode {
  const { values } = schema;
  if (values.length === 0) throw new Error("enum domain has no values");
  const index = new Map<unknown, number>();
  values.forEach((v, i) => {
    if (index.has(v)) throw new Error(`enum domain lists ${JSON.stringify(v)} twice`);
    index.set(v, i);
  });
  return {
    schema,
    width: 1,
    size: values.length,
    encode(value, out, offset) {
      const i = index.get(value);
      if (i === undefined) fail(value, schema);
      out[offset] = i;
    },
    decode: (vector, offset) => values[vector[offset]],
    toJson: (value) => value as Scalar as Json,
    ordinal: (value) => index.get(value) ?? -1,
    valueAt: (ordinal) => values[ordinal],
    values: () => values,
  };
}
