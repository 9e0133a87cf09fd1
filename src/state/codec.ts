import type { Codec, Json } from "../model/model.ts";
import { EncodeError } from "../model/encode-error.ts";
import { unreachable } from "../model/unreachable.ts";
import { compileNode } from "./compiled-codec.ts";
import { describeSchema, scalarValues, sizeOf, type Scalar, type Schema } from "./schema.ts";

/** Largest element domain a `Set` may range over: its bitset takes size/32 slots per state. */
export const MAX_SET_ELEMENTS = 4096;

/**
 * One compiled schema node: a fixed-width encoder/decoder plus the ordinal numbering of its
 * values (used for set bitsets and enumeration).
 */
export interface CodecNode {
  readonly schema: Schema;
  readonly width: number;
  readonly size: number;
  encode(value: unknown, out: Int32Array, offset: number): void;
  decode(vector: Int32Array, offset: number): unknown;
  toJson(value: unknown): Json;
  /** Position of `value` among the domain's values, or -1 if outside the domain. */
  ordinal(value: unknown): number;
  /** All values in ordinal order. */
  values(): Iterable<unknown>;
}

/** Compiles a schema into a node; throws a plain Error naming the problem for an unusable schema. */
export function codecNode(schema: Schema): CodecNode {
  switch (schema.kind) {
    case "bool":
      return boolNode(schema);
    case "int":
      return intNode(schema);
    case "enum":
      return enumNode(schema);
    case "record":
      return recordNode(schema);
    case "tuple":
      return tupleNode(schema);
    case "map":
      return mapNode(schema);
    case "set":
      return setNode(schema);
    case "seq":
      return seqNode(schema);
    case "optional":
      return optionalNode(schema);
    default:
      return unreachable(schema);
  }
}

/** The codec of a state whose schema is `schema` (normally a record). */
export function compileCodec<S>(schema: Schema): Codec<S> {
  const node = codecNode(schema);
  const compiled = compileNode(node, codecNode);
  return {
    width: node.width,
    encode: compiled.encode as Codec<S>["encode"],
    decode: compiled.decode as Codec<S>["decode"],
    toJson: node.toJson as Codec<S>["toJson"],
  };
}

function fail(value: unknown, schema: Schema, path = ""): never {
  throw new EncodeError(path, value, describeSchema(schema));
}

/** Re-throws an EncodeError from a child with the child's position prepended to its path. */
function within(prefix: string, error: unknown): never {
  if (error instanceof EncodeError) throw new EncodeError(prefix + error.path, error.value, error.expected);
  throw error;
}

function boolNode(schema: Schema & { kind: "bool" }): CodecNode {
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
    values: () => [false, true],
  };
}

function intNode(schema: Schema & { kind: "int" }): CodecNode {
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
    *values() {
      for (let v = min; v <= max; v++) yield v;
    },
  };
}

function enumNode(schema: Schema & { kind: "enum" }): CodecNode {
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
    toJson: (value) => value as Scalar,
    ordinal: (value) => index.get(value) ?? -1,
    values: () => values,
  };
}

/** Mixed-radix ordinal over a fixed list of component nodes (records and tuples). */
function productOrdinal(nodes: readonly CodecNode[], get: (value: unknown, i: number) => unknown) {
  return (value: unknown): number => {
    let ord = 0;
    for (let i = 0; i < nodes.length; i++) {
      const o = nodes[i].ordinal(get(value, i));
      if (o < 0) return -1;
      ord = ord * nodes[i].size + o;
    }
    return ord;
  };
}

function* product(nodes: readonly CodecNode[], build: (parts: unknown[]) => unknown): Iterable<unknown> {
  const parts: unknown[] = new Array(nodes.length);
  function* go(i: number): Generator<unknown> {
    if (i === nodes.length) {
      yield build(parts.slice());
      return;
    }
    for (const v of nodes[i].values()) {
      parts[i] = v;
      yield* go(i + 1);
    }
  }
  yield* go(0);
}

