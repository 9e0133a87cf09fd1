import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { check, type CheckResult } from "interleave-spec";
import { bruteForce, graphModel, type GraphSpec } from "../fixtures/graph-model.ts";

const noDeadlock = { deadlock: false } as const;

function ok<S>(r: CheckResult<S>) {
  if (r.result !== "ok") throw new Error(`expected ok, got ${r.result}`);
  return r;
}

describe("check: breadth-first exploration with TLC's counting", () => {
  it("counts a diamond: distinct 4, generated 1 + 4, depth 3", async () => {
    const g: GraphSpec = { nodes: 4, initial: [0], edges: [[0, 1, "a"], [0, 2, "b"], [1, 3, "a"], [2, 3, "b"]], ...noDeadlock };
    const r = ok(await check(graphModel(g)));
    expect(r.stats).toMatchObject({ distinctStates: 4, statesGenerated: 5, depth: 3, queue: 0 });
  });

  it("counts a self-loop as generated and as a successor (no deadlock)", async () => {
    const g: GraphSpec = { nodes: 2, initial: [0], edges: [[0, 1, "go"], [1, 1, "stutter"]] };
    const r = ok(await check(graphModel(g)));
    expect(r.stats).toMatchObject({ distinctStates: 2, statesGenerated: 3, depth: 2 });
  });

  it("puts initial states at depth 1 and counts duplicate initial states as generated", async () => {
    const g: GraphSpec = { nodes: 3, initial: [0, 0, 1], edges: [[0, 2, "a"]], ...noDeadlock };
    const r = ok(await check(graphModel(g)));
    expect(r.stats).toMatchObject({ distinctStates: 3, statesGenerated: 4, depth: 2 });
    const only: GraphSpec = { nodes: 2, initial: [0, 1], edges: [[0, 0, "loop"], [1, 1, "loop"]] };
    expect(ok(await check(graphModel(only))).stats.depth).toBe(1);
  });

  it("counts an emitted duplicate successor twice as generated", async () => {
    const g: GraphSpec = { nodes: 2, initial: [0], edges: [[0, 1, "a"], [0, 1, "a"]], ...noDeadlock };
    expect(ok(await check(graphModel(g))).stats).toMatchObject({ distinctStates: 2, statesGenerated: 3 });
  });

  it("agrees with a brute-force BFS on random graphs", async () => {
    const arbGraph = fc
      .integer({ min: 1, max: 30 })
      .chain((n) =>
        fc.record({
          nodes: fc.constant(n),
          initial: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
          edges: fc.array(
            fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.constantFrom("a", "b", "c")),
            { maxLength: 60 },
          ),
        }),
      );
    await fc.assert(
      fc.asyncProperty(arbGraph, async (g) => {
        const spec = { ...g, deadlock: false };
        const r = ok(await check(graphModel(spec)));
        const want = bruteForce(spec);
        expect(r.stats.distinctStates).toBe(want.distinct);
        expect(r.stats.statesGenerated).toBe(want.generated);
        expect(r.stats.depth).toBe(want.depth);
      }),
      { numRuns: 200 },
    );
  });

  it("returns shortest traces that replay from an initial state to the violation", async () => {
    const arb = fc.integer({ min: 2, max: 25 }).chain((n) =>
      fc.record({
        nodes: fc.constant(n),
        initial: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }),
        edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.constantFrom("a", "b")), {
          maxLength: 50,
        }),
        bad: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async (g) => {
        const spec: GraphSpec = { ...g, deadlock: false };
        const r = await check(graphModel(spec));
        const { dist } = bruteForce(spec);
        const reachableBad = g.bad.filter((b) => dist.has(b));
        if (reachableBad.length === 0) {
          expect(r.result).toBe("ok");
          return;
        }
        expect(r.result).toBe("violation");
        if (r.result !== "violation") return;
        const trace = r.violation.trace;
        const shortest = Math.min(...reachableBad.map((b) => dist.get(b)!));
        expect(trace.length).toBe(shortest);
        expect(g.initial).toContain(trace[0].state);
        expect(trace[0].action).toBeNull();
        for (let i = 1; i < trace.length; i++) {
          const edge = g.edges.find(([f, t, l]) => f === trace[i - 1].state && t === trace[i].state && l === trace[i].action);
          expect(edge).toBeDefined();
        }
        expect(g.bad).toContain(trace[trace.length - 1].state);
      }),
      { numRuns: 200 },
    );
  });
});

describe("check: deadlock", () => {
  const chain: GraphSpec = { nodes: 3, initial: [0], edges: [[0, 1, "a"], [1, 2, "b"]] };

  it("reports a state without successors, with the trace to it", async () => {
    const r = await check(graphModel(chain));
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation.kind).toBe("deadlock");
    expect(r.violation.trace.map((s) => s.state)).toEqual([0, 1, 2]);
    expect(r.violation.trace.map((s) => s.action)).toEqual([null, "a", "b"]);
  });

  it("accepts declared terminal states", async () => {
    expect((await check(graphModel({ ...chain, terminal: [2] }))).result).toBe("ok");
  });

  it("is skipped when deadlock is not among the checked properties", async () => {
    expect((await check(graphModel(chain), { properties: [] })).result).toBe("ok");
  });
});

describe("check: limits", () => {
  const line = (n: number): GraphSpec => ({
    nodes: n,
    initial: [0],
    edges: Array.from({ length: n - 1 }, (_, i) => [i, i + 1, "next"] as const),
    deadlock: false,
  });

  it("stops at --max-states with an incomplete result", async () => {
    const r = await check(graphModel(line(100)), { maxStates: 10 });
    expect(r.result).toBe("incomplete");
    if (r.result === "incomplete") expect(r.stoppedBy).toBe("max-states");
    expect(r.stats.distinctStates).toBeGreaterThanOrEqual(10);
  });

  it("does not explore beyond --max-depth", async () => {
    const r = await check(graphModel(line(100)), { maxDepth: 5 });
    expect(r.result).toBe("incomplete");
    expect(r.stats.depth).toBe(5);
    expect(r.stats.distinctStates).toBe(5);
  });

  it("a depth limit that cuts nothing is a complete search", async () => {
    expect((await check(graphModel(line(5)), { maxDepth: 10 })).result).toBe("ok");
  });

  it("stops when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const big: GraphSpec = { nodes: 300_000, initial: [0], edges: [], deadlock: false };
    const model = graphModel(big);
    // A generator-like model with many states: each state n has successor n + 1.
    const r = await check(
      { ...model, actions: [{ name: "inc", next: (s, emit) => s < 299_999 && emit(s + 1, 0), bindingOf: () => null }] },
      { signal: controller.signal },
    );
    expect(r.result).toBe("incomplete");
    if (r.result === "incomplete") expect(r.stoppedBy).toBe("interrupted");
  });
});
