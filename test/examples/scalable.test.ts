import { describe, expect, it } from "vitest";
import { check, compile } from "interleave-spec";
import scalable from "../../examples/scalable.ts";

/** Distinct states of Scalable(N, K) by the formula K^N · 2^(N−1) · (N+2). */
const formula = (n: number, k: number): number => k ** n * 2 ** (n - 1) * (n + 2);

/**
 * An independent hand-written BFS over Scalable's semantics (strings as states), giving the
 * TLC-style counts: distinct, generated (init + every successor, duplicates included), depth.
 */
function reference(n: number, k: number): { distinct: number; generated: number; depth: number } {
  type St = { pc: number[]; ctr: number[]; lock: number }; // pc: 0 idle, 1 trying, 2 cs
  const key = (s: St) => `${s.pc.join()}|${s.ctr.join()}|${s.lock}`;
  const init: St = { pc: Array(n).fill(0), ctr: Array(n).fill(0), lock: 0 };
  const seen = new Set([key(init)]);
  let level = [init];
  let generated = 1;
  let depth = 1;
  for (;;) {
    const next: St[] = [];
    for (const s of level) {
      const succ: St[] = [];
      for (let p = 0; p < n; p++) if (s.pc[p] === 0) succ.push({ ...s, pc: s.pc.with(p, 1) });
      for (let p = 0; p < n; p++) if (s.lock === 0 && s.pc[p] === 1) succ.push({ ...s, pc: s.pc.with(p, 2), lock: p + 1 });
      for (let p = 0; p < n; p++) {
        if (s.pc[p] === 2) succ.push({ pc: s.pc.with(p, 0), ctr: s.ctr.with(p, (s.ctr[p] + 1) % k), lock: 0 });
      }
      generated += succ.length;
      for (const t of succ) {
        if (!seen.has(key(t))) {
          seen.add(key(t));
          next.push(t);
        }
      }
    }
    if (next.length === 0) break;
    depth++;
    level = next;
  }
  return { distinct: seen.size, generated, depth };
}

describe("examples/scalable", () => {
  it.each([
    [1, 1],
    [2, 3],
    [3, 2],
    [4, 3],
  ])("Scalable(N=%i, K=%i) matches the formula and an independent BFS's counts", async (n, k) => {
    const result = await check(compile(scalable, { n, k }));
    const expected = reference(n, k);
    expect(expected.distinct).toBe(formula(n, k));
    expect(result.result).toBe("ok");
    expect(result.stats).toMatchObject({
      distinctStates: expected.distinct,
      statesGenerated: expected.generated,
      depth: expected.depth,
    });
  });

  it("pins N=5, K=4 to 114,688 distinct states", async () => {
    const result = await check(compile(scalable, { n: 5, k: 4 }));
    expect(result.result).toBe("ok");
    expect(result.stats.distinctStates).toBe(114_688);
  });
});
