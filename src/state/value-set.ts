import { showValue } from "../model/encode-error.ts";
import type { SetUniverse } from "./set-universe.ts";

export { universeFor, type SetUniverse } from "./set-universe.ts";

/** Marks value sets across copies of this module (a spec may load its own copy of interleave). */
const VALUE_SET = Symbol.for("interleave.value-set");

const empties = new WeakMap<SetUniverse, ValueSet<unknown>>();

/**
 * The bitset of a value set: Int32 words in a plain array. An array of small integers lives on
 * the JavaScript heap, so copying one (every `with`, every decoded set) is a bump allocation;
 * an `Int32Array` of more than 64 bytes has its memory allocated outside it, about six times
 * slower to create, which a spec with a set of a few thousand messages pays on every step.
 */
export type Words = number[];

/** `n` zero words. */
export function zeros(n: number): Words {
  const w: Words = [];
  for (let i = 0; i < n; i++) w.push(0);
  return w;
}

/** A set-domain-like target for {@link ValueSet.map}: anything with the empty set of the target domain (e.g. `t.set(d)`). */
export interface SetTarget<U> {
  readonly empty: ValueSet<U>;
}

/**
 * An immutable finite set of TLA+ values: what a `t.set(d)` field holds. Membership, equality
 * and de-duplication are structural (`{m} \cup {m} = {m}` for records too), iteration is in the
 * element domain's canonical order, and every operation returns a new set (or the same one when
 * nothing changes). Backed by a bitset over the element domain's ordinals: `has`/`with` cost
 * O(1) plus computing the ordinal, set algebra O(words), encoding is a copy of the words.
 *
 * Build sets from their domain: `const Msgs = t.set(Msg)`, then `Msgs.empty`, `Msgs.of(a, b)`,
 * `Msgs.from(iterable)`; in actions `s.msgs.with(m)`, `s.msgs.union(other)`, … Reads follow
 * `ReadonlySet` (`has`, `size`, `for…of`, `forEach`, spread).
 */
export class ValueSet<T> {
  readonly #u: SetUniverse;
  readonly #w: Words;
  #size: number;
  #array: readonly T[] | undefined;

  private constructor(universe: SetUniverse, words: Words, size: number) {
    this.#u = universe;
    this.#w = words;
    this.#size = size;
  }

  /** @internal A set over `universe` owning `words` (size -1 = not yet counted). */
  static fromWords<T>(universe: SetUniverse, words: Words, size = -1): ValueSet<T> {
    return new ValueSet<T>(universe, words, size);
  }

  /** @internal The empty set over `universe` (one shared object per universe). */
  static emptyOf<T>(universe: SetUniverse): ValueSet<T> {
    let e = empties.get(universe);
    if (!e) empties.set(universe, (e = new ValueSet<unknown>(universe, zeros(universe.words), 0)));
    return e as ValueSet<T>;
  }

  /** @internal The set of `elements` over `universe`; a RangeError names an element outside it. */
  static build<T>(universe: SetUniverse, elements: Iterable<T>, operation: string): ValueSet<T> {
    const words = zeros(universe.words);
    for (const e of elements) {
      const o = universe.ordinalOrThrow(e, operation);
      words[o >>> 5] |= 1 << (o & 31);
    }
    return new ValueSet<T>(universe, words, -1);
  }

  /** @internal The words of `set` when it is a set of this module over `universe`, else undefined. */
  static wordsIn(set: unknown, universe: SetUniverse): Words | undefined {
    return typeof set === "object" && set !== null && #w in set && set.#u === universe ? set.#w : undefined;
  }

  /** @internal The universe of a set of this module. */
  static universeOf(set: ValueSet<unknown>): SetUniverse {
    return set.#u;
  }

  /** Number of elements. */
  get size(): number {
    if (this.#size < 0) {
      let n = 0;
      const w = this.#w;
      for (let i = 0; i < w.length; i++) n += popcount(w[i]);
      this.#size = n;
    }
    return this.#size;
  }

  /** True for the empty set. */
  isEmpty(): boolean {
    if (this.#size >= 0) return this.#size === 0;
    const w = this.#w;
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) return false;
    return true;
  }

