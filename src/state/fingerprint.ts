/**
 * 64-bit fingerprints of state vectors, as two 32-bit lanes (JavaScript has no fast 64-bit
 * integer arithmetic). Each lane is the XOR of a mix of every slot with its position:
 * `lane = seed(width) ^ mix(0, v[0]) ^ mix(1, v[1]) ^ …`, the two lanes with unrelated mixes.
 * A successor that changes a few slots of its parent's vector therefore has its fingerprint
 * updated from the parent's in the cost of those slots ({@link mix1}, {@link mix2}), not of
 * the whole vector. For a fixed position a mix is a bijection of the slot's value, so vectors
 * that differ in one slot never collide; otherwise a pair collides with probability 2⁻⁶⁴ as for
 * any good hash. Like TLC's own fingerprint (a polynomial over GF(2)) the combination is linear:
 * a collision, if one happened, would repeat across states that share the colliding parts —
 * which changes nothing in the chance that one happens at all, what the reported
 * probability ({@link collisionProbability}) estimates.
 */

/** Result slots of {@link fingerprint}: `[hi, lo]`. Read them immediately; the next call overwrites. */
export const fp = new Uint32Array(2);

/** Lane 1's mix of value `v` at position `i`: a bijection of `v` (odd multiplier, then murmur3's finaliser). */
export function mix1(i: number, v: number): number {
  let h = (Math.imul(v, 0x9e3779b1) + Math.imul(i, 0x85ebca77) + 0x165667b1) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Lane 2's mix of value `v` at position `i`: another bijection of `v`, with other constants and finaliser. */
export function mix2(i: number, v: number): number {
  let h = Math.imul(v ^ 0x5bd1e995, 0xcc9e2d51) ^ Math.imul(i + 0x27d4eb2f, 0x1b873593);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

/** The lanes' starting values for a vector of `width` slots (so that keys of different lengths differ). */
export function seed1(width: number): number {
  return mix1(-1, width);
}

export function seed2(width: number): number {
  return mix2(-1, width);
}

/** Writes the fingerprint of `vector[offset .. offset + width)` into {@link fp}. */
export function fingerprint(vector: Int32Array, offset: number, width: number): void {
  let h1 = seed1(width);
  let h2 = seed2(width);
  for (let i = 0; i < width; i++) {
    const v = vector[offset + i];
    h1 ^= mix1(i, v);
    h2 ^= mix2(i, v);
  }
  fp[0] = h1 >>> 0;
  fp[1] = h2 >>> 0;
}

/**
 * Probability that at least two of `n` distinct states share a fingerprint among `2^64` values,
 * assuming uniform hashing (the birthday bound TLC reports as "calculated" collision chance).
 */
export function collisionProbability(n: number): number {
  return -Math.expm1(-(n * (n - 1)) / 2 / 2 ** 64);
}
