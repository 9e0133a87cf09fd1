/**
 * Breadth-first order across partitions. The one-thread search meets the states of a level in
 * the order of their first discoverer in the previous level, then of the action instance that
 * emitted them. So a place in that order is a pair: the **rank** of the discoverer (its position
 * among all states of its level, all partitions together, in sequential order) and the
 * **emission** index (which successor of that parent it was, counting every one the parent
 * generated). Initial states have the virtual parent rank 0 and their index among the initial
 * states as emission. Comparing pairs lexicographically compares positions in the sequential
 * search — which lets each partition keep the parent the sequential search would keep, and find
 * the violation it would find first, without storing or sending a path-long key.
 *
 * Ranks are assigned at each level barrier (`rankLevel`): each partition sorts its new states
 * by their pair and learns the other partitions' sorted pairs, so a state's rank is its index in
 * the merged order.
 */
export type OrderKey = ArrayLike<number>;

/** Values per order key: `[parentRank, emission]`. */
export const KEY = 2;

/** After every emission of a parent: where a deadlock found at that parent sits in the order. */
export const AFTER_ALL = 0x7fffffff;

/** Lexicographic comparison of two keys. */
export function compareKeys(a: OrderKey, b: OrderKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/** Compares the key stored at `data[at], data[at + 1]` with `(rank, emission)`. */
export function compareKeyAt(data: Int32Array, at: number, rank: number, emission: number): number {
  return data[at] - rank || data[at + 1] - emission;
}

/**
 * The ranks of `mine` (sorted keys, {@link KEY} values each) in the level formed with the other
 * partitions' sorted keys `others` (its own entry is skipped): a state's rank is its own index
 * plus, in each other partition, the number of keys before it. Keys are distinct across
 * partitions (one (parent, emission) pair names one successor), so the ranks are a permutation
 * of `0 .. level size − 1`, in sequential order.
 */
export function rankLevel(mine: Int32Array, others: readonly (Int32Array | undefined)[]): Int32Array {
  const count = mine.length / KEY;
  const ranks = new Int32Array(count);
  for (let j = 0; j < count; j++) ranks[j] = j;
  for (const keys of others) {
    if (!keys) continue;
    const n = keys.length / KEY;
    let k = 0;
    for (let j = 0; j < count; j++) {
      const r = mine[KEY * j];
      const e = mine[KEY * j + 1];
      while (k < n && compareKeyAt(keys, KEY * k, r, e) < 0) k++;
      ranks[j] += k;
    }
  }
  return ranks;
}

/**
 * What a partition found while expanding one level (or while taking the initial states), at
 * position `key` (`[parentRank, emission]`) in the sequential order:
 * - `stored`: a state new in the search (`state`) violating `properties` (invariant indexes);
 * - `rejected`: a successor of `parent` outside the state constraint that violates invariants;
 * - `deadlock`: state `state` has no successor (`[its rank, AFTER_ALL]`); its property index is
 *   the number of invariants.
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
