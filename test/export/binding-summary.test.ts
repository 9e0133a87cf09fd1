import { describe, expect, it } from "vitest";
import { summariseBindings } from "../../src/export/binding-summary.ts";

describe("summariseBindings", () => {
  it("shows one binding as name=value and several per variable", () => {
    expect(summariseBindings([{ p: 0 }])).toBe("p=0");
    expect(summariseBindings([{ p: 0 }, { p: 2 }])).toBe("p in {0,2}");
    expect(summariseBindings([{ p: 2 }, { p: 0 }, { p: 1 }])).toBe("p in 0..2");
    expect(summariseBindings([null, {}])).toBe("");
  });

  it("shows a full product per variable, and a partial one as tuples or 'some of'", () => {
    const product = [{ p: 0, q: "a" }, { p: 0, q: "b" }, { p: 1, q: "a" }, { p: 1, q: "b" }];
    expect(summariseBindings(product)).toBe("p in {0,1}, q in {a,b}");
    expect(summariseBindings([{ p: 0, q: 1 }, { p: 1, q: 0 }])).toBe("(p, q) in {(0,1), (1,0)}");
    const diagonal = Array.from({ length: 9 }, (_, i) => ({ p: i * 2, q: i * 2 }));
    expect(summariseBindings(diagonal, 40)).toBe("some of p in {0,2,4,6,8,10,12,14,16}, q in {0,2,4,6,8,10,12,14,16}");
  });

  it("cuts long value lists to the width budget", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `worker-${i}` }));
    const text = summariseBindings(many, 40);
    expect(text).toMatch(/^name in \{worker-0,worker-1,.*,\.\.\. \(30 values\)\}$/);
    expect(text.length).toBeLessThanOrEqual(70);
  });
});
