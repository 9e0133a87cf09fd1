import type { Json } from "../model/model.ts";
import { EncodeError } from "../model/encode-error.ts";
import type { CodecNode } from "./codec-node.ts";
import { fail, fieldPath, within } from "./codec-scalar.ts";
import { describeSchema, scalarValues, type Schema } from "./schema.ts";

type NodeOf = (schema: Schema) => CodecNode;

/**
 * Field names and map keys that cannot be stored: in an object literal `__proto__: v` sets the
 * prototype instead of creating a field, so such a field would silently vanish.
 */
export function checkKeyName(key: string, what: string): void {
  if (key === "__proto__") {
    throw new Error(`${what} "__proto__" cannot be used: in an object literal it sets the prototype instead of a field; rename it`);
  }
}

/** A plain object (a record or map value): not an array, Set, class instance or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/** True when `value` has exactly `keys` as its own enumerable keys (order aside). */
export function hasExactKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  let count = 0;
  for (const _ in value) count++;
  if (count !== keys.length) return false;
  for (const k of keys) if (!hasOwn(value, k)) return false;
  return true;
}

/**
 * Fails with the first unknown key of `value` (one the schema does not list), else the first
 * missing one: a state is exactly its schema's fields, as in TLA+ a record is exactly its fields.
 */
function failKeys(value: Record<string, unknown>, keys: readonly string[], nodes: readonly CodecNode[], path: (key: string) => string, what: string): never {
  const known = new Set(keys);
  for (const k in value) {
    if (!known.has(k)) {
      const list = keys.length ? `only the ${what}s ${keys.join(", ")}` : `no ${what}s`;
      throw new EncodeError(path(k), value[k], `${list} — ${JSON.stringify(k)} is not one of them`);
    }
  }
  const i = keys.findIndex((k) => !hasOwn(value, k));
  fail(undefined, nodes[i].schema, path(keys[i]), `${describeSchema(nodes[i].schema)} — the ${what} is missing`);
}

/** Mixed-radix ordinal over a fixed list of component nodes (records, tuples, maps). */
function productOrdinal(nodes: readonly CodecNode[], get: (value: any, i: number) => unknown) {
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

/** The components of the value at `ordinal` (the inverse of productOrdinal). */
function productParts(nodes: readonly CodecNode[], ordinal: number): unknown[] {
  const parts = new Array(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const o = ordinal % nodes[i].size;
    parts[i] = nodes[i].valueAt(o);
    ordinal = (ordinal - o) / nodes[i].size;
  }
  return parts;
}

/** Largest component domain whose values {@link product} lists once instead of enumerating it again per combination. */
const LISTED = 1 << 16;

/**
 * Every combination of the components' values, first component slowest (canonical order),
 * as `build(parts)` (`parts` is reused: copy it to keep it). Small component domains are listed
 * once and walked like an odometer, so enumerating a large product (a `where` init over a whole
 * schema) builds each combination's object and nothing else; component values are shared
 * between the combinations.
 */
export function* product(nodes: readonly CodecNode[], build: (parts: unknown[]) => unknown): Iterable<unknown> {
  const n = nodes.length;
  const parts: unknown[] = new Array(n);
  if (nodes.some((node) => node.size > LISTED)) {
    function* go(i: number): Generator<unknown> {
      if (i === n) {
        yield build(parts);
        return;
      }
      for (const v of nodes[i].values()) {
        parts[i] = v;
        yield* go(i + 1);
      }
    }
    yield* go(0);
    return;
  }
  const lists = nodes.map((node) => [...node.values()]);
  if (lists.some((l) => l.length === 0)) return;
  const at = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) parts[i] = lists[i][0];
  for (;;) {
    yield build(parts);
    let i = n - 1;
    for (; i >= 0; i--) {
      if (++at[i] < lists[i].length) {
        parts[i] = lists[i][at[i]];
        break;
      }
      at[i] = 0;
      parts[i] = lists[i][0];
    }
    if (i < 0) return;
  }
}

/** Records and maps: plain objects with a fixed list of keys, each with its node. */
function objectNode(schema: Schema, keys: readonly string[], nodes: readonly CodecNode[], what: string, path: (key: string) => string): CodecNode {
  for (const k of keys) checkKeyName(k, what);
  const offsets: number[] = [];
  let width = 0;
  for (const n of nodes) {
    offsets.push(width);
    width += n.width;
  }
  const build = (parts: readonly unknown[]) => {
    const r: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) r[keys[i]] = parts[i];
    return r;
  };
  // Exactly the keys: as many enumerable keys as the schema's, and an undefined one must be own.
  const ordinal = (value: Record<string, unknown>): number => {
    let count = 0;
    for (const _ in value) count++;
    if (count !== keys.length) return -1;
    let ord = 0;
    for (let i = 0; i < nodes.length; i++) {
      const v = value[keys[i]];
      if (v === undefined && !hasOwn(value, keys[i])) return -1;
      const o = nodes[i].ordinal(v);
      if (o < 0) return -1;
      ord = ord * nodes[i].size + o;
    }
    return ord;
  };
  return {
    schema,
    width,
    size: nodes.reduce((n, c) => n * c.size, 1),
    encode(value, out, offset) {
      if (!isPlainObject(value)) fail(value, schema);
      if (!hasExactKeys(value, keys)) failKeys(value, keys, nodes, path, what);
      for (let i = 0; i < nodes.length; i++) {
        try {
          nodes[i].encode(value[keys[i]], out, offset + offsets[i]);
        } catch (e) {
          within(path(keys[i]), e);
        }
      }
    },
    decode(vector, offset) {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < nodes.length; i++) result[keys[i]] = nodes[i].decode(vector, offset + offsets[i]);
      return result;
    },
    toJson(value) {
      const result: Record<string, Json> = {};
      const record = value as Record<string, unknown>;
      for (let i = 0; i < nodes.length; i++) result[keys[i]] = nodes[i].toJson(record[keys[i]]);
      return result;
    },
    ordinal: (value) => (isPlainObject(value) ? ordinal(value) : -1),
    valueAt: (o) => build(productParts(nodes, o)),
    values: () => product(nodes, build),
  };
}

export function recordNode(schema: Schema & { kind: "record" }, nodeOf: NodeOf): CodecNode {
  return objectNode(
    schema,
    schema.fields.map(([k]) => k),
    schema.fields.map(([, f]) => nodeOf(f)),
    "field",
    fieldPath,
  );
}

export function mapNode(schema: Schema & { kind: "map" }, nodeOf: NodeOf): CodecNode {
  const keys = scalarValues(schema.key);
  if (!keys) throw new Error(`map keys must be an int, enum or bool domain, not ${describeSchema(schema.key)}`);
  const valueNode = nodeOf(schema.value);
  const raw = new Map(keys.map((k) => [String(k), k]));
  return objectNode(
    schema,
    keys.map(String),
    keys.map(() => valueNode),
    "key",
    (k) => `[${JSON.stringify(raw.get(k) ?? k)}]`,
  );
}

export function tupleNode(schema: Schema & { kind: "tuple" }, nodeOf: NodeOf): CodecNode {
  const nodes = schema.items.map(nodeOf);
  const offsets: number[] = [];
  let width = 0;
  for (const n of nodes) {
    offsets.push(width);
    width += n.width;
  }
  const ordinal = productOrdinal(nodes, (v, i) => v[i]);
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
    valueAt: (o) => productParts(nodes, o),
    values: () => product(nodes, (parts) => parts.slice()),
  };
}
