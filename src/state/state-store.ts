/**
 * The visited set: 64-bit fingerprint → dense state id (discovery order), with each state's
 * parent id for shortest traces. Everything lives in typed arrays, no JS object per state:
 * an open-addressing table whose slots hold the fingerprint and the id together (a probe reads
 * one cache line, never a second array), and the parent ids in fixed-size chunks (growing
 * never copies them). Memory: 12 bytes per table slot at a load between 3/8 and 3/4 (the
 * table doubles past 3/4), plus 4 bytes of parent per state — 20 to 36 bytes per stored state
 * depending on where the count sits between two doublings.
 */
export class StateStore {
  private table: Int32Array; // slot s: [3s] hi, [3s + 1] lo, [3s + 2] id + 1 (0 = empty)
  private mask: number;
  private limit: number;
  private readonly parents: Int32Array[] = [];
  private count = 0;

  /**
   * @param shared put the table in a SharedArrayBuffer, so that worker threads can look
   *   fingerprints up (read-only, between the owner's insertions) through {@link findIn}.
   */
  constructor(expected = 1 << 16, private readonly shared = false) {
    let cap = 1 << 10;
    while (cap * 3 < expected * 4) cap *= 2;
    this.table = this.allocate(cap * 3);
    this.mask = cap - 1;
    this.limit = (cap >>> 2) * 3;
  }

  get size(): number {
    return this.count;
  }

  /** Id of the state with this fingerprint, or -1. */
  find(hi: number, lo: number): number {
    return findIn(this.table, hi, lo);
  }

  /**
   * Adds the state unless present. Returns its new id, or `-(existing id) - 1` when it was
   * already there (so `result < 0` means "seen").
   */
  insert(hi: number, lo: number, parent: number): number {
    const table = this.table;
    const mask = this.mask;
    hi |= 0;
    lo |= 0;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * 3;
      const entry = table[at + 2];
      if (entry === 0) break;
      if (table[at + 1] === lo && table[at] === hi) return -entry;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    const at = slot * 3;
    table[at] = hi;
    table[at + 1] = lo;
    table[at + 2] = id + 1;
    const chunk = id >>> CHUNK_BITS;
    if (chunk === this.parents.length) this.parents.push(new Int32Array(CHUNK));
    this.parents[chunk][id & (CHUNK - 1)] = parent;
    if (this.count > this.limit) this.growTable();
    return id;
  }

  /** Forgets every state, keeping the memory for reuse. */
  clear(): void {
    this.table.fill(0);
    this.count = 0;
  }

  /** Makes `parent` the parent of `id` (a depth-first search that found a shorter path to it). */
  reparent(id: number, parent: number): void {
    this.parents[id >>> CHUNK_BITS][id & (CHUNK - 1)] = parent;
  }

  parentOf(id: number): number {
    return this.parents[id >>> CHUNK_BITS][id & (CHUNK - 1)];
  }

  /** The ids from an initial state to `id` (for traces). */
  path(id: number): number[] {
    const path: number[] = [];
    for (let at = id; at >= 0; at = this.parentOf(at)) path.push(at);
    return path.reverse();
  }

  /** For replaying a state's successors to find the one stored as `want` (for traces): recognises it by its fingerprint. */
  replay(_parent: number, want: number): { insert(hi: number, lo: number): number } {
    return { insert: (hi, lo) => (this.find(hi, lo) === want ? want : -1) };
  }

  /** The table, for {@link findIn} in another thread; replaced (not resized) when it grows. */
  get tableView(): Int32Array {
    return this.table;
  }

  private allocate(length: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
  }

  /** Bytes held by the store's arrays. */
  get bytes(): number {
    return this.table.byteLength + this.parents.length * CHUNK * 4;
  }

  private growTable(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const table = this.allocate(cap * 3);
    const mask = cap - 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === 0) continue;
      const hi = old[at];
      const lo = old[at + 1];
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (table[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
      table[slot * 3] = hi;
      table[slot * 3 + 1] = lo;
      table[slot * 3 + 2] = old[at + 2];
    }
    this.table = table;
    this.mask = mask;
    this.limit = (cap >>> 2) * 3;
  }
}

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/** {@link StateStore.find} on a table obtained from {@link StateStore.tableView}: the id, or -1. */
export function findIn(table: Int32Array, hi: number, lo: number): number {
  const mask = table.length / 3 - 1;
  hi |= 0;
  lo |= 0;
  let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
  for (;;) {
    const at = slot * 3;
    const entry = table[at + 2];
    if (entry === 0) return -1;
    if (table[at + 1] === lo && table[at] === hi) return entry - 1;
    slot = (slot + 1) & mask;
  }
}
