import type { Adjacency, EdgeGraph } from "./scc.ts";
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
 * A closed walk from `entry` through the SCC (states labelled `tag`) that takes one witness
 * edge per fairness group that has one inside, visits a state not enabling each weak group that
 * has none, and visits an accepting state. An empty walk means stuttering at `entry` is fair.
 */
export function buildCycle(
  graph: EdgeGraph,
  judge: Judge,
  scc: Int32Array,
  tag: number,
  entry: number,
  accepting: Uint8Array | undefined,
): { states: number[]; edges: number[] } {
  const touched = [...judge.scan(scc, tag)];
  const label = judge.label;
  const states = [entry];
  const edges: number[] = [];
  let at = entry;
  // A group is satisfied once the walk takes one of its steps, or (weak only) visits a state
  // that does not enable it; requirements already met on the way are skipped.
  const satisfied = new Set<number>();
  const note = (s: number, e: number): void => {
    if (e >= 0) for (const g of judge.groupsOf(e)) satisfied.add(g);
    for (const g of touched) if (!satisfied.has(g) && !judge.isStrong(g) && !judge.enables(s, g)) satisfied.add(g);
  };
  note(entry, -1);
  const append = (e: number): void => {
    edges.push(e);
    states.push(graph.to(e));
    at = graph.to(e);
    note(at, e);
  };
  const walkTo = (isTarget: (s: number) => boolean): void => {
    for (const e of pathWithin(graph, label, tag, at, isTarget)) append(e);
  };
  const taken = touched.map((g) => judge.takenEdge[g]);
  touched.forEach((g, i) => {
    if (satisfied.has(g)) return;
    const e = taken[i];
    if (e >= 0) {
      walkTo((s) => s === graph.from(e));
      if (!satisfied.has(g)) append(e);
    } else if (!judge.isStrong(g)) {
      walkTo((s) => !judge.enables(s, g));
    }
  });
  if (accepting) walkTo((s) => accepting[s] === 1);
  if (edges.length === 0) {
    // Stuttering at `entry` forever: fair only if no group is enabled here; otherwise go round.
    if (touched.every((g) => !judge.enables(entry, g))) return { states, edges };
  }
  if (at !== entry || edges.length === 0) {
    for (const e of pathWithin(graph, label, tag, at, (s) => s === entry, edges.length === 0)) append(e);
  }
  return { states, edges };
}

/** Edge ids of a shortest path inside the states labelled `tag`; `nonEmpty` forbids the empty path. */
function pathWithin(
  graph: EdgeGraph,
  label: Int32Array,
  tag: number,
  from: number,
  isTarget: (s: number) => boolean,
  nonEmpty = false,
): number[] {
  if (!nonEmpty && isTarget(from)) return [];
  const via = new Map<number, number>();
  const queue = [from];
  const seen = new Set<number>([from]);
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    const out = graph.outEdges(s);
    for (let k = 0; k < out.length; k++) {
      const e = out[k];
      const t = graph.to(e);
      if (t === s || label[t] !== tag) continue;
      if (isTarget(t)) {
        const path = [e];
        for (let at = s; at !== from; at = graph.from(via.get(at)!)) path.push(via.get(at)!);
        return path.reverse();
      }
      if (seen.has(t)) continue;
      seen.add(t);
      via.set(t, e);
      queue.push(t);
    }
  }
  throw new Error("fair cycle: target not reachable inside its SCC (internal error)");
}
