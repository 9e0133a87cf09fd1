import { fromBase64, toBase64 } from "./base64.ts";
import { HyperLogLog } from "./hll.ts";

/** Up to this many distinct values are kept exactly; beyond, a HyperLogLog sketch estimates. */
export const EXACT_VALUES = 1024;
const SKETCH_PRECISION = 11;
const SLOTS = EXACT_VALUES * 2; // open addressing at load ≤ 1/2

/**
 * Counts distinct 64-bit hashes: exactly (an open-addressing table of at most
 * {@link EXACT_VALUES}) while there are few, then with a HyperLogLog sketch of precision 11
 * (2 KiB, relative error 2.3 %) holding everything seen. Mergeable both ways, and serialisable,
 * so that the coverage of swarm shards combines.
 */
export class DistinctValues {
  private table: Int32Array | undefined = new Int32Array(SLOTS * 2);
  private used: Uint8Array | undefined = new Uint8Array(SLOTS);
  private exact = 0;
  private sketch: HyperLogLog | undefined;

  /** Distinct hashes added (exact), or the sketch's estimate. */
  get count(): number {
    return this.sketch ? this.sketch.estimate() : this.exact;
  }

  /** True once the count is an estimate. */
  get estimated(): boolean {
    return this.sketch !== undefined;
  }

  add(hi: number, lo: number): void {
    if (this.sketch) {
      this.sketch.add(hi, lo);
      return;
    }
    const table = this.table!;
    const used = this.used!;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & (SLOTS - 1);
    while (used[slot]) {
      if (table[slot * 2] === (hi | 0) && table[slot * 2 + 1] === (lo | 0)) return;
      slot = (slot + 1) & (SLOTS - 1);
    }
    if (this.exact === EXACT_VALUES) {
      this.toSketch().add(hi, lo);
      return;
    }
    used[slot] = 1;
    table[slot * 2] = hi;
    table[slot * 2 + 1] = lo;
    this.exact++;
  }

  /** Adds everything `other` counted. */
  merge(other: DistinctValues): void {
    if (other.sketch) {
      this.toSketch().merge(other.sketch);
      return;
    }
    other.forEachExact((hi, lo) => this.add(hi, lo));
  }

  /** Text for a report: the exact hashes, or the sketch. */
  toBase64(): string {
    if (this.sketch) return `h${this.sketch.toBase64()}`;
    const pairs: [number, number][] = [];
    this.forEachExact((hi, lo) => pairs.push([hi, lo]));
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // canonical: the same set gives the same text
    const bytes = new Uint8Array(pairs.length * 8);
    const view = new DataView(bytes.buffer);
    pairs.forEach(([hi, lo], i) => {
      view.setInt32(i * 8, hi);
      view.setInt32(i * 8 + 4, lo);
    });
    return `x${toBase64(bytes)}`;
  }

  /** What {@link toBase64} wrote; RangeError when the text is not that. */
  static fromBase64(text: string): DistinctValues {
    const out = new DistinctValues();
    if (text.startsWith("h")) {
      out.table = undefined;
      out.used = undefined;
      out.sketch = HyperLogLog.fromBase64(text.slice(1));
      return out;
    }
    if (!text.startsWith("x")) throw new RangeError("not a distinct-values sketch: it starts with neither x nor h");
    const bytes = fromBase64(text.slice(1));
    if (bytes.length % 8 !== 0) throw new RangeError(`not a distinct-values sketch: ${bytes.length} bytes`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at < bytes.length; at += 8) out.add(view.getInt32(at), view.getInt32(at + 4));
    return out;
  }

  private forEachExact(f: (hi: number, lo: number) => void): void {
    const { table, used } = this;
    if (!table || !used) return;
    for (let s = 0; s < SLOTS; s++) if (used[s]) f(table[s * 2], table[s * 2 + 1]);
  }

  private toSketch(): HyperLogLog {
    if (this.sketch) return this.sketch;
    const sketch = new HyperLogLog(SKETCH_PRECISION);
    this.forEachExact((hi, lo) => sketch.add(hi, lo));
    this.sketch = sketch;
    this.table = undefined;
    this.used = undefined;
    return sketch;
  }
}
