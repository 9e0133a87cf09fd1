import type { CodecNode } from "./codec-node.ts";
import { product } from "./codec-product.ts";
import { fail, within } from "./codec-scalar.ts";
import { describeSchema, sizeOf, type Schema } from "./schema.ts";
import { isValueSet, universeFor, ValueSet, type Words } from "./value-set.ts";

type NodeOf = (schema: Schema) => CodecNode;

/** Largest element domain a set may range over: its bitset takes size/32 slots per state. */
export const MAX_SET_ELEMENTS = 4096;

/**
 * Sets are {@link ValueSet}s over the element domain's universe: encoding copies the words of a
 * set of the same universe, and otherwise (a set built over another domain) places each element
 * by its ordinal. A JavaScript `Set` is rejected: it compares records by reference, so it could
 * hold two equal elements.
 */
export function setNode(schema: Schema & { kind: "set" }, nodeOf: NodeOf): CodecNode {
  const element = nodeOf(schema.element);
  const n = element.size;
  if (n > MAX_SET_ELEMENTS) {
    throw new Error(`a set's element domain has ${n} values; at most ${MAX_SET_ELEMENTS} are supported`);
  }
  const universe = universeFor(element);
  const words = universe.words;
  const scratch = new Int32Array(element.width);
  const notAValueSet = `${describeSchema(schema)}; a JavaScript Set is not one (it compares records by reference): build sets with the set domain's .of(…)/.from(…)/.empty, or s.field.with(…)`;

  const encodeElements = (value: Iterable<unknown>, out: Int32Array, offset: number): void => {
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
  };
  return {
    schema,
    width: words,
    size: 2 ** n,
    encode(value, out, offset) {
      const w = ValueSet.wordsIn(value, universe);
      if (w !== undefined) {
        for (let i = 0; i < words; i++) out[offset + i] = w[i];
      } else if (isValueSet(value)) {
        encodeElements(value, out, offset);
      } else {
        fail(value, schema, "", value instanceof Set ? notAValueSet : describeSchema(schema));
      }
    },
    decode(vector, offset) {
      for (let i = 0; i < words; i++) {
        if (vector[offset + i] !== 0) return ValueSet.fromWords(universe, wordsAt(vector, offset, words));
      }
      return ValueSet.emptyOf(universe);
    },
    toJson: (value) => (value as ValueSet<unknown>).toArray().map((e) => element.toJson(e)),
    ordinal(value) {
      if (n > 30 || !isValueSet(value)) return -1;
      const w = ValueSet.wordsIn(value, universe);
      if (w !== undefined) return w[0] >>> 0;
      let ord = 0;
      for (const e of value) {
        const o = element.ordinal(e);
        if (o < 0) return -1;
        ord |= 1 << o;
      }
      return ord >>> 0;
    },
    valueAt: (ordinal) => ValueSet.fromWords(universe, [ordinal | 0]),
    *values() {
      if (n > 30) throw new Error("cannot enumerate the subsets of more than 30 elements");
      for (let bits = 0; bits < 2 ** n; bits++) yield ValueSet.fromWords(universe, [bits | 0]);
    },
  };
}

/** The `n` words of a set encoded at `vector[offset ..]`, as a value set holds them. */
export function wordsAt(vector: Int32Array, offset: number, n: number): Words {
  const w: Words = [];
  for (let i = 0; i < n; i++) w.push(vector[offset + i]);
  return w;
}

export function seqNode(schema: Schema & { kind: "seq" }, nodeOf: NodeOf): CodecNode {
  const element = nodeOf(schema.element);
  const max = schema.maxLength;
  if (!Number.isInteger(max) || max < 0) throw new Error(`sequence bound ${max} must be a non-negative integer`);
  const w = element.width;
  const size = sizeOf(schema);
  const e = element.size;
  // Sequences are numbered by length, then as base-e numbers of their element ordinals.
  const firstOfLength: number[] = [0];
  for (let len = 1; len <= max + 1; len++) firstOfLength.push(firstOfLength[len - 1] + e ** (len - 1));
  const all = function* (): Generator<unknown[]> {
    for (let len = 0; len <= max; len++) {
      const nodes = new Array<CodecNode>(len).fill(element);
      yield* product(nodes, (parts) => parts.slice()) as Iterable<unknown[]>;
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
      if (!Array.isArray(value) || value.length > max) return -1;
      let ord = 0;
      for (const v of value) {
        const o = element.ordinal(v);
        if (o < 0) return -1;
        ord = ord * e + o;
      }
      return firstOfLength[value.length] + ord;
    },
    valueAt(ordinal) {
      let len = 0;
      while (len < max && ordinal >= firstOfLength[len + 1]) len++;
      let rest = ordinal - firstOfLength[len];
      const out = new Array(len);
      for (let i = len - 1; i >= 0; i--) {
        const o = rest % e;
        out[i] = element.valueAt(o);
        rest = (rest - o) / e;
      }
      return out;
    },
    values: all,
  };
}

export function optionalNode(schema: Schema & { kind: "optional" }, nodeOf: NodeOf): CodecNode {
  if (schema.inner.kind === "optional") throw new Error("an optional of an optional is ambiguous: both absences are undefined");
  const inner = nodeOf(schema.inner);
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
    valueAt: (ordinal) => (ordinal === 0 ? undefined : inner.valueAt(ordinal - 1)),
    *values() {
      yield undefined;
      yield* inner.values();
    },
  };
}
