import type { Json } from "../model/model.ts";
import type { Schema } from "./schema.ts";

/**
 * One compiled schema node: a fixed-width encoder/decoder plus the ordinal numbering of its
 * values (used for value-set bitsets, interning and enumeration). Ordinals are dense,
 * `0 .. size-1`, in the domain's canonical order.
 */
export interface CodecNode {
  readonly schema: Schema;
  readonly width: number;
  readonly size: number;
  /** Writes `value` at `out[offset ..]`; throws EncodeError (with the path inside the value) when it is outside the schema. */
  encode(value: unknown, out: Int32Array, offset: number): void;
  decode(vector: Int32Array, offset: number): unknown;
  toJson(value: unknown): Json;
  /** Position of `value` among the domain's values, or -1 if it is not one of them (structurally: an unknown or missing field is not). */
  ordinal(value: unknown): number;
  /** The value at `ordinal` (a fresh object for structured domains): the inverse of {@link ordinal}. */
  valueAt(ordinal: number): unknown;
  /** All values in ordinal order. */
  values(): Iterable<unknown>;
}
