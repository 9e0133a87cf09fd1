/**
 * The visited set of a breadth-first search in 12 bytes per slot and nothing else per state:
 * an open-addressing table of `[hi, lo, parent]` — the state's 64-bit fingerprint and the id
 * of the state it was first reached from (-1 for an initial state). A state's own id is not
 * stored: breadth-first ids are given in order of (parent id, order among the parent's
 * successors), so the id of a state is its rank when the table's entries are sorted by parent
 * (see {@link FingerprintTable.parents}), which is all a trace needs, and only then.
 *
 * Slots are found by the fingerprint's high lane scaled to the capacity (`hi · capacity / 2³²`),
 * not by masking it: any capacity works, so a large table grows by a fifth at a time and stays
 * between 75 % and 90 % full (13.3 to 16 bytes per state; a table of fewer than 2²² slots, 48 MiB,
 * doubles instead, so that a search rebuilds it a few times rather than dozens), and since the home slot grows with the
 * fingerprint, entries keep their order when the table is rebuilt larger: growing writes the new
 * table front to back instead of at random. Probing is linear.
 *
 * A table in shared memory serves the worker threads of a parallel search, which insert with
 * compare-and-swap ({@link insertShared}); the parent of an entry is then the smallest id among
 * the states that reached it, which is the one a sequential search would record.
 */
export class FingerprintTable {
  /** Slot s is `[3s] hi, [3s + 1] lo, [3s + 2] parent`; `hi = 0` is an empty slot. */
  private table: Int32Array;
  private capacity: number;
  private limit: number;
  private count = 0;
  private sorted?: Int32Array;

  /**
   * @param expected states the table should hold without growing (a bound, when one is known).
   * @param shared put the table in a SharedArrayBuffer, for worker threads.
   */
  constructor(expected = 1 << 16, private readonly shared = false) {
    this.capacity = capacityFor(expected);
    this.table = this.allocate(this.capacity);
    this.limit = Math.floor(this.capacity * MAX_LOAD);
  }

  /** States stored. */
  get size(): number {
    return this.count;
  }

