import { StateStore } from "../state/state-store.ts";
import { IntList, bytesOf, intsOf } from "./int-list.ts";
import { KEY, compareKeyAt, rankLevel } from "./order-key.ts";

/** Which partition owns the state with fingerprint `(hi, lo)`. */
export function ownerOf(hi: number, lo: number, partitions: number): number {
  return (Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> 0) % partitions;
}

/** A level of this partition's states, in sequential order. */
export interface Frontier {
  readonly depth: number;
  readonly count: number;
  /** State ids in the visited set. */
  readonly ids: Int32Array;
  /** Order keys `[parentRank, emission]` ({@link KEY} values per state); empty once restored from a checkpoint. */
  readonly keys: Int32Array;
  /** Rank of each state in the whole level (all partitions), set at the level barrier by {@link PartitionStore.rank}. */
  ranks: Int32Array;
  readonly vectors: Int32Array;
}

/**
 * What one partition keeps: the visited set of the states it owns with each one's parent
 * fingerprint (the parent may live in another partition), the frontier (the current level's
 * states in sequential order, with their vectors, order keys and ranks) and, while a level is
 * expanded, the next level being gathered. Typed arrays throughout.
 */
export class PartitionStore {
  readonly visited = new StateStore();
  /** `[hi, lo]` of state id i at `2i`. */
  readonly fingerprints = new IntList(1 << 12);
  /** `[hi, lo]` of state id i's parent at `2i` (unused for initial states). */
  readonly parents = new IntList(1 << 12);
  /** Number of states of depth ≤ d stored here, at index d (`levelEnds[0] = 0`). */
  readonly levelEnds: number[] = [0];

  /** The frontier: states of depth `depth`, in sequential order. */
  frontier: Frontier = { depth: 0, count: 0, ids: new Int32Array(0), keys: new Int32Array(0), ranks: new Int32Array(0), vectors: new Int32Array(0) };

  /** The level being gathered: states of depth `depth + 1`, in the order they arrived. */
  private nextKeys = new IntList();
  private nextVectors = new IntList();
  private nextStart = 0;

  constructor(
    readonly width: number,
    private readonly partition: number,
  ) {}

  /** Starts gathering the level after the frontier. */
  beginLevel(): void {
    this.nextStart = this.visited.size;
    this.nextKeys.clear();
    this.nextVectors.clear();
  }

  /**
   * A state of the next level reached at position `(parentRank, emission)` from the parent
   * `(parentHi, parentLo)`: stored if new, else kept with the earlier of its two positions (and
   * that position's parent), as the sequential search keeps its first discovery.
   */
  offer(hi: number, lo: number, parentRank: number, emission: number, parentHi: number, parentLo: number, vector: Int32Array, vectorAt: number): void {
    const id = this.visited.insert(hi, lo, 0);
    if (id >= 0) {
      const f = this.fingerprints.reserve(2);
      this.fingerprints.data[f] = hi | 0;
      this.fingerprints.data[f + 1] = lo | 0;
      const p = this.parents.reserve(2);
      this.parents.data[p] = parentHi;
      this.parents.data[p + 1] = parentLo;
      const k = this.nextKeys.reserve(KEY);
      this.nextKeys.data[k] = parentRank;
      this.nextKeys.data[k + 1] = emission;
      const v = this.nextVectors.reserve(this.width);
      this.nextVectors.data.set(vector.subarray(vectorAt, vectorAt + this.width), v);
      return;
    }
    const known = -id - 1;
    if (known < this.nextStart) return; // reached at an earlier level
    const k = (known - this.nextStart) * KEY;
    if (compareKeyAt(this.nextKeys.data, k, parentRank, emission) <= 0) return;
    this.nextKeys.data[k] = parentRank;
    this.nextKeys.data[k + 1] = emission;
    this.parents.data[2 * known] = parentHi;
    this.parents.data[2 * known + 1] = parentLo;
  }

  /** States gathered for the next level so far. */
  get gathered(): number {
    return this.visited.size - this.nextStart;
  }

