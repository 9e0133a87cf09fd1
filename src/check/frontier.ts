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

/** Entries `[id, depth, ...vector]` in typed-array chunks of {@link CHUNK_STATES} entries. */
abstract class ChunkedFrontier implements Frontier {
  protected readonly stride: number;
  protected readonly chunks: Int32Array[] = [];
  protected count = 0;
  lastDepth = 0;

  constructor(protected readonly width: number) {
    this.stride = width + 2;
  }

  get size(): number {
    return this.count;
  }

  abstract push(id: number, depth: number, vector: Int32Array, offset: number): void;
  abstract pop(out: Int32Array): number;

  protected write(chunk: Int32Array, entry: number, id: number, depth: number, vector: Int32Array, offset: number): void {
    const at = entry * this.stride;
    chunk[at] = id;
    chunk[at + 1] = depth;
    for (let i = 0, w = this.width; i < w; i++) chunk[at + 2 + i] = vector[offset + i];
    this.count++;
  }

  /** Copies entry `entry` of `chunk` to `out`, sets `lastDepth`, returns the id. */
  protected read(chunk: Int32Array, entry: number, out: Int32Array): number {
    const at = entry * this.stride;
    this.lastDepth = chunk[at + 1];
    for (let i = 0, w = this.width; i < w; i++) out[i] = chunk[at + 2 + i];
    this.count--;
    return chunk[at];
  }

  protected chunk(): Int32Array {
    return new Int32Array(CHUNK_STATES * this.stride);
  }
}

/** First in, first out: breadth-first search, which makes every trace a shortest one. */
export class BfsQueue extends ChunkedFrontier {
  private head = 0; // entry index within chunks[0]
  private tail = CHUNK_STATES; // entry index within the last chunk

  push(id: number, depth: number, vector: Int32Array, offset: number): void {
    if (this.tail === CHUNK_STATES) {
      this.chunks.push(this.chunk());
      this.tail = 0;
    }
    this.write(this.chunks[this.chunks.length - 1], this.tail++, id, depth, vector, offset);
  }

  pop(out: Int32Array): number {
    if (this.count === 0) return -1;
    const id = this.read(this.chunks[0], this.head, out);
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

/**
 * Last in, first out: depth-first search. Traces are valid behaviours but not necessarily
 * shortest. Successors are pushed when discovered, so a state's depth is the length of the
 * path by which the search first met it (or a shorter one, when a bounded search re-expands it).
 */
export class DfsStack extends ChunkedFrontier {
  private top = 0; // entries used in the last chunk
  private spare?: Int32Array; // the last chunk emptied, kept so that pushes and pops at a chunk boundary do not allocate

  push(id: number, depth: number, vector: Int32Array, offset: number): void {
    if (this.chunks.length === 0 || this.top === CHUNK_STATES) {
      this.chunks.push(this.spare ?? this.chunk());
      this.spare = undefined;
      this.top = 0;
    }
    this.write(this.chunks[this.chunks.length - 1], this.top++, id, depth, vector, offset);
  }

  pop(out: Int32Array): number {
    if (this.count === 0) return -1;
    const id = this.read(this.chunks[this.chunks.length - 1], --this.top, out);
    if (this.top === 0) {
      this.spare = this.chunks.pop();
      this.top = this.chunks.length === 0 ? 0 : CHUNK_STATES;
    }
    return id;
  }
}