function recordNode(schema: Schema & { kind: "record" }): CodecNode {
  const keys = schema.fields.map(([k]) => k);
  const nodes = schema.fields.map(([, f]) => codecNode(f));
  const offsets: number[] = [];
  let width = 0;
  for (const n of nodes) {
    offsets.push(width);
    width += n.width;
  }
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Set);
  return {
    schema,
    width,
    size: nodes.reduce((n, c) => n * c.size, 1),
    encode(value, out, offset) {
      if (!isRecord(value)) fail(value, schema);
      for (let i = 0; i < nodes.length; i++) {
        try {
          nodes[i].encode(value[keys[i]], out, offset + offsets[i]);
        } catch (e) {
          within(`.${keys[i]}`, e);
        }
      }
    },
    decode(vector, offset) {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < nodes.length; i++) setKey(result, keys[i], nodes[i].decode(vector, offset + offsets[i]));
      return result;
    },
    toJson(value) {
      const result: Record<string, Json> = {};
      const record = value as Record<string, unknown>;
      for (let i = 0; i < nodes.length; i++) setKey(result, keys[i], nodes[i].toJson(record[keys[i]]));
      return result;
    },
    ordinal: (value) => (isRecord(value) ? recordOrdinal(value) : -1),
    values: () =>
      product(nodes, (parts) => {
        const r: Record<string, unknown> = {};
        parts.forEach((p, i) => setKey(r, keys[i], p));
        return r;
      }),
  };
  function recordOrdinal(value: Record<string, unknown>) {
    return productOrdinal(nodes, (v, i) => (v as Record<string, unknown>)[keys[i]])(value);
  }
}

function tupleNode(schema: Schema & { kind: "tuple" }): CodecNode {
  const nodes = schema.items.map(codecNode);
  const offsets: number[] = [];
  let width = 0;
  for (const n of nodes) {
    offsets.push(width);
    width += n.width;
  }
  const ordinal = productOrdinal(nodes, (v, i) => (v as unknown[])[i]);
  return {
    schema,
    width,
    size: nodes.reduce((n, c) => n * c.size, 1),
    encode(value, out, offset) {
      if (!Array.isArray(value) || value.length !== nodes.length) fail(value, schema);
      for (let i = 0; i < nodes.length; i++) {
        try {
          nodes[i].encode(value[i], out, offset + offsets[i]);
        } catch (e) {
          within(`[${i}]`, e);
        }
      }
    },
    decode(vector, offset) {
      const result = new Array(nodes.length);
      for (let i = 0; i < nodes.length; i++) result[i] = nodes[i].decode(vector, offset + offsets[i]);
      return result;
    },
    toJson: (value) => (value as unknown[]).map((v, i) => nodes[i].toJson(v)),
    ordinal: (value) => (Array.isArray(value) && value.length === nodes.length ? ordinal(value) : -1),
    values: () => product(nodes, (parts) => parts),
  };
}

function mapNode(schema: Schema & { kind: "map" }): CodecNode {
  const keys = scalarValues(schema.key);
  if (!keys) throw new Error(`map keys must be an int, enum or bool domain, not ${describeSchema(schema.key)}`);
  const valueNode = codecNode(schema.value);
  const w = valueNode.width;
  const nodes = keys.map(() => valueNode);
  const ordinal = productOrdinal(nodes, (v, i) => (v as Record<string, unknown>)[String(keys[i])]);
  const isMap = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !(value instanceof Set);
  return {
    schema,
    width: w * keys.length,
    size: valueNode.size ** keys.length,
    encode(value, out, offset) {
      if (!isMap(value)) fail(value, schema);
      for (let i = 0; i < keys.length; i++) {
        try {
          valueNode.encode(value[String(keys[i])], out, offset + i * w);
        } catch (e) {
          within(`[${JSON.stringify(keys[i])}]`, e);
        }
      }
    },
    decode(vector, offset) {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) setKey(result, String(keys[i]), valueNode.decode(vector, offset + i * w));
      return result;
    },
    toJson(value) {
      const result: Record<string, Json> = {};
      const map = value as Record<string, unknown>;
      for (const k of keys) setKey(result, String(k), valueNode.toJson(map[String(k)]));
      return result;
    },
    ordinal: (value) => (isMap(value) ? ordinal(value) : -1),
    values: () =>
      product(nodes, (parts) => {
        const r: Record<string, unknown> = {};
        parts.forEach((p, i) => setKey(r, String(keys[i]), p));
        return r;
      }),
  };
}

/** `target[key] = value` as an own property, also for the key "__proto__" (which assignment would take as the prototype). */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Ordinals for element domains whose nodes have no arithmetic ordinal of their own. */
function elementTable(node: CodecNode) {
  let elements: unknown[] | undefined;
  return {
    at(i: number): unknown {
      elements ??= [...node.values()];
      return elements[i];
    },
  };
}

