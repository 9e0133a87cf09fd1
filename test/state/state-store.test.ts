import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findIn, StateStore } from "../../src/state/state-store.ts";

describe("StateStore", () => {
  it("gives dense ids in insertion order, finds them after growing, and keeps parents", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer(), fc.integer()), { minLength: 1, maxLength: 3000, selector: (t) => `${t[0]},${t[1]}` }), (fps) => {
        const store = new StateStore(16, true);
        fps.forEach(([hi, lo], i) => expect(store.insert(hi, lo, i - 1)).toBe(i));
        fps.forEach(([hi, lo], i) => {
          expect(store.insert(hi, lo, 99)).toBe(-i - 1);
          expect(store.find(hi, lo)).toBe(i);
          expect(findIn(store.tableView, hi, lo)).toBe(i);
          expect(store.parentOf(i)).toBe(i - 1);
        });
        expect(store.size).toBe(fps.length);
        expect(store.tableView.buffer).toBeInstanceOf(SharedArrayBuffer);
      }),
      { numRuns: 30 },
    );
  });

  it("holds a million states in at most 36 bytes each (12 per slot at load ≥ 3/8, 4 per parent)", () => {
    const store = new StateStore();
    for (let i = 0; i < 1_000_000; i++) store.insert(Math.imul(i, 0x9e3779b1), i, i - 1);
    expect(store.find(Math.imul(123_456, 0x9e3779b1), 123_456)).toBe(123_456);
    expect(store.bytes / store.size).toBeLessThanOrEqual(36);
  });
});
