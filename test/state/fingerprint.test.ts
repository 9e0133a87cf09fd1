import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint, fp, mix1, mix2 } from "../../src/state/fingerprint.ts";

/** Fingerprints of `count` vectors of `width` slots written by `fill`, as 64-bit values, and per lane. */
function fingerprints(count: number, width: number, fill: (n: number, v: Int32Array) => void) {
  const v = new Int32Array(width);
  const both = new BigUint64Array(count);
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  for (let n = 0; n < count; n++) {
    v.fill(0);
    fill(n, v);
    fingerprint(v, 0, width);
    hi[n] = fp[0];
    lo[n] = fp[1];
    both[n] = (BigInt(fp[0]) << 32n) | BigInt(fp[1]);
  }
  return { both, hi, lo };
}

/** Number of values equal to the previous one once sorted (collisions among distinct inputs). */
function repeats(values: BigUint64Array | Uint32Array): number {
  values.sort();
  let n = 0;
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) n++;
  return n;
}

describe("fingerprint", () => {
  it("is updated slot by slot: the parent's fingerprint with the changed slots' mixes swapped equals the successor's", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.integer())), (parent, changes) => {
        const v = Int32Array.from(parent);
        fingerprint(v, 0, v.length);
        let h1 = fp[0] | 0;
        let h2 = fp[1] | 0;
        const next = v.slice();
        for (const [at, value] of changes) next[at % next.length] = value;
        for (let i = 0; i < v.length; i++) {
          if (next[i] !== v[i]) {
            h1 ^= mix1(i, v[i]) ^ mix1(i, next[i]);
            h2 ^= mix2(i, v[i]) ^ mix2(i, next[i]);
          }
        }
        fingerprint(next, 0, next.length);
        expect([h1 >>> 0, h2 >>> 0]).toEqual([fp[0], fp[1]]);
      }),
    );
  });

  it("gives a million small vectors a million fingerprints, each lane colliding as a random 32-bit hash would", () => {
    // Every vector of 6 slots over 0..9: 10^6 inputs. A random 32-bit lane collides about
    // n²/2³³ ≈ 116 times; a 64-bit fingerprint, with probability 3·10⁻⁸.
    const { both, hi, lo } = fingerprints(1_000_000, 6, (n, v) => {
      for (let i = 0; i < 6; i++, n = Math.floor(n / 10)) v[i] = n % 10;
    });
    expect(repeats(both)).toBe(0);
    for (const lane of [hi, lo]) expect(repeats(lane)).toBeLessThan(250);
  });

  it("tells apart bitsets with one or two bits set (sets of a large domain)", () => {
    const width = 108; // 3,456 elements
    const pairs: [number, number][] = [];
    for (let a = 0; a < 1000; a++) for (let b = a; b < 1000; b++) pairs.push([a, b]);
    const { both, hi, lo } = fingerprints(pairs.length, width, (n, v) => {
      for (const bit of new Set(pairs[n])) v[bit >>> 5] |= 1 << (bit & 31);
    });
    expect(repeats(both)).toBe(0);
    for (const lane of [hi, lo]) expect(repeats(lane)).toBeLessThan(60); // ≈ 15 expected for 500,500 inputs
  });

  it("depends on the width: a key and the same key with a zero appended differ", () => {
    fingerprint(Int32Array.of(1, 2), 0, 2);
    const a = [fp[0], fp[1]];
    fingerprint(Int32Array.of(1, 2, 0), 0, 3);
    expect([fp[0], fp[1]]).not.toEqual(a);
  });
});
