import { describe, expect, expectTypeOf, it } from "vitest";
import { except } from "interleave-spec";

describe("except", () => {
  it("replaces one entry of a map, record or array without touching the original", () => {
    const pc: { readonly [p: number]: "idle" | "cs" } = { 1: "idle", 2: "idle" };
    const next = except(pc, 2, "cs");
    expectTypeOf(next).toEqualTypeOf(pc);
    expect(next).toEqual({ 1: "idle", 2: "cs" });
    expect(pc).toEqual({ 1: "idle", 2: "idle" });
    const arr: readonly number[] = [0, 0, 0];
    expect(except(arr, 1, 5)).toEqual([0, 5, 0]);
    expect(arr).toEqual([0, 0, 0]);
    expect(except({ a: 1, b: "x" as "x" | "y" }, "b", "y")).toEqual({ a: 1, b: "y" });
  });
});
