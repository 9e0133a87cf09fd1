import { StateStore } from "../state/state-store.ts";
import { IntList, bytesOf, intsOf } from "./int-list.ts";
import { compareKeyAt } from "./order-key.ts";

/** Which partition owns the state with fingerprint `(hi, lo)`. */
export function ownerOf(hi: number, lo: number, partitions: number): number {
  return (Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> 0) % partitions;
}

/**
 * What one partition keeps: the visited set of the states it owns with each one's parent
 * fingerprint (the parent may live in another partition), the frontier (the current level's
 * states in sequential order, with their vectors and order keys) and, while a level is
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
  frontier = { depth: 0, count: 0, ids: new Int32Array(0), keys: new Int32Array(0), vectors: new Int32Array(0) };

  /** The level being gathered: states of depth `depth + 1`, in the order they arrived. */
  private nextKeys = new IntList();
  private nextVectors = new IntList();
  private nextStart = 0;

  constructor(readonly width: number) {}

  /** Starts gathering the level after the frontier. */
  beginLevel(): void {
    this.nextStart = this.visited.size;
    this.nextKeys.clear();
    this.nextVectors.clear();
  }

  /**
   * A state of the next level reached at position `parentKey ++ [emission]` from the parent
   * `(parentHi, parentLo)`: stored if new, else kept with the earlier of its two positions (and
   * that position's parent), as the sequential search keeps its first discovery.
   */
  offer(hi: number, lo: number, parentKey: Int32Array, keyAt: number, emission: number, parentHi: number, parentLo: number, vector: Int32Array, vectorAt: number): void {
    const id = this.visited.insert(hi, lo, 0);
    const length = this.frontier.depth + 1;
    const keyLength = this.frontier.depth; // of the parent's key
    if (id >= 0) {
      const f = this.fingerprints.reserve(2);
      this.fingerprints.data[f] = hi | 0;
      this.fingerprints.data[f + 1] = lo | 0;
      const p = this.parents.reserve(2);
      this.parents.data[p] = parentHi;
      this.parents.data[p + 1] = parentLo;
      const k = this.nextKeys.reserve(length);
      const keys = this.nextKeys.data;
      for (let i = 0; i < keyLength; i++) keys[k + i] = parentKey[keyAt + i];
      keys[k + keyLength] = emission;
      const v = this.nextVectors.reserve(this.width);
      this.nextVectors.data.set(vector.subarray(vectorAt, vectorAt + this.width), v);
      return;
    }
    const known = -id - 1;
    if (known < this.nextStart) return; // reached at an earlier level
    const k = (known - this.nextStart) * length;
    const keys = this.nextKeys.data;
    const c = compareKeyAt(keys, k, keyLength, parentKey.subarray(keyAt, keyAt + keyLength));
    if (c < 0 || (c === 0 && keys[k + keyLength] <= emission)) return;
    for (let i = 0; i < keyLength; i++) keys[k + i] = parentKey[keyAt + i];
    keys[k + keyLength] = emission;
    this.parents.data[2 * known] = parentHi;
    this.parents.data[2 * known + 1] = parentLo;
  }

  /** States gathered for the next level so far. */
  get gathered(): number {
    return this.visited.size - this.nextStart;
  }

  /** The gathered level, in sequential order: it becomes the frontier. */
  endLevel(): void {
    const count = this.gathered;
    const length = this.frontier.depth + 1;
    const keys = this.nextKeys.data;
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => {
      for (let i = 0; i < length; i++) {
        const d = keys[a * length + i] - keys[b * length + i];
        if (d !== 0) return d;
      }
      return 0;
    });
    const frontier = { depth: length, count, ids: new Int32Array(count), keys: new Int32Array(count * length), vectors: new Int32Array(count * this.width) };
    const w = this.width;
    for (let j = 0; j < count; j++) {
      const n = order[j];
      frontier.ids[j] = this.nextStart + n;
      frontier.keys.set(keys.subarray(n * length, (n + 1) * length), j * length);
      frontier.vectors.set(this.nextVectors.data.subarray(n * w, (n + 1) * w), j * w);
    }
    this.frontier = frontier;
    this.levelEnds[length] = this.visited.size;
  }

  /** The key of frontier state `j` (a view). */
  keyOf(j: number): Int32Array {
    const d = this.frontier.depth;
    return this.frontier.keys.subarray(j * d, (j + 1) * d);
  }

  /** The parent fingerprint of the state with this fingerprint: null for an initial state, undefined when not stored here. */
  parentOf(hi: number, lo: number): [number, number] | null | undefined {
    const id = this.visited.find(hi, lo);
    if (id < 0) return undefined;
    if (id < this.levelEnds[1]) return null;
    return [this.parents.data[2 * id], this.parents.data[2 * id + 1]];
  }

  /** The checkpoint entries of the level just ended: its states (fingerprints, parents) and the frontier. */
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
    const { count, ids, keys, vectors } = this.frontier;
    const frontier = new Int32Array(1 + count + keys.length + vectors.length);
    frontier[0] = count;
    frontier.set(ids, 1);
    frontier.set(keys, 1 + count);
    frontier.set(vectors, 1 + count + keys.length);
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
    const keysAt = 1 + count;
    const vectorsAt = keysAt + count * depth;
    this.frontier = {
      depth,
      count,
      ids: data.slice(1, keysAt),
      keys: data.slice(keysAt, vectorsAt),
      vectors: data.slice(vectorsAt, vectorsAt + count * this.width),
    };
  }
}
