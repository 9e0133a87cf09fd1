import type { Automaton } from "../temporal/gba.ts";
import { fairComponents } from "./fair-cycle.ts";
import type { FairnessGroups } from "./fairness.ts";
import { buildCycle } from "./lasso.ts";
import type { Lasso } from "./lasso-query.ts";
import { ProductGraph, type Letters } from "./product.ts";

/**
 * A fair behaviour accepted by `automaton` (the negation of a property), as a lasso of state
 * ids with the shortest possible prefix, or undefined when there is none. `edges[i]` is -1 for
 * a stuttering step (the state repeats); {@link compressLasso} drops those for printing.
 *
 * Method: the product of the explored graph with the automaton ({@link ProductGraph}, built on
 * the fly over the recorded graph), decomposed into SCCs that meet every acceptance set and
 * satisfy every fairness group — weak groups taken or disabled somewhere, strong groups refined
 * Emerson–Lei style ({@link fairComponents}); then a 0/1 breadth-first search from the initial
 * nodes to a node of such an SCC, where stuttering steps cost nothing (they add no state to the
 * printed trace), and a cycle through that SCC that visits every acceptance set and a witness for
 * every fairness group ({@link buildCycle}; not necessarily the shortest cycle).
 */
export function findProductLasso(letters: Letters, automaton: Automaton, fairness: FairnessGroups, initialStates: ArrayLike<number>): Lasso | undefined {
  const product = new ProductGraph(letters, automaton);
  product.explore(initialStates);
  const n = product.nodeCount;
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) members[v] = v;
  const sets = Array.from({ length: automaton.acceptanceSets }, (_, j) => (v: number) => ((automaton.acceptance[product.aut(v)] >>> j) & 1) === 1);
  const found = fairComponents(product, fairness, members, (scc) => sets.every((inSet) => scc.some(inSet)));
  if (!found) return undefined;
  const { good, sccs, judge } = found;
  const prefix = shortestPrefix(product, good);
  const entry = prefix.nodes[prefix.nodes.length - 1];
  const cycle = buildCycle(product, judge, sccs[good[entry]], judge.label[entry], entry, sets);
  const states = [...prefix.nodes, ...cycle.nodes.slice(1)].map((v) => product.state(v));
  return rotate({
    states,
    edges: [...prefix.edges, ...cycle.edges],
    loopStart: prefix.nodes.length - 1,
    stuttering: cycle.edges.length === 0,
  });
}

/**
 * The same behaviour with the cycle entered as early as it allows: while the step before the
 * cycle equals the cycle's last step, that step becomes the cycle's first. (The automaton may
 * need a few steps before its run turns periodic, so the product's loop can start later than
 * the behaviour's.)
 */
function rotate(lasso: Lasso): Lasso {
  const states = [...lasso.states];
  const edges = [...lasso.edges];
  let loopStart = lasso.loopStart;
  if (lasso.stuttering) {
    while (loopStart > 0 && edges[loopStart - 1] === -1) {
      loopStart--;
      states.pop();
      edges.pop();
    }
    return { states, edges, loopStart, stuttering: true };
  }
  while (loopStart > 0 && edges[loopStart - 1] === edges[edges.length - 1] && states[loopStart - 1] === states[states.length - 2]) {
    loopStart--;
    states.pop();
    edges.pop();
  }
  return { states, edges, loopStart, stuttering: false };
}

/**
 * The lasso as printed: stuttering steps (edge -1) dropped, so that every step is an edge of
 * the graph; a cycle made only of stuttering steps becomes "stuttering forever".
 */
export function compressLasso(lasso: Lasso): Lasso {
  if (!lasso.edges.includes(-1)) return lasso;
  const states = [lasso.states[0]];
  const edges: number[] = [];
  const once = new Set<number>();
  const everyLap = new Set<number>();
  let loopStart = 0;
  lasso.edges.forEach((e, i) => {
    if (i === lasso.loopStart) loopStart = states.length - 1;
    if (e < 0) {
      (i < lasso.loopStart ? once : everyLap).add(states.length - 1);
      return;
    }
    edges.push(e);
    states.push(lasso.states[i + 1]);
  });
  if (lasso.loopStart === lasso.edges.length) loopStart = states.length - 1;
  const stuttering = lasso.stuttering || edges.length === loopStart;
  // A stuttering lasso stays in its last state forever: repeating it is no finite stutter.
  const sorted = (set: Set<number>) => [...set].filter((i) => !stuttering || i < loopStart).sort((a, b) => a - b);
  const [stutterAfter, stutterInCycle] = [sorted(once), sorted(everyLap)];
  const extra = { ...(stutterAfter.length > 0 ? { stutterAfter } : {}), ...(stutterInCycle.length > 0 ? { stutterInCycle } : {}) };
  return stuttering
    ? { states: states.slice(0, loopStart + 1), edges: edges.slice(0, loopStart), loopStart, stuttering, ...extra }
    : { states, edges, loopStart, stuttering, ...extra };
}

/**
 * The shortest path, counting only non-stuttering steps, from an initial node of `product` to
 * a node of a good component (`good[v] ≥ 0`): a 0/1 breadth-first search, level by level.
 */
function shortestPrefix(product: ProductGraph, good: Int32Array): { nodes: number[]; edges: number[] } {
  const n = product.nodeCount;
  const dist = new Int32Array(n).fill(0x7fffffff);
  const parent = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  let level: number[] = [];
  for (let v = 0; v < product.initialCount; v++) {
    dist[v] = 0;
    level.push(v);
  }
  for (let d = 0; level.length > 0; d++) {
    const next: number[] = [];
    for (let i = 0; i < level.length; i++) {
      const v = level[i];
      if (dist[v] !== d) continue; // superseded by a shorter way
      if (good[v] >= 0) return unwind(v);
      for (let k = product.begin(), end = product.end(v); k < end; k++) {
        const w = product.target(v, k);
        if (w < 0) continue;
        const e = product.edge(v, k);
        const dw = e < 0 ? d : d + 1;
        if (dw >= dist[w]) continue;
        dist[w] = dw;
        parent[w] = v;
        via[w] = e;
        (e < 0 ? level : next).push(w);
      }
    }
    level = next;
  }
  throw new Error("product lasso: no good node is reachable (internal error)");

  function unwind(v: number): { nodes: number[]; edges: number[] } {
    const nodes = [v];
    const edges: number[] = [];
    for (let at = v; parent[at] >= 0; at = parent[at]) {
      nodes.push(parent[at]);
      edges.push(via[at]);
    }
    return { nodes: nodes.reverse(), edges: edges.reverse() };
  }
}
