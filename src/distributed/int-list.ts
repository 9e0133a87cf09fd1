/** A growable list of 32-bit integers in one typed array (no JS value per element). */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  /** Makes room for `n` more values; returns the index where they start. */
  reserve(n: number): number {
    const need = this.length + n;
    if (need > this.data.length) {
      let cap = this.data.length * 2;
      while (cap < need) cap *= 2;
      const bigger = new Int32Array(cap);
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    const at = this.length;
    this.length = need;
    return at;
  }

  push(value: number): void {
    this.data[this.reserve(1)] = value;
  }

  /** The values so far (a view, valid until the next growth). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }
}

/** Bytes of an Int32Array (a view, no copy). */
export function bytesOf(values: Int32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Int32 values of bytes written by {@link bytesOf} (copied when unaligned). */
export function intsOf(bytes: Uint8Array): Int32Array {
  if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  return new Int32Array(bytes.slice().buffer);
}

/** Int32 values as base64 text (for a barrier, which carries strings). */
export function base64Of(values: Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

/** The Int32 values of {@link base64Of}'s text. */
export function intsOfBase64(text: string): Int32Array {
  return intsOf(new Uint8Array(Buffer.from(text, "base64")));
}
