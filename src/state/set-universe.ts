import { showValue } from "../model/encode-error.ts";
import type { CodecNode } from "./codec-node.ts";
import { describeSchema } from "./schema.ts";

/** The brand of value sets (see value-set.ts), which are immutable and need no freezing. */
const VALUE_SET = Symbol.for("interleave.value-set");

/**
 * The elements of one finite domain, numbered by their ordinals: what a value set's bits
 * refer to. One universe per distinct element schema, shared by every set over it, so that
 * operations between sets of the same domain are word operations. Elements are built lazily,
 * deep-frozen and interned: iterating two sets yields the same object for equal elements.
 */
export class SetUniverse {
  readonly size: number;
  /** Int32 words of a set's bitset. */
  readonly words: number;
  private readonly interned: unknown[];

  /** @internal Use {@link universeFor}. */
  constructor(readonly element: CodecNode) {
    this.size = element.size;
    this.words = Math.max(1, Math.ceil(element.size / 32));
    this.interned = new Array(element.size);
  }

  /** The element with ordinal `i`, interned and frozen. */
  at(i: number): unknown {
    const known = this.interned[i];
    if (known !== undefined) return known;
    return (this.interned[i] = freezeValue(this.element.valueAt(i)));
  }

  /** The element's ordinal, or throws a RangeError naming the value and the domain (for building sets). */
  ordinalOrThrow(value: unknown, operation: string): number {
    const o = this.element.ordinal(value);
    if (o < 0) {
      throw new RangeError(`${operation}(${showValue(value)}): the value is not in the set's element domain (${describeSchema(this.element.schema)})`);
    }
    return o;
  }
}

const universes = new Map<string, SetUniverse>();

/** The universe of sets over `element`'s domain: the same object for every structurally equal schema. */
export function universeFor(element: CodecNode): SetUniverse {
  const key = JSON.stringify(element.schema);
  let u = universes.get(key);
  if (!u) universes.set(key, (u = new SetUniverse(element)));
  return u;
}

/** Freezes a value and everything inside it (value sets are immutable already). */
function freezeValue<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value) && (value as Record<symbol, unknown>)[VALUE_SET] !== true) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeValue(v);
  }
  return value;
}
