import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Fairness } from "interleave-spec";
import { StateGraph } from "../../src/graph/state-graph.ts";
import { FairnessGroups } from "../../src/check/fairness.ts";
import { findFairLasso, type Lasso, type LassoQuery } from "../../src/check/fair-cycle.ts";

const ACTIONS = ["a", "b", "c"];
type Edge = readonly [from: number, to: number, action: number, instance: number];

function graphOf(n: number, edges: readonly Edge[]): StateGraph {
  const g = new StateGraph(1);
  for (let i = 0; i < n; i++) g.state(i, Int32Array.of(i), i === 0 ? 1 : 2);
  for (const [f, t, a, k] of edges) g.edge(f, t, a, k);
  return g;
}

function lasso(n: number, edges: readonly Edge[], fairness: readonly Fairness[], query: LassoQuery): Lasso | undefined {
  const g = graphOf(n, edges);
  return findFairLasso(g, new FairnessGroups(fairness, ACTIONS, g, (_a, i) => [i]), query);
}

const mask = (n: number, f: (i: number) => boolean) => Uint8Array.from({ length: n }, (_, i) => (f(i) ? 1 : 0));
/** ◇p with p true exactly in `pStates`. */
const eventually = (n: number, pStates: number[]): LassoQuery => {
  const notP = mask(n, (i) => !pStates.includes(i));
  return { initial: [0], region: notP, seeds: notP, prefixAnywhere: false };
};
const weak = (...actions: string[]): Fairness => ({ kind: "weak", perInstance: false, ...(actions.length ? { actions } : {}) });
const strong = (...actions: string[]): Fairness => ({ kind: "strong", perInstance: false, ...(actions.length ? { actions } : {}) });

