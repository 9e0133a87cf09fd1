import { describe, expect, it } from "vitest";
import { compressLasso } from "../../src/check/product-lasso.ts";

// Lassos over state ids; edge -1 is a stuttering step (the state repeats).
describe("compressLasso: finite stuttering steps are left out of the states and remembered", () => {
  it("keeps a lasso without stuttering steps as it is", () => {
    const lasso = { states: [0, 1, 2, 1], edges: [10, 11, 12], loopStart: 1, stuttering: false };
    expect(compressLasso(lasso)).toBe(lasso);
  });

  it("records a stuttering step of the prefix once, at the state it repeats, even when the cycle starts there", () => {
    // 0 → 0 (stutter) → 1 → 2 → 0, the cycle 0 → 1 → 2 → 0 entered after the stutter.
    const c = compressLasso({ states: [0, 0, 1, 2, 0], edges: [-1, 10, 11, 12], loopStart: 1, stuttering: false });
    expect(c).toEqual({ states: [0, 1, 2, 0], edges: [10, 11, 12], loopStart: 0, stuttering: false, stutterAfter: [0] });
  });

  it("records a stuttering step inside the cycle as happening on every lap", () => {
    // 0 → 1, then the cycle 1 → 2 → 2 (stutter) → 1.
    const c = compressLasso({ states: [0, 1, 2, 2, 1], edges: [10, 11, -1, 12], loopStart: 1, stuttering: false });
    expect(c).toEqual({ states: [0, 1, 2, 1], edges: [10, 11, 12], loopStart: 1, stuttering: false, stutterInCycle: [2] });
  });

  it("does not count the final infinite stuttering as a finite one", () => {
    // 0 → 0 (stutter) → 1, then 1 forever.
    const c = compressLasso({ states: [0, 0, 1, 1], edges: [-1, 10, -1], loopStart: 2, stuttering: true });
    expect(c).toEqual({ states: [0, 1], edges: [10], loopStart: 1, stuttering: true, stutterAfter: [0] });
  });
});
