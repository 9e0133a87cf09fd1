/**
 * The visited set: fingerprint → dense state id (discovery order), with each state's parent id
 * for shortest traces. Everything lives in typed arrays: an open-addressing table of ids and
 * per-id columns of fingerprint halves and parents — no JS object per state.
 */
export class StateStore {
  private table: Int32Array; // slot → id + 1 (0 = empty)
  private mask: number;
  private fpHi: Uint32Array;
  private fpLo: Uint32Array;
  private parents: Int32Array;
  private count = 0;

  constructor(expected = 1 << 16) {
    let cap = 1 << 10;
    while (cap < expected * 2) cap *= 2;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
    const n = Math.max(1024, expected);
    this.fpHi = new Uint32Array(n);
    this.fpLo = new Uint32Array(n);
    this.parents = new Int32Array(n);
  }

  get size(): number {
    return this.count;
  }

  /** Id of the state with this fingerprint, or -1. */
  find(hi: number, lo: number): number {
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const entry = this.table[slot];
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.fpLo[id] === lo && this.fpHi[id] === hi) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Adds the state unless present. Returns its new id, or `-(existing id) - 1` when it was
   * already there (so `result < 0` means "seen").
   */
  insert(hi: number, lo: number, parent: number): number {
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const entry = this.table[slot];
      if (entry === 0) break;
      const id = entry - 1;
      if (this.fpLo[id] === lo && this.fpHi[id] === hi) return -id - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.count++;
    if (id === this.fpHi.length) this.growColumns();
    this.fpHi[id] = hi;
    this.fpLo[id] = lo;
    this.parents[id] = parent;
    this.table[slot] = id + 1;
    if (this.count * 2 > this.table.length) this.growTable();
    return id;
  }

  parentOf(id: number): number {
    return this.parents[id];
  }

  fingerprintHi(id: number): number {
    return this.fpHi[id];
  }

  fingerprintLo(id: number): number {
    return this.fpLo[id];
  }

  /** Bytes held by the store's arrays. */
  get bytes(): number {
    return this.table.byteLength + this.fpHi.byteLength + this.fpLo.byteLength + this.parents.byteLength;
  }

  private growColumns(): void {
    const n = this.fpHi.length * 2;
    this.fpHi = grow(this.fpHi, new Uint32Array(n));
    this.fpLo = grow(this.fpLo, new Uint32Array(n));
    this.parents = grow(this.parents, new Int32Array(n));
  }

  private growTable(): void {
    const cap = this.table.length * 2;
    const table = new Int32Array(cap);
    const mask = cap - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = (this.fpLo[id] ^ Math.imul(this.fpHi[id], 0x9e3779b1)) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

function grow<T extends Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