  /** TLA+'s `x \in S`, structurally: a fresh record literal equal to an element is found. */
  has(value: T): boolean {
    const o = this.#u.element.ordinal(value);
    return o >= 0 && (this.#w[o >>> 5] & (1 << (o & 31))) !== 0;
  }

  /** `S \cup {x}`. Throws a RangeError if `value` is outside the element domain. */
  with(value: T): ValueSet<T> {
    const o = this.#u.ordinalOrThrow(value, "with");
    const w = this.#w;
    const bit = 1 << (o & 31);
    if ((w[o >>> 5] & bit) !== 0) return this;
    const next = w.slice();
    next[o >>> 5] |= bit;
    return new ValueSet<T>(this.#u, next, this.#size < 0 ? -1 : this.#size + 1);
  }

  /** `S \ {x}`. */
  without(value: T): ValueSet<T> {
    const o = this.#u.element.ordinal(value);
    const w = this.#w;
    const bit = 1 << (o & 31);
    if (o < 0 || (w[o >>> 5] & bit) === 0) return this;
    const next = w.slice();
    next[o >>> 5] &= ~bit;
    return new ValueSet<T>(this.#u, next, this.#size < 0 ? -1 : this.#size - 1);
  }

  /** `S \cup T`. */
  union(other: ValueSet<T>): ValueSet<T> {
    const b = ValueSet.wordsIn(other, this.#u);
    if (!b) {
      let out: ValueSet<T> = this;
      for (const x of other) out = out.with(x);
      return out;
    }
    return this.#combine(b, (x, y) => x | y);
  }

  /** `S \cap T`. */
  intersect(other: ValueSet<T>): ValueSet<T> {
    const b = ValueSet.wordsIn(other, this.#u);
    return b ? this.#combine(b, (x, y) => x & y) : this.filter((x) => other.has(x));
  }

  /** `S \ T`. */
  minus(other: ValueSet<T>): ValueSet<T> {
    const b = ValueSet.wordsIn(other, this.#u);
    return b ? this.#combine(b, (x, y) => x & ~y) : this.filter((x) => !other.has(x));
  }

  /** `{x \in S : p(x)}`. */
  filter(predicate: (value: T) => boolean): ValueSet<T> {
    const next = zeros(this.#w.length);
    let changed = false;
    this.#scan((o) => {
      if (predicate(this.#u.at(o) as T)) next[o >>> 5] |= 1 << (o & 31);
      else changed = true;
    });
    return changed ? new ValueSet<T>(this.#u, next, -1) : this;
  }

  /**
   * `{f(x) : x \in S}`. Without `into`, the images must lie in the same domain; with it (a set
   * domain such as `t.set(d)`), in that domain. Equal images collapse, as in TLA+.
   */
  map(f: (value: T) => T): ValueSet<T>;
  map<U>(f: (value: T) => U, into: SetTarget<U>): ValueSet<U>;
  map<U>(f: (value: T) => U, into?: SetTarget<U>): ValueSet<U> {
    const target = into === undefined ? this.#u : targetUniverse(into);
    const next = zeros(target.words);
    this.#scan((o) => {
      const image = target.ordinalOrThrow(f(this.#u.at(o) as T), "map");
      next[image >>> 5] |= 1 << (image & 31);
    });
    return new ValueSet<U>(target, next, -1);
  }

  /** `\E x \in S : p(x)`. */
  some(predicate: (value: T) => boolean): boolean {
    for (const x of this.toArray()) if (predicate(x)) return true;
    return false;
  }

  /** `\A x \in S : p(x)`. */
  every(predicate: (value: T) => boolean): boolean {
    for (const x of this.toArray()) if (!predicate(x)) return false;
    return true;
  }

  /** TLA+'s `CHOOSE x \in S : p(x)`, deterministically the first in canonical order; undefined if none. */
  find(predicate: (value: T) => boolean): T | undefined {
    for (const x of this.toArray()) if (predicate(x)) return x;
    return undefined;
  }

  /**
   * TLA+'s `SUBSET S`: every subset, as an array in binary-counting order over the elements'
   * canonical order (the empty set first, S last). At most 20 elements (a million subsets).
   */
  subsets(): ValueSet<T>[] {
    const members: number[] = [];
    this.#scan((o) => members.push(o));
    if (members.length > 20) throw new RangeError(`subsets(): a set of ${members.length} elements has too many subsets to list (at most 20 elements)`);
    const out: ValueSet<T>[] = [];
    for (let bits = 0; bits < 1 << members.length; bits++) {
      const next = zeros(this.#w.length);
      let size = 0;
      for (let i = 0; i < members.length; i++) {
        if (bits & (1 << i)) {
          next[members[i] >>> 5] |= 1 << (members[i] & 31);
          size++;
        }
      }
      out.push(new ValueSet<T>(this.#u, next, size));
    }
    return out;
  }

  /** `S \subseteq T`. */
  subsetOf(other: ValueSet<T>): boolean {
    const b = ValueSet.wordsIn(other, this.#u);
    if (!b) return this.every((x) => other.has(x));
    const a = this.#w;
    for (let i = 0; i < a.length; i++) if ((a[i] & ~b[i]) !== 0) return false;
    return true;
  }

  /** Set equality (TLA+'s `=` on sets). */
  equals(other: ValueSet<T>): boolean {
    if (other === this) return true;
    const b = ValueSet.wordsIn(other, this.#u);
    if (!b) return isValueSet(other) && other.size === this.size && this.subsetOf(other);
    const a = this.#w;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** The elements in canonical order (a frozen array, computed once per set). */
  toArray(): readonly T[] {
    if (this.#array) return this.#array;
    const out: T[] = [];
    this.#scan((o) => out.push(this.#u.at(o) as T));
    if (this.#size < 0) this.#size = out.length;
    return (this.#array = Object.freeze(out));
  }

  // Iterators are typed as a Set's, so that a value set can be passed where a ReadonlySet is expected.
  [Symbol.iterator](): SetIterator<T> {
    return this.toArray()[Symbol.iterator]() as SetIterator<T>;
  }

  /** Same as iterating the set (ReadonlySet compatibility). */
  values(): SetIterator<T> {
    return this.toArray().values() as SetIterator<T>;
  }

  /** Same as {@link values} (ReadonlySet compatibility). */
  keys(): SetIterator<T> {
    return this.toArray().values() as SetIterator<T>;
  }

  /** `[x, x]` pairs (ReadonlySet compatibility). */
  entries(): SetIterator<[T, T]> {
    return this.toArray()
      .map((x): [T, T] => [x, x])
      .values() as SetIterator<[T, T]>;
  }

  /** Calls `callback(x, x, set)` for each element in canonical order (ReadonlySet compatibility). */
  forEach(callback: (value: T, value2: T, set: ValueSet<T>) => void, thisArg?: unknown): void {
    for (const x of this.toArray()) callback.call(thisArg, x, x, this);
  }

  /** The elements as an array, so that JSON.stringify and reports show sets as lists. */
  toJSON(): readonly T[] {
    return this.toArray();
  }

  toString(): string {
    return `{${this.toArray().map(showValue).join(", ")}}`;
  }

  get [VALUE_SET](): true {
    return true;
  }

  #combine(b: Words, op: (x: number, y: number) => number): ValueSet<T> {
    const a = this.#w;
    const next = a.slice();
    let same = true;
    for (let i = 0; i < a.length; i++) {
      next[i] = op(a[i], b[i]) | 0;
      if (next[i] !== a[i]) same = false;
    }
    return same ? this : new ValueSet<T>(this.#u, next, -1);
  }

  /** Calls `visit` with each member's ordinal, ascending. */
  #scan(visit: (ordinal: number) => void): void {
    const w = this.#w;
    for (let i = 0; i < w.length; i++) {
      let bits = w[i];
      while (bits !== 0) {
        const low = bits & -bits;
        visit(i * 32 + 31 - Math.clz32(low));
        bits ^= low;
      }
    }
  }
}

// Set's mutators, for specs in plain JavaScript written with Set habits: a clear error naming the
// immutable operation to use (the checker reports it as a mutation of the state). Not part of
// the type, so TypeScript reports `s.set.add(x)` at once.
for (const [name, verb, instead] of [
  ["add", "add to", "set.with(x)"],
  ["delete", "delete from", "set.without(x)"],
  ["clear", "delete from", "the set domain's .empty"],
] as const) {
  Object.defineProperty(ValueSet.prototype, name, {
    value() {
      throw new TypeError(`Cannot ${verb} a value set in place (${name}): value sets are immutable; use ${instead}, which returns a new set`);
    },
  });
}

/** True for a value set (also one made by another copy of interleave). */
export function isValueSet(value: unknown): value is ValueSet<unknown> {
  return typeof value === "object" && value !== null && (value as { [VALUE_SET]?: unknown })[VALUE_SET] === true;
}

function targetUniverse(into: SetTarget<unknown>): SetUniverse {
  const empty = (into as { empty?: unknown } | null)?.empty;
  if (!(empty instanceof ValueSet)) throw new TypeError(`map(f, into): into must be a set domain such as t.set(d), not ${showValue(into)}`);
  return ValueSet.universeOf(empty);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
