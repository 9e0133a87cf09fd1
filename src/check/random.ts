/**
 * A small, fast, seedable pseudo-random generator (Chris Doty-Humphrey's sfc32, 128 bits of
 * state), deterministic on every platform: the same keys give the same numbers. A simulation
 * derives one generator per behaviour from (seed, shard, behaviour index), so that any
 * behaviour can be replayed alone.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A generator for these integer keys (each taken modulo 2^32, plus its high part for larger safe integers). */
  constructor(...keys: readonly number[]) {
    let h = 0x9e3779b9;
    const words: number[] = [];
    for (const k of keys) {
      words.push(k >>> 0, Math.floor(k / 2 ** 32) >>> 0);
    }
    const next = (): number => {
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      for (const w of words) z = mix(z ^ w) + 0x6d2b79f5;
      return mix(z) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** The next 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniformly distributed integer in `0 .. n - 1` (n ≥ 1; rejection sampling, no modulo bias). */
  below(n: number): number {
    if (n <= 1) return 0;
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.next();
      if (x < limit) return x % n;
    }
  }
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
