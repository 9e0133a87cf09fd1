/**
 * Breadth-first order across partitions. The one-thread search meets the states of a level in
 * the order of their first discoverer in the previous level, then of the action instance that
 * emitted them; so a state's place in that order is its key: the key of its first discoverer,
 * extended by the emission index (which successor of that parent it was, counting every one
 * the parent generated), and an initial state's key is its index among the initial states.
 * Comparing keys lexicographically compares positions in the sequential search — which lets
 * each partition keep the parent the sequential search would keep, and find the violation it
 * would find first, without a global sort.
 */
export type OrderKey = ArrayLike<number>;

/** After every emission of a parent: where a deadlock found at that parent sits in the order. */
export const AFTER_ALL = 0x7fffffff;

/** Lexicographic comparison of two keys (of one level, so of one length). */
export function compareKeys(a: OrderKey, b: OrderKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/** Compares the key stored at `data[at .. at + length)` with `key`. */
export function compareKeyAt(data: Int32Array, at: number, length: number, key: OrderKey): number {
  for (let i = 0; i < length; i++) if (data[at + i] !== key[i]) return data[at + i] < key[i] ? -1 : 1;
  return 0;
}

/**
 * What a partition found while expanding one level (or while taking the initial states), at
 * position `key` in the sequential order:
 * - `stored`: a state new in the search (`state`) violating `properties` (invariant indexes);
 * - `rejected`: a successor of `parent` outside the state constraint that violates invariants;
 * - `deadlock`: state `state` has no successor (key ends with {@link AFTER_ALL}); its property
 *   index is the number of invariants.
 */
export interface Finding {
  readonly kind: "stored" | "rejected" | "deadlock";
  readonly key: number[];
  readonly properties: number[];
  /** Fingerprint `[hi, lo]` of the violating (stored, rejected) or deadlocked state. */
  readonly state: [number, number];
  /** Fingerprint of the parent of a rejected state; null for an initial one. */
  readonly parent: [number, number] | null;
}

/** Sequential order of findings: by key, then property index. */
export function compareFindings(a: Finding, b: Finding): number {
  return compareKeys(a.key, b.key) || a.properties[0] - b.properties[0];
}
