import type { Codec, Identity } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { showValue } from "../model/encode-error.ts";
import { codecLayout, nodeAt, widthOf } from "../state/layout.ts";
import type { Schema } from "../state/schema.ts";
import { StatePermutations, type SymmetricDomain } from "./permutations.ts";

/**
 * Symmetry reduction by exact canonicalisation: a state's key is the least (lexicographically,
 * slot by slot) of its images under every permutation of the symmetric domains — the same
 * vector for every state of an orbit, and different vectors for different orbits.
 */
export function symmetryIdentity(schema: Schema, domains: readonly SymmetricDomain[]): Identity {
  const perms = new StatePermutations(schema, domains);
  const width = perms.width;
  let best = new Int32Array(width);
  let candidate = new Int32Array(width);
  let sample = 0;
  const image = new Int32Array(width);
  return {
    description: perms.description,
    key(vector, offset) {
      for (let i = 0; i < width; i++) best[i] = vector[offset + i];
      for (let p = 1; p < perms.size; p++) {
        perms.apply(p, vector, offset, candidate);
        for (let i = 0; i < width; i++) {
          if (candidate[i] === best[i]) continue;
          if (candidate[i] < best[i]) [best, candidate] = [candidate, best];
          break;
        }
      }
      return best;
    },
    alias(vector, offset) {
      sample = (sample % (perms.size - 1)) + 1; // cycles through the group, never the identity
      perms.apply(sample, vector, offset, image);
      return image;
    },
  };
}

/** TLC's VIEW as field paths: states are identified by the slots of these fields (`pc`, `cpus[0].flags`). */
export function fieldsIdentity(schema: Schema, paths: readonly string[]): Identity {
  const layout = codecLayout(schema);
  const blocks = paths.map((path) => {
    try {
      const node = nodeAt(layout, path);
      return { offset: node.offset, width: widthOf(node.schema) };
    } catch (e) {
      throw new SpecError("invalid-spec", `view: ${(e as Error).message}`);
    }
  });
  const key = new Int32Array(blocks.reduce((n, b) => n + b.width, 0));
  return {
    description: `view ${paths.join(", ")}`,
    key(vector, offset) {
      let at = 0;
      for (const b of blocks) for (let i = 0; i < b.width; i++) key[at++] = vector[offset + b.offset + i];
      return key;
    },
  };
}

/**
 * TLC's VIEW as a function: states are identified by the value `of` returns for them (plain
 * data: sets and maps compare as sets, object keys in any order), as a canonical text.
 */
export function functionIdentity<S>(codec: Codec<S>, of: (state: S) => unknown): Identity {
  let buffer = new Int32Array(256);
  return {
    description: "view (a function of the state)",
    key(vector, offset) {
      const state = codec.decode(vector, offset);
      let value: unknown;
      try {
        value = of(state);
      } catch (e) {
        throw new SpecError("property-threw", `view threw: ${e instanceof Error ? e.message : showValue(e)}`, { property: "view", cause: e });
      }
      const text = canonicalText(value);
      if (text.length > buffer.length) buffer = new Int32Array(text.length * 2);
      for (let i = 0; i < text.length; i++) buffer[i] = text.charCodeAt(i);
      return buffer.subarray(0, text.length);
    },
  };
}

/** The two identities one after the other: `outer`'s key of the vector `inner` keys it by (view after symmetry). */
export function composeIdentities(inner: Identity, outer: Identity): Identity {
  return {
    description: `${inner.description}, then ${outer.description}`,
    key: (vector, offset) => outer.key(inner.key(vector, offset), 0),
    ...(inner.alias ? { alias: inner.alias } : {}),
  };
}

/** A text equal for structurally equal plain data: sets and maps sorted, object keys sorted, undefined distinct from null. */
export function canonicalText(value: unknown): string {
  if (value === undefined) return "u";
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Set) return `s[${[...value].map(canonicalText).sort().join(",")}]`;
  if (value instanceof Map) return `m[${[...value].map(([k, v]) => `${canonicalText(k)}:${canonicalText(v)}`).sort().join(",")}]`;
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(",")}]`;
  if (typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalText((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  throw new SpecError("invalid-spec", `view returned ${showValue(value)}, which is not plain data`, { property: "view" });
}
