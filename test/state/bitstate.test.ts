import { describe, expect, it } from "vitest";
import { BitstateSet } from "../../src/state/bitstate.ts";
import { fingerprint, fp } from "../../src/state/fingerprint.ts";

/** Inserts the fingerprints of one-slot vectors [from .. to); returns how many were taken as new. */
function insertRange(set: BitstateSet, from: number, to: number): number {
  const v = new Int32Array(1);
  let fresh = 0;
  for (let i = from; i < to; i++) {
    v[0] = i;
    fingerprint(v, 0, 1);
    if (set.insert(fp[0], fp[1]) >= 0) fresh++;
  }
  return fresh;
}

describe("BitstateSet", () => {
  it("takes a state as seen the second time, and numbers new states densely", () => {
    const set = new BitstateSet(1 << 16);
    expect(insertRange(set, 0, 1000)).toBe(1000); // 3 of 524,288 bits per state: no loss expected
    expect(insertRange(set, 0, 1000)).toBe(0);
    expect(set.size).toBe(1000);
    expect(set.bitsSet).toBeLessThanOrEqual(3000);
    expect(set.expectedCoverage).toBeGreaterThan(0.999999);
  });

  it("loses states as it fills, about as many as its expected coverage says", () => {
    const set = new BitstateSet(1024, 3); // 8,192 bits for 4,000 states: a loss of several per cent
    const n = 4000;
    const taken = insertRange(set, 0, n);
    expect(taken).toBeLessThan(n);
    const predicted = set.expectedCoverage * n;
    expect(Math.abs(predicted - taken) / n).toBeLessThan(0.02);
    expect(set.omissionProbability).toBeCloseTo((set.bitsSet / set.bits) ** 3, 12);
  });

  it("loses different states under different salts", () => {
    const lost = (salt: number) => {
      const set = new BitstateSet(256, 2, salt);
      const v = new Int32Array(1);
      const out: number[] = [];
      for (let i = 0; i < 1500; i++) {
        v[0] = i;
        fingerprint(v, 0, 1);
        if (set.insert(fp[0], fp[1]) < 0) out.push(i);
      }
      return out;
    };
    expect(lost(1)).not.toEqual(lost(2));
  });

  it("refuses a size it cannot use", () => {
    expect(() => new BitstateSet(3)).toThrow(/bitstate size must be an integer number of bytes/);
    expect(() => new BitstateSet(1024, 0)).toThrow(/hash functions must be 1..16/);
  });
});
