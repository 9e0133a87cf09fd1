import { describe, expect, it } from "vitest";
import { KEY, rankLevel } from "../../src/distributed/order-key.ts";

/** Sorted `[parentRank, emission]` keys as one Int32Array. */
function keys(pairs: [number, number][]): Int32Array {
  return Int32Array.from([...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]).flat());
}

describe("rankLevel", () => {
  it("ranks each partition's sorted keys by their place in the merged level", () => {
    const parts = [keys([[0, 1], [2, 0], [2, 3]]), keys([[0, 0], [2, 1], [5, 0]]), keys([[1, 0], [2, 2]])];
    expect(Array.from(rankLevel(parts[0], [undefined, parts[1], parts[2]]))).toEqual([1, 3, 6]);
    expect(Array.from(rankLevel(parts[1], [parts[0], undefined, parts[2]]))).toEqual([0, 4, 7]);
    expect(Array.from(rankLevel(parts[2], [parts[0], parts[1], undefined]))).toEqual([2, 5]);
  });

  it("gives every state of a level its index in the sorted whole, whatever the split", () => {
    const all: [number, number][] = [];
    for (let r = 0; r < 120; r++) for (let e = 0; e < 6; e++) if ((r * 7 + e * 3) % 5 !== 0) all.push([r, e]);
    const whole = keys(all);
    for (const n of [1, 2, 3, 5]) {
      const split: [number, number][][] = Array.from({ length: n }, () => []);
      for (const [r, e] of all) split[(Math.imul(r * 8 + e, 0x9e3779b1) >>> 0) % n].push([r, e]);
      const parts = split.map(keys);
      const ranks = new Int32Array(all.length).fill(-1);
      parts.forEach((mine, i) => {
        const r = rankLevel(mine, parts.map((p, k) => (k === i ? undefined : p)));
        for (let j = 0; j < r.length; j++) {
          expect([whole[KEY * r[j]], whole[KEY * r[j] + 1]]).toEqual([mine[KEY * j], mine[KEY * j + 1]]);
          ranks[r[j]] = r[j];
        }
      });
      expect(ranks.every((r, i) => r === i)).toBe(true);
    }
  });
});
