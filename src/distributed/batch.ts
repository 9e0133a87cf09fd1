import { IntList, bytesOf } from "./int-list.ts";

/**
 * The wire format of the partitioned search: Int32 values, little-endian as the host writes
 * them. A message starts `[kind, level, sender]`; a {@link MessageKind.successors} message then
 * holds groups, one per parent state: `[parentHi, parentLo, count, parentRank]` then `count`
 * successors `[emission, hi, lo, ...vector(width)]`. The parent's rank (its position in its
 * level, see `OrderKey`) travels once per group, not once per successor.
 */
export const enum MessageKind {
  successors = 0,
  /** The sender has sent everything it will send for this level. */
  end = 1,
}

export const HEADER = 3;

/** Values of a group's header: `[parentHi, parentLo, count, parentRank]`. */
export const GROUP = 4;

/** Writes the successors a partition sends to one other partition during one level. */
export class BatchWriter {
  private list = new IntList(1 << 12);
  private group = -1; // index of the open group's count slot
  private groupParent = -1;

  constructor(
    private readonly level: number,
    private readonly sender: number,
    private readonly width: number,
    private readonly limit: number,
  ) {
    this.start();
  }

  /** Adds a successor of frontier state `parent` (fingerprint, rank) at `emission`. */
  add(parent: number, parentHi: number, parentLo: number, parentRank: number, emission: number, hi: number, lo: number, vector: Int32Array): void {
    const list = this.list;
    if (parent !== this.groupParent) {
      const at = list.reserve(GROUP);
      list.data[at] = parentHi;
      list.data[at + 1] = parentLo;
      list.data[at + 2] = 0;
      list.data[at + 3] = parentRank;
      this.group = at + 2;
      this.groupParent = parent;
    }
    const at = list.reserve(3 + this.width);
    const data = list.data;
    data[at] = emission;
    data[at + 1] = hi;
    data[at + 2] = lo;
    for (let i = 0; i < this.width; i++) data[at + 3 + i] = vector[i];
    data[this.group]++;
  }

  /** Whether the batch is big enough to send (checked between parents). */
  get full(): boolean {
    return this.list.length * 4 >= this.limit;
  }

  get empty(): boolean {
    return this.list.length === HEADER;
  }

  /** The batch so far (a copy), and a fresh batch started. */
  take(): Uint8Array {
    const out = bytesOf(this.list.view()).slice();
    this.list = new IntList(1 << 12);
    this.start();
    return out;
  }

  private start(): void {
    const at = this.list.reserve(HEADER);
    this.list.data[at] = MessageKind.successors;
    this.list.data[at + 1] = this.level;
    this.list.data[at + 2] = this.sender;
    this.group = -1;
    this.groupParent = -1;
  }
}

/** The message saying that `sender` has sent all of `level`. */
export function endMessage(level: number, sender: number): Uint8Array {
  return bytesOf(Int32Array.of(MessageKind.end, level, sender)).slice();
}

/**
 * Reads the successors of a {@link MessageKind.successors} message, calling `each` with the
 * offset of each successor's `[emission, hi, lo, ...vector]` record, and of its group's
 * `[parentHi, parentLo, count, parentRank]` header.
 */
export function readSuccessors(message: Int32Array, width: number, each: (group: number, at: number) => void): void {
  let at = HEADER;
  while (at < message.length) {
    const group = at;
    const count = message[at + 2];
    at += GROUP;
    for (let k = 0; k < count; k++, at += 3 + width) each(group, at);
  }
}
