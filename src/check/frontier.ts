/**
 * The order in which discovered states are explored. A frontier holds encoded state vectors
 * with their ids and depths, in typed-array chunks — never one JS object per state.
 */
export interface Frontier {
  /** Number of states waiting. */
  readonly size: number;
  push(id: number, depth: number, vector: Int32Array, offset: number): void;
  /** Moves the next state's vector into `out[0 .. width)`; returns its id, or -1 when empty. Its depth is then `lastDepth`. */
  pop(out: Int32Array): number;
  readonly lastDepth: number;
}

const CHUNK_STATES = 1 << 14;

/** First in, first out: breadth-first search, which makes every trace a shortest one. */
export class BfsQueue implements Frontier {
  private readonly stride: number;
  private readonly chunks: Int32Array[] = [];
  private head = 0; // entry index within chunks[0]
  private tail = CHUNK_STATES; // entry index within the last chunk
  private count = 0;
  lastDepth = 0;

  constructor(private readonly width: number) {
    this.stride = width + 2;
  }

  get size(): number {
    return this.count;
  }

  push(id: number, depth: number, vector: Int32Array, offset: number): void {
    if (this.tail === CHUNK_STATES) {
      this.chunks.push(new Int32Array(CHUNK_STATES * this.stride));
      this.tail = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1];
    const at = this.tail * this.stride;
    chunk[at] = id;
    chunk[at + 1] = depth;
    for (let i = 0, w = this.width; i < w; i++) chunk[at + 2 + i] = vector[offset + i];
    this.tail++;
    this.count++;
  }

  pop(out: Int32Array): number {
    if (this.count === 0) return -1;
    const chunk = this.chunks[0];
    const at = this.head * this.stride;
    const id = chunk[at];
    this.lastDepth = chunk[at + 1];
    for (let i = 0, w = this.width; i < w; i++) out[i] = chunk[at + 2 + i];
    this.count--;
    if (++this.head === CHUNK_STATES) {
      this.chunks.shift();
      this.head = 0;
    }
    if (this.count === 0) {
      this.chunks.length = 0;
      this.head = 0;
      this.tail = CHUNK_STATES;
    }
    return id;
  }
}
