import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { check } from "interleave-spec";
import { bruteForce, graphModel, type GraphSpec } from "../fixtures/graph-model.ts";

/** Random explicit graphs over `n` ≤ 25 nodes, some nodes bad. */
const arbGraph = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.record({
    nodes: fc.constant(n),
    initial: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.constantFrom("a", "b", "c")), {
      maxLength: 60,
    }),
    bad: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 }),
  }),
);

/** Whether `trace` (node numbers) starts in an initial node and follows edges of the graph. */
function replays(g: GraphSpec, trace: readonly { action: string | null; state: number }[]): boolean {
  if (!g.initial.includes(trace[0].state)) return false;
  return trace.every((step, i) => i === 0 || g.edges.some(([from, to, label]) => from === trace[i - 1].state && to === step.state && label === step.action));
}

describe("depth-first search (strategy: dfs)", () => {
  it("stores the reachable states and generates as many successors as breadth-first search, and its traces replay", async () => {
    await fc.assert(
      fc.asyncProperty(arbGraph, async (g) => {
        const spec: GraphSpec = { ...g, deadlock: false };
        const dfs = await check(graphModel(spec), { strategy: "dfs", continue: true });
        const want = bruteForce(spec);
        expect(dfs.stats.distinctStates).toBe(want.distinct);
        expect(dfs.stats.statesGenerated).toBe(want.generated);
        const badReachable = (g.bad ?? []).some((b) => want.dist.has(b));
        expect(dfs.result).toBe(badReachable ? "violation" : "ok");
        if (dfs.result === "violation") {
          expect(replays(spec, dfs.violation.trace)).toBe(true);
          expect(g.bad).toContain(dfs.violation.trace.at(-1)!.state);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("with maxDepth, stores exactly the states breadth-first search stores within the bound, at their BFS depth", async () => {
    await fc.assert(
      fc.asyncProperty(arbGraph, fc.integer({ min: 1, max: 6 }), async (g, maxDepth) => {
        const spec: GraphSpec = { ...g, bad: [], deadlock: false };
        const bfs = await check(graphModel(spec), { maxDepth });
        const seen: number[] = [];
        const dfs = await check(graphModel(spec), { maxDepth, strategy: "dfs", observer: { state: (_id, v) => seen.push(v[0]) } });
        expect(dfs.result).toBe(bfs.result);
        expect(dfs.stats.distinctStates).toBe(bfs.stats.distinctStates);
        expect(dfs.stats.depth).toBe(bfs.stats.depth);
        const { dist } = bruteForce(spec);
        expect(seen.sort((a, b) => a - b)).toEqual([...dist.keys()].filter((s) => dist.get(s)! <= maxDepth).sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it("explores deep first: on a chain with a side branch, the violation's trace follows the last action emitted", async () => {
    // 0 → 1 (a), 0 → 2 (b), 2 → 3 (b), 1 → 3 (a): breadth-first reaches 3 through 1; depth-first pops 2 first.
    const g: GraphSpec = { nodes: 4, initial: [0], edges: [[0, 1, "a"], [0, 2, "b"], [1, 3, "a"], [2, 3, "b"]], bad: [3], deadlock: false };
    const bfs = await check(graphModel(g));
    const dfs = await check(graphModel(g), { strategy: "dfs" });
    expect(bfs.result === "violation" && bfs.violation.trace.map((s) => s.state)).toEqual([0, 1, 3]);
    expect(dfs.result === "violation" && dfs.violation.trace.map((s) => s.state)).toEqual([0, 2, 3]);
  });
});
