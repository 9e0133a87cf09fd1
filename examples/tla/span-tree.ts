/**
 * A spanning tree of an undirected graph, computed by repeatedly lowering a node's distance
 * estimate below a neighbour's (Leslie Lamport).
 *
 * Hand port of `specifications/SpanningTree/SpanTree.tla` with the model `SpanTree.cfg` from
 * github:tlaplus/Examples at commit 32a32c7: Nodes = {n1, …, n5} (model values, here their
 * names), Edges = {{n1,n2}, {n1,n3}, {n2,n3}, {n2,n4}, {n3,n4}, {n3,n5}, {n4,n5}}, Root = n1,
 * MaxCardinality = 6, CHECK_DEADLOCK FALSE. TLC records 1,236 distinct states, 10,278
 * generated, depth 6, success. The TLA+ Examples are MIT-licensed ("Copyright (c) 2016: The
 * TLA+ project and other contributors").
 *
 * Its properties are what this port exists for — ENABLED inside temporal formulas, under
 * `WF_vars(Next)`:
 * - `Safety == []((~ ENABLED Next) => PostCondition)`: when the algorithm has terminated, `mom`
 *   is a spanning tree (an invariant: always of a state formula);
 * - `Liveness == <>(~ ENABLED Next)`: the algorithm terminates.
 * A Next step always lowers `dist[n]`, so ENABLED Next and ENABLED ⟨Next⟩_vars agree here.
 */
import { defineSpec, exists, t, weak } from "interleave-spec";

const NODES = ["n1", "n2", "n3", "n4", "n5"] as const;
type Node = (typeof NODES)[number];
const EDGES: readonly (readonly [Node, Node])[] = [["n1", "n2"], ["n1", "n3"], ["n2", "n3"], ["n2", "n4"], ["n3", "n4"], ["n3", "n5"], ["n4", "n5"]];
const ROOT: Node = "n1";
const MAX = 6;

/** `Nbrs(n) == {m \in Nodes : {m, n} \in Edges}` */
const nbrs = (n: Node): Node[] => NODES.filter((m) => EDGES.some(([a, b]) => (a === m && b === n) || (a === n && b === m)));

type SpanState = { readonly mom: Readonly<Record<Node, Node>>; readonly dist: Readonly<Record<Node, number>> };

/** The PostCondition: every node is the root, unreachable, or one further than its parent. */
export function postCondition(s: SpanState): boolean {
  return NODES.every(
    (n) =>
      (n === ROOT && s.dist[n] === 0 && s.mom[n] === n) ||
      (s.dist[n] === MAX && s.mom[n] === n && nbrs(n).every((m) => s.dist[m] === MAX)) ||
      (s.dist[n] >= 1 && s.dist[n] <= MAX - 1 && nbrs(n).includes(s.mom[n]) && s.dist[n] === s.dist[s.mom[n]] + 1),
  );
}

const Nodes = t.enum(...NODES);

export default defineSpec({
  name: "SpanTree",
  // TypeOK is the schema: mom \in [Nodes -> Nodes], dist \in [Nodes -> 0..MaxCardinality].
  state: { mom: t.map(Nodes, Nodes), dist: t.map(Nodes, t.int(0, MAX)) },
  init: {
    mom: Object.fromEntries(NODES.map((n) => [n, n])) as Record<Node, Node>,
    dist: Object.fromEntries(NODES.map((n) => [n, n === ROOT ? 0 : MAX])) as Record<Node, number>,
  },
  actions: {
    // Next == \E n \in Nodes : \E m \in Nbrs(n) : dist[m] < 1 + dist[n] /\ \E d \in (dist[m]+1) .. (dist[n]-1) : …
    Next: (s) =>
      exists(NODES, (n) =>
        exists(nbrs(n), (m) => {
          if (!(s.dist[m] < 1 + s.dist[n])) return false;
          const ds = Array.from({ length: Math.max(0, s.dist[n] - 1 - s.dist[m]) }, (_, i) => s.dist[m] + 1 + i);
          return exists(ds, (d) => ({ dist: { ...s.dist, [n]: d }, mom: { ...s.mom, [n]: m } }));
        }),
      ),
  },
  properties: ({ always, eventually, implies, not, enabled }) => ({
    // Liveness == <>(~ ENABLED Next)
    Liveness: eventually(not(enabled())),
    // Safety == []((~ ENABLED Next) => PostCondition)
    Safety: always(implies(not(enabled()), postCondition)),
  }),
  // Spec == Init /\ [][Next]_vars /\ WF_vars(Next)
  fairness: [weak()],
  deadlock: false,
});
