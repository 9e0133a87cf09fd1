import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { StateGraph } from "../../src/graph/state-graph.ts";
import { Adjacency, SccFinder } from "../../src/check/scc.ts";

function graphOf(n: number, edges: readonly (readonly [number, number])[]): StateGraph {
  const g = new StateGraph(1);
  for (let i = 0; i < n; i++) g.state(i, Int32Array.of(i), 1);
  for (const [f, t] of edges) g.edge(f, t, 0, 0);
  return g;
}

function sccs(g: StateGraph, members: number[], label: Int32Array, tag: number): number[][] {
  const out: number[][] = [];
  new SccFinder(new Adjacency(g)).components(members, label, tag, (c) => out.push([...c].sort((a, b) => a - b)));
  return out;
}

describe("SccFinder (iterative Tarjan)", () => {
  it("matches mutual reachability on random graphs and subgraphs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 }), fc.subarray([...Array(n).keys()], { minLength: 1 })),
        ),
        ([n, edges, members]) => {
          const label = new Int32Array(n).fill(-1);
          for (const s of members) label[s] = 7;
          const reach = (from: number) => {
            const seen = new Set([from]);
            for (let grew = true; grew; ) {
              grew = false;
              for (const [f, t] of edges) {
                if (members.includes(f) && members.includes(t) && seen.has(f) && !seen.has(t)) {
                  seen.add(t);
                  grew = true;
                }
              }
            }
            return seen;
          };
          const expected = new Set(
            members.map((s) => JSON.stringify(members.filter((t) => reach(s).has(t) && reach(t).has(s)).sort((a, b) => a - b))),
          );
          const got = sccs(graphOf(n, edges), members, label, 7);
          expect(new Set(got.map((c) => JSON.stringify(c)))).toEqual(expected);
          expect(got.flat().length).toBe(members.length);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("handles a cycle of a million states without recursion", () => {
    const n = 1_000_000;
    const g = new StateGraph(1);
    const v = new Int32Array(1);
    for (let i = 0; i < n; i++) g.state(i, v, 1);
    for (let i = 0; i < n; i++) g.edge(i, (i + 1) % n, 0, 0);
    const label = new Int32Array(n);
    const members = Int32Array.from({ length: n }, (_, i) => i);
    const sizes: number[] = [];
    new SccFinder(new Adjacency(g)).components(members, label, 0, (c) => sizes.push(c.length));
    expect(sizes).toEqual([n]);
  });
});