  /** Slots of the table (it grows past 90 % of them). */
  get slots(): number {
    return this.capacity;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /**
   * Adds the state with fingerprint `(hi, lo)`, reached from `parent` (-1 for an initial state).
   * Returns its id (ids count up from 0 in insertion order), or -1 when it is already there.
   */
  insert(hi: number, lo: number, parent: number): number {
    hi = hi | 0 || 1;
    lo = lo | 0 || 1;
    const table = this.table;
    const capacity = this.capacity;
    let at = home(hi, capacity) * 3;
    const end = capacity * 3;
    for (;;) {
      const h = table[at];
      if (h === 0) break;
      if (h === hi && table[at + 1] === lo) return -1;
      at += 3;
      if (at === end) at = 0;
    }
    table[at] = hi;
    table[at + 1] = lo;
    table[at + 2] = parent;
    if (++this.count > this.limit) this.grow(this.grown());
    return this.count - 1;
  }

  /** The slot holding fingerprint `(hi, lo)`, or -1. */
  find(hi: number, lo: number): number {
    hi = hi | 0 || 1;
    lo = lo | 0 || 1;
    const table = this.table;
    const capacity = this.capacity;
    let slot = home(hi, capacity);
    for (;;) {
      const h = table[slot * 3];
      if (h === 0) return -1;
      if (h === hi && table[slot * 3 + 1] === lo) return slot;
      if (++slot === capacity) slot = 0;
    }
  }

  /** The parent recorded in `slot` (as {@link find} returned it): -1 for an initial state. */
  parentAt(slot: number): number {
    return this.table[slot * 3 + 2];
  }

  /**
   * Every entry's parent, sorted: `parents()[id]` is the parent of state `id`, since ids are
   * given in order of parent (see the class comment). Sorting costs O(n log n) and 4 bytes per
   * state, once per trace to rebuild.
   */
  parents(): Int32Array {
    const out = new Int32Array(this.count);
    const table = this.table;
    let n = 0;
    for (let at = 0; at < table.length; at += 3) if (table[at] !== 0) out[n++] = table[at + 2];
    return out.sort();
  }

  /** The ids from an initial state to `id` (for traces). */
  path(id: number): number[] {
    const parents = this.sortedParents();
    const path: number[] = [];
    for (let at = id; at >= 0; at = parents[at]) path.push(at);
    return path.reverse();
  }

  /**
   * For replaying the successors of `parent` (-1: the initial states) in the order the search
   * met them (for traces): the states first reached from `parent` got consecutive ids from the
   * first id after those of the states reached from smaller parents, in the order they were
   * met; `insert` counts them and answers `want` for the one whose id is `want`.
   */
  replay(parent: number, want: number): { insert(hi: number, lo: number): number } {
    let next = lowerBound(this.sortedParents(), parent);
    const met = new Set<string>();
    return {
      insert: (hi, lo) => {
        const slot = this.find(hi, lo);
        if (slot < 0 || this.parentAt(slot) !== parent) return -1;
        const key = `${hi >>> 0}:${lo >>> 0}`;
        if (met.has(key)) return -1;
        met.add(key);
        return next++ === want ? want : -1;
      },
    };
  }

  /** {@link parents}, kept until the next insertion. */
  private sortedParents(): Int32Array {
    if (this.sorted?.length !== this.count) this.sorted = this.parents();
    return this.sorted;
  }

  /** Forgets every state, keeping the memory for reuse. */
  clear(): void {
    this.table.fill(0);
    this.count = 0;
  }

  /** Makes room for `more` states beyond those stored without growing (e.g. before a level of a parallel search). */
  reserve(more: number): void {
    const needed = capacityFor(this.count + more);
    // At least the growth of an insert: a search that reserves level after level a little more
    // than it has must not rebuild the table at every level.
    if (needed > this.capacity) this.grow(Math.max(needed, this.grown()));
  }

  /** The table, for worker threads ({@link insertShared}); replaced, not resized, when the table grows. */
  get view(): Int32Array {
    return this.table;
  }

  /** Records `n` states inserted by worker threads through {@link insertShared}. */
  added(n: number): void {
    this.count += n;
  }

  /** Counts the entries again (after worker threads inserted states they could not report). */
  recount(): void {
    let n = 0;
    for (let at = 0; at < this.table.length; at += 3) if (this.table[at] !== 0) n++;
    this.count = n;
  }

  /** The capacity the table grows to when it is full. */
  private grown(): number {
    const growth = this.capacity < DOUBLING_BELOW ? 2 : GROWTH;
    return capacityFor(Math.ceil(this.capacity * growth * MAX_LOAD));
  }

  private allocate(capacity: number): Int32Array {
    const length = capacity * 3;
    return this.shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
  }

  /**
   * Rebuilds the table with `capacity` slots. The home slot grows with the fingerprint, so the
   * old table, read front to back, is mostly in increasing order of home slot: the new one is
   * written front to back too, without random accesses. (Entries of a cluster that wrapped
   * around the end of the old table are reinserted last.)
   */
  private grow(capacity: number): void {
    const old = this.table;
    const table = this.allocate(capacity);
    const end = capacity * 3;
    // Skip the entries at the start of the old table that wrapped around from its end.
    let first = 0;
    while (first < old.length && old[first] !== 0) first += 3;
    for (let k = 0; k < old.length; k += 3) {
      let from = first + k;
      if (from >= old.length) from -= old.length;
      const hi = old[from];
      if (hi === 0) continue;
      let at = home(hi, capacity) * 3;
      while (table[at] !== 0) {
        at += 3;
        if (at === end) at = 0;
      }
      table[at] = hi;
      table[at + 1] = old[from + 1];
      table[at + 2] = old[from + 2];
    }
    this.table = table;
    this.capacity = capacity;
    this.limit = Math.floor(capacity * MAX_LOAD);
  }
}

/** The first index of sorted `values` holding `value` or more. */
function lowerBound(values: Int32Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The table grows when more than this fraction of its slots is used... */
const MAX_LOAD = 0.9;
/** ...by this factor... */
const GROWTH = 1.2;
/** ...or doubles while it has fewer slots than this (each rebuild rewrites every entry). */
const DOUBLING_BELOW = 1 << 22;

/** Slots for `n` states at the maximum load (at least 1024). */
function capacityFor(n: number): number {
  return Math.max(1024, Math.ceil(n / MAX_LOAD) + 1);
}

/** The home slot of high lane `hi` in a table of `capacity` slots: `hi` (unsigned) scaled to the capacity, exact below 2²¹ slots and monotone above. */
export function home(hi: number, capacity: number): number {
  return Math.floor((hi >>> 0) * capacity * 2.3283064365386963e-10);
}

/** What {@link insertShared} found: the state was there with this or a smaller parent. */
export const SEEN = -1;
/** What {@link insertShared} found: the state was absent and `claim()` refused it a slot (the table is full). */
export const FULL = -2;

/** The slot whose parent {@link insertShared} lowered, from its result (`result <= LOWERED`). */
export const LOWERED = -3;
export const loweredSlot = (result: number): number => LOWERED - result;

/**
 * Inserts into a table shared between threads (`table` is {@link FingerprintTable.view}):
 * `(hi, lo)` reached from `parent`. Returns the slot (≥ 0) when this call added the state,
 * `LOWERED - slot` (≤ {@link LOWERED}) when it lowered the entry's parent to `parent` — so that,
 * whatever the threads' timing, the entry ends with the smallest parent that reached it: the
 * one a sequential breadth-first search records —, {@link SEEN} when the entry already has this
 * or a smaller parent, and {@link FULL} when the state is absent and `claim()` refuses it a new
 * slot. `claim()` is asked before each attempt to take an empty slot.
 *
 * A slot is taken by a compare-and-swap of its high lane, then its parent is written, then its
 * low lane — a reader that finds the high lane but not yet the low lane (0; the table stores
 * 0 as 1) waits for it.
 */
export function insertShared(table: Int32Array, hi: number, lo: number, parent: number, claim: () => boolean): number {
  hi = hi | 0 || 1;
  lo = lo | 0 || 1;
  const capacity = table.length / 3;
  let slot = home(hi, capacity);
  for (;;) {
    const at = slot * 3;
    let h = Atomics.load(table, at);
    if (h === 0) {
      if (!claim()) return FULL;
      h = Atomics.compareExchange(table, at, 0, hi);
      if (h === 0) {
        Atomics.store(table, at + 2, parent);
        Atomics.store(table, at + 1, lo);
        return slot;
      }
      // Another thread took the slot: it is this state or another, as for any full slot.
    }
    if (h === hi) {
      let l = Atomics.load(table, at + 1);
      while (l === 0) l = Atomics.load(table, at + 1);
      if (l === lo) {
        let p = Atomics.load(table, at + 2);
        while (parent < p) {
          const was = Atomics.compareExchange(table, at + 2, p, parent);
          if (was === p) return LOWERED - slot;
          p = was;
        }
        return SEEN;
      }
    }
    if (++slot === capacity) slot = 0;
  }
}