function setNode(schema: Schema & { kind: "set" }): CodecNode {
  const element = codecNode(schema.element);
  const n = element.size;
  if (n > MAX_SET_ELEMENTS) {
    throw new Error(`a Set's element domain has ${n} values; at most ${MAX_SET_ELEMENTS} are supported`);
  }
  const words = Math.max(1, Math.ceil(n / 32));
  const table = elementTable(element);
  const scratch = new Int32Array(element.width);
  return {
    schema,
    width: words,
    size: 2 ** n,
    encode(value, out, offset) {
      if (!(value instanceof Set)) fail(value, schema);
      for (let i = 0; i < words; i++) out[offset + i] = 0;
      for (const e of value) {
        const o = element.ordinal(e);
        if (o < 0) {
          try {
            element.encode(e, scratch, 0);
          } catch (err) {
            within("{element}", err);
          }
          fail(e, schema.element, "{element}");
        }
        out[offset + (o >>> 5)] |= 1 << (o & 31);
      }
    },
    decode(vector, offset) {
      const result = new Set<unknown>();
      for (let i = 0; i < words; i++) {
        let bits = vector[offset + i];
        while (bits !== 0) {
          const low = bits & -bits;
          result.add(table.at(i * 32 + 31 - Math.clz32(low)));
          bits ^= low;
        }
      }
      return result;
    },
    toJson(value) {
      const ordered = [...(value as Set<unknown>)].map((e) => [element.ordinal(e), e] as const);
      ordered.sort((a, b) => a[0] - b[0]);
      return ordered.map(([, e]) => element.toJson(e));
    },
    ordinal(value) {
      if (!(value instanceof Set) || n > 30) return -1;
      let ord = 0;
      for (const e of value) {
        const o = element.ordinal(e);
        if (o < 0) return -1;
        ord |= 1 << o;
      }
      return ord;
    },
    *values() {
      if (n > 30) throw new Error("cannot enumerate the subsets of more than 30 elements");
      for (let bits = 0; bits < 2 ** n; bits++) {
        const s = new Set<unknown>();
        for (let i = 0; i < n; i++) if (bits & (1 << i)) s.add(table.at(i));
        yield s;
      }
    },
  };
}

function seqNode(schema: Schema & { kind: "seq" }): CodecNode {
  const element = codecNode(schema.element);
  const max = schema.maxLength;
  if (!Number.isInteger(max) || max < 0) throw new Error(`sequence bound ${max} must be a non-negative integer`);
  const w = element.width;
  const size = sizeOf(schema);
  const strings = new Map<string, number>();
  let listed: unknown[] | undefined;
  const all = function* (): Generator<unknown[]> {
    for (let len = 0; len <= max; len++) {
      const nodes = new Array<CodecNode>(len).fill(element);
      yield* product(nodes, (parts) => parts) as Iterable<unknown[]>;
    }
  };
  return {
    schema,
    width: 1 + w * max,
    size,
    encode(value, out, offset) {
      if (!Array.isArray(value) || value.length > max) fail(value, schema);
      out[offset] = value.length;
      for (let i = 0; i < value.length; i++) {
        try {
          element.encode(value[i], out, offset + 1 + i * w);
        } catch (e) {
          within(`[${i}]`, e);
        }
      }
      out.fill(0, offset + 1 + value.length * w, offset + 1 + max * w);
    },
    decode(vector, offset) {
      const len = vector[offset];
      const result = new Array(len);
      for (let i = 0; i < len; i++) result[i] = element.decode(vector, offset + 1 + i * w);
      return result;
    },
    toJson: (value) => (value as unknown[]).map((v) => element.toJson(v)),
    ordinal(value) {
      if (!Array.isArray(value) || value.length > max || size > MAX_SET_ELEMENTS) return -1;
      if (!listed) {
        listed = [...all()];
        listed.forEach((v, i) => strings.set(JSON.stringify(v), i));
      }
      return strings.get(JSON.stringify(value)) ?? -1;
    },
    values: all,
  };
}

function optionalNode(schema: Schema & { kind: "optional" }): CodecNode {
  if (schema.inner.kind === "optional") throw new Error("an optional of an optional is ambiguous: both absences are undefined");
  const inner = codecNode(schema.inner);
  return {
    schema,
    width: 1 + inner.width,
    size: 1 + inner.size,
    encode(value, out, offset) {
      if (value === undefined) {
        out.fill(0, offset, offset + 1 + inner.width);
        return;
      }
      out[offset] = 1;
      inner.encode(value, out, offset + 1);
    },
    decode: (vector, offset) => (vector[offset] === 0 ? undefined : inner.decode(vector, offset + 1)),
    toJson: (value) => (value === undefined ? null : inner.toJson(value)),
    ordinal(value) {
      if (value === undefined) return 0;
      const o = inner.ordinal(value);
      return o < 0 ? -1 : 1 + o;
    },
    *values() {
      yield undefined;
      yield* inner.values();
    },
  };
}
