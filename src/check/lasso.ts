import type { Adjacency, CycleGraph } from "./scc.ts";
import type { Judge } from "./fair-judge.ts";
import type { LassoQuery } from "./lasso-query.ts";

// The two halves of a lasso once the good SCCs are known: the shortest prefix to one of them,
// and a fair cycle inside it (see findFairLasso in fair-cycle.ts).

/**
 * Shortest path from an initial state to a state of a good SCC, over (phase, state) nodes:
 * phase 0 roams the whole graph (only when `prefixAnywhere`), a seed switches to phase 1 at no
 * cost, phase 1 stays in the region. Level-by-level BFS with 0-cost moves kept in their level.
 */
export function shortestPrefix(
  graph: Adjacency,
  query: LassoQuery,
  reach: Uint8Array,
  good: Int32Array,
): { states: number[]; edges: number[] } | undefined {
  const n = graph.stateCount;
  const seen = new Uint8Array(2 * n);
  const parent = new Int32Array(2 * n).fill(-1);
  const via = new Int32Array(2 * n).fill(-1);
  let level: number[] = [];
  const visit = (node: number, from: number, edge: number, into: number[]): void => {
    if (seen[node]) return;
    seen[node] = 1;
    parent[node] = from;
    via[node] = edge;
    into.push(node);
  };
  for (let i = 0; i < query.initial.length; i++) {
    const s = query.initial[i];
    if (query.prefixAnywhere) visit(s, -1, -1, level);
    else if (reach[s] && query.seeds[s]) visit(n + s, -1, -1, level);
  }
  while (level.length > 0) {
    const next: number[] = [];
    for (let i = 0; i < level.length; i++) {
      const node = level[i];
      const phase1 = node >= n;
      const s = phase1 ? node - n : node;
      if (phase1 && good[s] >= 0) return unwind(node);
      if (!phase1 && reach[s] && query.seeds[s]) visit(n + s, node, -1, level);
      for (let k = graph.offsets[s]; k < graph.offsets[s + 1]; k++) {
        const t = graph.targets[k];
        if (t === s) continue;
        if (!phase1) visit(t, node, graph.edges[k], next);
        else if (reach[t]) visit(n + t, node, graph.edges[k], next);
      }
    }
    level = next;
  }
  return undefined;

  function unwind(node: number): { states: number[]; edges: number[] } {
    const states: number[] = [];
    const edges: number[] = [];
    for (let at = node; at >= 0; at = parent[at]) {
      const s = at >= n ? at - n : at;
      if (via[at] >= 0) {
        states.push(s);
        edges.push(via[at]);
      } else if (parent[at] < 0) {
        states.push(s); // the initial state; a phase switch (no edge) adds no state
      }
    }
    return { states: states.reverse(), edges: edges.reverse() };
  }
}

/**
 * A closed walk from `entry` through the SCC (nodes labelled `tag`) that takes one witness
 * step per fairness group that has one inside, visits a node not enabling each weak group that
 * has none, and visits a node of each `accepting` set. `edges[i]` is the state-graph edge from
 * `nodes[i]` to `nodes[i + 1]`, or -1 for a stuttering step. An empty walk means stuttering at
 * `entry` forever is fair (and `entry` can repeat by itself).
 */
export function buildCycle(
  graph: CycleGraph,
  judge: Judge,
  scc: Int32Array,
  tag: number,
  entry: number,
  accepting: readonly ((node: number) => boolean)[],
): { nodes: number[]; edges: number[] } {
  const touched = [...judge.scan(scc, tag)];
  const label = judge.label;
  const nodes = [entry];
  const edges: number[] = [];
  let at = entry;
  // A group is satisfied once the walk takes one of its steps, or (weak only) visits a node
  // that does not enable it; requirements already met on the way are skipped.
  const satisfied = new Set<number>();
  const note = (v: number, e: number): void => {
    if (e >= 0) for (const g of judge.groupsOf(e)) satisfied.add(g);
    for (const g of touched) if (!satisfied.has(g) && !judge.isStrong(g) && !judge.enables(v, g)) satisfied.add(g);
  };
  note(entry, -1);
  const append = (v: number, e: number): void => {
    edges.push(e);
    nodes.push(v);
    at = v;
    note(v, e);
  };
  const walkTo = (isTarget: (v: number) => boolean, nonEmpty = false): void => {
    const path = pathWithin(graph, label, tag, at, isTarget, nonEmpty);
    for (let i = 0; i < path.length; i += 2) append(path[i], path[i + 1]);
  };
  const taken = touched.map((g) => [judge.takenNode[g], judge.takenPos[g]] as const);
  touched.forEach((g, i) => {
    if (satisfied.has(g)) return;
    const [v, k] = taken[i];
    if (v >= 0) {
      walkTo((u) => u === v);
      if (!satisfied.has(g)) append(graph.target(v, k), graph.edge(v, k));
    } else if (!judge.isStrong(g)) {
      walkTo((u) => !judge.enables(u, g));
    }
  });
  for (const accepts of accepting) {
    let visited = false;
    for (const v of nodes) if (accepts(v)) visited = true;
    if (!visited) walkTo(accepts);
  }
  if (edges.length === 0) {
    // Stuttering at `entry` forever: fair only if no group is enabled here; otherwise go round.
    if (graph.selfLoop(entry) && touched.every((g) => !judge.enables(entry, g))) return { nodes, edges };
  }
  if (at !== entry || edges.length === 0) walkTo((v) => v === entry, edges.length === 0);
  return { nodes, edges };
}

/**
 * A shortest path inside the nodes labelled `tag`, as pairs (node reached, edge taken) flattened
 * into one array; `nonEmpty` forbids the empty path.
 */
function pathWithin(graph: CycleGraph, label: Int32Array, tag: number, from: number, isTarget: (v: number) => boolean, nonEmpty: boolean): number[] {
  if (!nonEmpty && isTarget(from)) return [];
  const via = new Map<number, readonly [node: number, pos: number]>();
  const queue = [from];
  const seen = new Set<number>([from]);
  const step = (v: number, k: number): number[] => [graph.target(v, k), graph.edge(v, k)];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (let k = graph.begin(v), end = graph.end(v); k < end; k++) {
      const w = graph.target(v, k);
      if (w < 0 || w === v || label[w] !== tag) continue;
      if (isTarget(w)) {
        const path = step(v, k);
        for (let u = v; u !== from; ) {
          const [p, pk] = via.get(u)!;
          path.unshift(...step(p, pk));
          u = p;
        }
        return path;
      }
      if (seen.has(w)) continue;
      seen.add(w);
      via.set(w, [v, k]);
      queue.push(w);
    }
  }
  throw new Error("fair cycle: target not reachable inside its SCC (internal error)");
}