describe("findFairLasso on hand-built graphs", () => {
  // 0 -a-> 1 (p): without fairness the behaviour may stutter in 0 forever.
  const step: Edge[] = [[0, 1, 0, 0]];

  it("finds a stuttering counterexample to ◇p without fairness", () => {
    const l = lasso(2, step, [], eventually(2, [1]));
    expect(l).toEqual({ states: [0], edges: [], loopStart: 0, stuttering: true });
  });

  it("proves ◇p under weak fairness of the next-state relation", () => {
    expect(lasso(2, step, [weak()], eventually(2, [1]))).toBeUndefined();
    expect(lasso(2, step, [weak("a")], eventually(2, [1]))).toBeUndefined();
    expect(lasso(2, step, [weak("b")], eventually(2, [1]))).toBeDefined();
  });

  // 0 -a-> 1 -b-> 0 cycle without p; c from 0 to 2 (p) is enabled only in state 0.
  const flicker: Edge[] = [
    [0, 1, 0, 0],
    [1, 0, 1, 0],
    [0, 2, 2, 0],
  ];

  it("distinguishes strong from weak fairness", () => {
    const wf = lasso(3, flicker, [weak(), weak("c")], eventually(3, [2]));
    expect(wf).toMatchObject({ states: [0, 1, 0], loopStart: 0, stuttering: false });
    expect(lasso(3, flicker, [weak(), strong("c")], eventually(3, [2]))).toBeUndefined();
  });

  it("ignores self-loops: they are stuttering steps, not fair steps", () => {
    const loops: Edge[] = [
      [0, 0, 0, 0],
      [0, 1, 1, 0],
    ];
    expect(lasso(2, loops, [weak("a")], eventually(2, [1]))).toMatchObject({ stuttering: true });
    expect(lasso(2, loops, [weak("b")], eventually(2, [1]))).toBeUndefined();
  });

  it("applies fairness per instance", () => {
    // Two processes (instances 0, 1) of action a; only process 1 reaches p (state 2).
    const procs: Edge[] = [
      [0, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 2, 0, 1],
      [1, 2, 0, 1],
    ];
    expect(lasso(3, procs, [weak("a")], eventually(3, [2]))).toBeDefined();
    expect(lasso(3, procs, [{ kind: "weak", actions: ["a"], perInstance: true }], eventually(3, [2]))).toBeUndefined();
  });

  it("gives the shortest prefix to the cycle", () => {
    // A long and a short way to the same ¬q cycle 3 <-> 4 after the trigger p in 0.
    const edges: Edge[] = [
      [0, 1, 0, 0],
      [1, 2, 0, 0],
      [2, 3, 0, 0],
      [0, 3, 1, 0],
      [3, 4, 0, 0],
      [4, 3, 0, 0],
    ];
    const all = mask(5, () => true);
    const l = lasso(5, edges, [weak()], { initial: [0], region: all, seeds: mask(5, (i) => i === 0), prefixAnywhere: true });
    expect(l?.loopStart).toBe(1);
    expect(l?.states.slice(0, 2)).toEqual([0, 3]);
    expect(l?.states.at(-1)).toBe(l?.states[l.loopStart]);
  });

  it("finds ◇□p violations only through a cycle that visits ¬p", () => {
    // 0 <-> 1 cycle, p false only in 1; 2 is a p-sink reached from 0.
    const edges: Edge[] = [
      [0, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 2, 1, 0],
    ];
    const all = mask(3, () => true);
    const q = { initial: [0], region: all, seeds: all, prefixAnywhere: true, accepting: mask(3, (i) => i === 1) };
    expect(lasso(3, edges, [weak()], q)).toMatchObject({ stuttering: false });
    expect(lasso(3, edges, [weak(), strong("b")], q)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Brute force: try every subset of states as the set visited infinitely often.

interface Case {
  n: number;
  edges: Edge[];
  fairness: Fairness[];
  region: number[];
  seeds: number[];
  accepting: number[] | null;
  prefixAnywhere: boolean;
}

function groupsOfEdge(c: Case, [f, t, a, k]: Edge): string[] {
  if (f === t) return [];
  return c.fairness.flatMap((fair, i) =>
    fair.actions === undefined || fair.actions.includes(ACTIONS[a]) ? [`${i}/${fair.perInstance ? k : "*"}`] : [],
  );
}

function fairSet(c: Case, states: Set<number>, edges: readonly Edge[]): boolean {
  const keys = new Set(c.edges.flatMap((e) => groupsOfEdge(c, e)));
  for (const key of keys) {
    const isStrong = c.fairness[Number(key.split("/")[0])].kind === "strong";
    const taken = edges.some((e) => groupsOfEdge(c, e).includes(key));
    const enabling = [...states].filter((s) => c.edges.some((e) => e[0] === s && groupsOfEdge(c, e).includes(key)));
    if (taken) continue;
    if (isStrong ? enabling.length > 0 : enabling.length === states.size) return false;
  }
  return true;
}

/** Shortest product-BFS distance (phase 0 anywhere, phase 1 in region) to every state. */
function prefixDistances(c: Case): number[] {
  const dist = new Array<number>(2 * c.n).fill(Infinity);
  const order: number[] = [];
  const push = (node: number, d: number) => {
    if (d < dist[node]) {
      dist[node] = d;
      order.push(node);
    }
  };
  if (c.prefixAnywhere) push(0, 0);
  else if (c.seeds.includes(0) && c.region.includes(0)) push(c.n, 0);
  for (let changed = true; changed; ) {
    changed = false; // Bellman-Ford: simple and independent of the checker's BFS
    for (let node = 0; node < 2 * c.n; node++) {
      if (dist[node] === Infinity) continue;
      const s = node % c.n;
      const phase1 = node >= c.n;
      const relax = (to: number, d: number) => {
        if (d < dist[to]) {
          dist[to] = d;
          changed = true;
        }
      };
      if (!phase1 && c.seeds.includes(s) && c.region.includes(s)) relax(c.n + s, dist[node]);
      for (const [f, t] of c.edges) {
        if (f !== s || t === s) continue;
        if (!phase1) relax(t, dist[node] + 1);
        else if (c.region.includes(t)) relax(c.n + t, dist[node] + 1);
      }
    }
  }
  return dist.slice(c.n);
}

function stronglyConnected(c: Case, set: number[]): boolean {
  const inside = c.edges.filter(([f, t]) => f !== t && set.includes(f) && set.includes(t));
  const reach = (from: number, forward: boolean) => {
    const seen = new Set([from]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [f, t] of inside) {
        const [x, y] = forward ? [f, t] : [t, f];
        if (seen.has(x) && !seen.has(y)) {
          seen.add(y);
          grew = true;
        }
      }
    }
    return seen.size === set.length;
  };
  return reach(set[0], true) && reach(set[0], false);
}

/** The minimal prefix length of a counterexample, or undefined when the property holds. */
function bruteForce(c: Case): number | undefined {
  const dist = prefixDistances(c);
  let best: number | undefined;
  for (let bits = 1; bits < 1 << c.n; bits++) {
    const set = [...Array(c.n).keys()].filter((i) => bits & (1 << i));
    if (!set.every((s) => c.region.includes(s)) || !stronglyConnected(c, set)) continue;
    if (c.accepting && !set.some((s) => c.accepting!.includes(s))) continue;
    const inside = c.edges.filter(([f, t]) => f !== t && set.includes(f) && set.includes(t));
    if (!fairSet(c, new Set(set), inside)) continue;
    for (const s of set) if (dist[s] < (best ?? Infinity)) best = dist[s];
  }
  return best;
}

/** Checks that a lasso is a real fair counterexample for the case. */
function validate(c: Case, l: Lasso): void {
  expect(l.states[0]).toBe(0);
  l.edges.forEach((e, i) => {
    expect(c.edges[e][0]).toBe(l.states[i]);
    expect(c.edges[e][1]).toBe(l.states[i + 1]);
  });
  const cycleStates = new Set(l.states.slice(l.loopStart));
  const cycleEdges = l.edges.slice(l.loopStart).map((e) => c.edges[e]);
  if (!l.stuttering) expect(l.states.at(-1)).toBe(l.states[l.loopStart]);
  else expect(l.loopStart).toBe(l.states.length - 1);
  const start = l.states.findIndex((s, i) => c.seeds.includes(s) && l.states.slice(i).every((x) => c.region.includes(x)));
  expect(start).toBeGreaterThanOrEqual(0);
  if (!c.prefixAnywhere) expect(start).toBe(0);
  if (c.accepting) expect([...cycleStates].some((s) => c.accepting!.includes(s))).toBe(true);
  expect(fairSet(c, cycleStates, cycleEdges)).toBe(true);
}

const arbCase: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(2), fc.nat(1)).map((e) => e as Edge),
      { maxLength: 12 },
    ),
    fairness: fc.array(
      fc.record({
        kind: fc.constantFrom("weak" as const, "strong" as const),
        perInstance: fc.boolean(),
        actions: fc.option(fc.subarray(ACTIONS, { minLength: 1 }), { nil: undefined }),
      }).map(({ actions, ...f }) => (actions ? { ...f, actions } : f) as Fairness),
      { maxLength: 3 },
    ),
    region: fc.subarray([...Array(n).keys()]),
    seeds: fc.subarray([...Array(n).keys()]),
    accepting: fc.option(fc.subarray([...Array(n).keys()]), { nil: null }),
    prefixAnywhere: fc.boolean(),
  }),
);

describe("findFairLasso against a brute-force checker", () => {
  it("agrees on existence and on the minimal prefix, and returns valid lassos", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const expected = bruteForce(c);
        const l = lasso(c.n, c.edges, c.fairness, {
          initial: [0],
          region: mask(c.n, (i) => c.region.includes(i)),
          seeds: mask(c.n, (i) => c.seeds.includes(i)),
          prefixAnywhere: c.prefixAnywhere,
          ...(c.accepting ? { accepting: mask(c.n, (i) => c.accepting!.includes(i)) } : {}),
        });
        if (expected === undefined) {
          expect(l).toBeUndefined();
          return;
        }
        expect(l).toBeDefined();
        validate(c, l!);
        expect(l!.loopStart).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
