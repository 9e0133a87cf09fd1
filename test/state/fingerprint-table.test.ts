import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FingerprintTable, FULL, insertShared, LOWERED, loweredSlot, SEEN } from "../../src/state/fingerprint-table.ts";

/** Distinct fingerprints, (0, x) and (x, 0) included: the table stores a zero lane as 1. */
const fingerprints = fc.uniqueArray(fc.tuple(fc.integer(), fc.integer()), {
  minLength: 1,
  maxLength: 3000,
  selector: ([hi, lo]) => `${hi || 1},${lo || 1}`,
});

/** Parents in breadth-first order: state i's parent is an earlier state, parents never decrease. */
function bfsParents(n: number, roots: number, step: (i: number) => number): number[] {
  const parents: number[] = [];
  let p = -1;
  for (let i = 0; i < n; i++) {
    if (i >= roots) p = Math.min(i - 1, Math.max(p, 0) + step(i));
    parents.push(i < roots ? -1 : p);
  }
  return parents;
}

describe("FingerprintTable", () => {
  it("numbers states in insertion order, recognises them after growing, and rebuilds paths from the parents alone", () => {
    fc.assert(
      fc.property(fingerprints, fc.integer({ min: 1, max: 5 }), fc.integer(), (fps, roots, seed) => {
        const parents = bfsParents(fps.length, roots, (i) => ((Math.imul(i, seed) >>> 0) % 3 === 0 ? 1 : 0));
        const table = new FingerprintTable(16);
        fps.forEach(([hi, lo], i) => expect(table.insert(hi, lo, parents[i])).toBe(i));
        fps.forEach(([hi, lo]) => expect(table.insert(hi, lo, 0)).toBe(-1));
        expect(table.size).toBe(fps.length);
        const id = fps.length - 1;
        const path = [id];
        while (parents[path[0]] >= 0) path.unshift(parents[path[0]]);
        expect(table.path(id)).toEqual(path);
      }),
      { numRuns: 40 },
    );
  });

  it("finds the successor stored as an id among its parent's successors replayed in order", () => {
    const table = new FingerprintTable();
    // 0, 1 initial; 2, 3 from 0; 4 from 1; 5 from 3.
    const fp = (i: number): [number, number] => [i * 7919 + 1, i * 104729 + 3];
    [-1, -1, 0, 0, 1, 3].forEach((p, i) => table.insert(...fp(i), p));
    const replay = table.replay(0, 3);
    // State 0's successors as the search met them: 1 (known, from elsewhere), 2, 2 again, 3.
    expect([1, 2, 2, 3].map((i) => replay.insert(...fp(i)))).toEqual([-1, -1, -1, 3]);
    const roots = table.replay(-1, 1);
    expect([0, 0, 1].map((i) => roots.insert(...fp(i)))).toEqual([-1, -1, 1]);
  });

  it("takes 13.3 to 16 bytes per state once it grows by a fifth (past 2^22 slots), at most 26.7 while it doubles", () => {
    // Below 2^22 slots the table doubles (few rebuilds while it is small), so it can be as little
    // as 45 % full just after a rebuild; beyond, it grows by a fifth and stays 75 % to 90 % full.
    const table = new FingerprintTable(0);
    for (let i = 1; i <= 6_000_000; i++) {
      table.insert(Math.imul(i, 0x9e3779b1), i, i - 2);
      if (i % 99_991 === 0) {
        expect(table.bytes / table.size).toBeGreaterThanOrEqual(12 / 0.9);
        expect(table.bytes / table.size).toBeLessThanOrEqual(table.slots > 1.1 * 2 ** 22 ? 16.01 : 12 / 0.45 + 0.01);
      }
    }
    expect(table.slots).toBeGreaterThan(1.1 * 2 ** 22);
    expect(table.bytes / table.size).toBeLessThanOrEqual(16.01);
    expect(table.insert(Math.imul(123_456, 0x9e3779b1), 123_456, 0)).toBe(-1);
  });

  it("is sized for a known bound, without growing", () => {
    const table = new FingerprintTable(100_000);
    const bytes = table.bytes;
    for (let i = 1; i <= 100_000; i++) table.insert(Math.imul(i, 0x9e3779b1), i, 0);
    expect(table.bytes).toBe(bytes);
    expect(bytes / 100_000).toBeLessThanOrEqual(12 / 0.9 + 0.01);
  });
});

describe("insertShared", () => {
  const claimAll = () => true;

  it("keeps the smallest parent that reached a state, and says whether this call added it, lowered its parent or neither", () => {
    const table = new FingerprintTable(1000, true);
    const view = table.view;
    const slot = insertShared(view, 5, 6, 40, claimAll);
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(insertShared(view, 5, 6, 40, claimAll)).toBe(SEEN); // the same parent again
    expect(insertShared(view, 5, 6, 50, claimAll)).toBe(SEEN); // a larger one
    const lowered = insertShared(view, 5, 6, 30, claimAll);
    expect(lowered).toBeLessThanOrEqual(LOWERED);
    expect(loweredSlot(lowered)).toBe(slot);
    table.added(1);
    expect(table.parentAt(table.find(5, 6))).toBe(30);
    expect(insertShared(view, 7, 8, 1, () => false)).toBe(FULL);
    expect(insertShared(view, 5, 6, 1, () => false)).toBeLessThanOrEqual(LOWERED); // known states need no new slot
  });
});
