/**
 * 64-bit fingerprints of state vectors, as two independent 32-bit lanes (JavaScript has no fast
 * 64-bit integer arithmetic). Each lane is a multiply-rotate hash over the vector with a final
 * avalanche, seeded differently, so the pair behaves as one 64-bit hash for collision estimates.
 */

/** Result slots of {@link fingerprint}: `[hi, lo]`. Read them immediately; the next call overwrites. */
export const fp = new Uint32Array(2);

export function fingerprint(vector: Int32Array, offset: number, width: number): void {
  let h1 = 0x9747b28c ^ width;
  let h2 = 0x85ebca6b ^ Math.imul(width, 0x27d4eb2f);
  const end = offset + width;
  for (let i = offset; i < end; i++) {
    let k = vector[i];
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h1 ^= k;
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    let j = vector[i] ^ 0x5bd1e995;
    j = Math.imul(j, 0x85ebca77);
    j = (j << 17) | (j >>> 15);
    j = Math.imul(j, 0xc2b2ae3d);
    h2 ^= j;
    h2 = (h2 << 11) | (h2 >>> 21);
    h2 = (Math.imul(h2, 9) + 0x27d4eb2f) | 0;
  }
  fp[0] = avalanche(h1 ^ h2, 0x85ebca6b, 0xc2b2ae35);
  fp[1] = avalanche(h2 + Math.imul(h1, 0x9e3779b1), 0x7feb352d, 0x846ca68b);
}

function avalanche(h: number, m1: number, m2: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, m1);
  h ^= h >>> 13;
  h = Math.imul(h, m2);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Probability that at least two of `n` distinct states share a fingerprint among `2^64` values,
 * assuming uniform hashing (the birthday bound TLC reports as "calculated" collision chance).
 */
export function collisionProbability(n: number): number {
  return -Math.expm1(-(n * (n - 1)) / 2 / 2 ** 64);
}