  /** The gathered level, sorted by key (sequential order): it becomes the frontier, ranked later. */
  endLevel(): void {
    const count = this.gathered;
    const depth = this.frontier.depth + 1;
    const keys = this.nextKeys.data;
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => keys[KEY * a] - keys[KEY * b] || keys[KEY * a + 1] - keys[KEY * b + 1]);
    const frontier: Frontier = { depth, count, ids: new Int32Array(count), keys: new Int32Array(count * KEY), ranks: new Int32Array(0), vectors: new Int32Array(count * this.width) };
    const w = this.width;
    const vectors = this.nextVectors.data;
    for (let j = 0; j < count; j++) {
      const n = order[j];
      frontier.ids[j] = this.nextStart + n;
      frontier.keys[KEY * j] = keys[KEY * n];
      frontier.keys[KEY * j + 1] = keys[KEY * n + 1];
      frontier.vectors.set(vectors.subarray(n * w, (n + 1) * w), j * w);
    }
    this.frontier = frontier;
    this.levelEnds[depth] = this.visited.size;
  }

  /** Ranks the frontier in its whole level, given every partition's sorted frontier keys (by index). */
  rank(keys: readonly Int32Array[]): void {
    this.frontier.ranks = rankLevel(this.frontier.keys, keys.map((k, i) => (i === this.partition ? undefined : k)));
  }

  /** The parent fingerprint of the state with this fingerprint: null for an initial state, undefined when not stored here. */
  parentOf(hi: number, lo: number): [number, number] | null | undefined {
    const id = this.visited.find(hi, lo);
    if (id < 0) return undefined;
    if (id < this.levelEnds[1]) return null;
    return [this.parents.data[2 * id], this.parents.data[2 * id + 1]];
  }

  /** The checkpoint entries of the level just ended (and ranked): its states (fingerprints, parents) and the frontier (ids, ranks, vectors). */
  levelEntries(): { states: Uint8Array; frontier: Uint8Array } {
    const from = this.levelEnds[this.frontier.depth - 1];
    const to = this.levelEnds[this.frontier.depth];
    const states = new Int32Array(4 * (to - from));
    for (let id = from, at = 0; id < to; id++, at += 4) {
      states[at] = this.fingerprints.data[2 * id];
      states[at + 1] = this.fingerprints.data[2 * id + 1];
      states[at + 2] = this.parents.data[2 * id];
      states[at + 3] = this.parents.data[2 * id + 1];
    }
    const { count, ids, ranks, vectors } = this.frontier;
    const frontier = new Int32Array(1 + 2 * count + vectors.length);
    frontier[0] = count;
    frontier.set(ids, 1);
    frontier.set(ranks, 1 + count);
    frontier.set(vectors, 1 + 2 * count);
    return { states: bytesOf(states), frontier: bytesOf(frontier) };
  }

  /** Restores one level's states from {@link levelEntries}' `states` (levels in order, from depth 1). */
  restoreStates(bytes: Uint8Array, depth: number): void {
    const states = intsOf(bytes);
    for (let at = 0; at < states.length; at += 4) {
      this.visited.insert(states[at], states[at + 1], 0);
      this.fingerprints.push(states[at]);
      this.fingerprints.push(states[at + 1]);
      this.parents.push(states[at + 2]);
      this.parents.push(states[at + 3]);
    }
    this.levelEnds[depth] = this.visited.size;
  }

  /** Restores the frontier (of depth `depth`) from {@link levelEntries}' `frontier`. */
  restoreFrontier(bytes: Uint8Array, depth: number): void {
    const data = intsOf(bytes);
    const count = data[0];
    const ranksAt = 1 + count;
    const vectorsAt = ranksAt + count;
    this.frontier = {
      depth,
      count,
      ids: data.slice(1, ranksAt),
      keys: new Int32Array(0),
      ranks: data.slice(ranksAt, vectorsAt),
      vectors: data.slice(vectorsAt, vectorsAt + count * this.width),
    };
  }
}
