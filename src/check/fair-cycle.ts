import type { FairnessGroups } from "./fairness.ts";
import { Adjacency, SccFinder, type CycleGraph, type EdgeGraph } from "./scc.ts";
import { buildCycle, shortestPrefix } from "./lasso.ts";
import { Judge } from "./fair-judge.ts";
import type { Lasso, LassoQuery } from "./lasso-query.ts";

export type { Lasso, LassoQuery } from "./lasso-query.ts";

/**
 * Finds a fair lasso satisfying `query`, with the shortest possible prefix, or undefined.
 *
 * Method. Every state carries an implicit stuttering self-loop (TLA+ behaviours may stutter),
 * so every single state is a candidate cycle. A set C of states that is strongly connected in
 * the region can be run forever visiting all its states and taking all its edges; such a run
 * is fair iff for each fairness group g (action A, steps that change the state):
 *   - WF: an A step has both ends in C, or some state of C does not enable A;
 *   - SF: an A step has both ends in C, or no state of C enables A.
 * Enabledness is judged in the whole explored graph. WF failures are inherited by every
 * subset, so such an SCC is discarded; an SF failure is repaired Emerson–Lei style by removing
 * the states that enable the offending groups and decomposing the rest again. A good SCC also
 * needs an accepting state. Any good SCC yields a counterexample, and every fair accepting
 * cycle lies in one, so the search is sound and complete for the explored graph.
 *
 * Complexity. Reachability and each decomposition are linear; each refinement removes at
 * least one state, so time is O((V + E) · (1 + R)) where R ≤ number of strong groups is the
 * refinement depth (in practice O(V + E · F) with F the fairness groups per edge). Memory is a
 * handful of Int32Arrays of V plus the fairness labels per edge. The prefix is a 0/1-BFS over
 * (phase, state) pairs, so it is shortest over all lassos; the cycle is built by BFS within the
 * chosen SCC through one witness per fairness group (not necessarily the shortest cycle).
 */
export function findFairLasso(
  graph: EdgeGraph,
  fairness: FairnessGroups,
  query: LassoQuery,
  adjacency: Adjacency = new Adjacency(graph),
): Lasso | undefined {
  const n = graph.stateCount;
  const reach = reachableRegion(adjacency, query);
  let count = 0;
  for (let s = 0; s < n; s++) count += reach[s];
  const members = new Int32Array(count);
  for (let s = 0, i = 0; s < n; s++) if (reach[s]) members[i++] = s;
  const accepting = query.accepting;
  const found = fairComponents(adjacency, fairness, members, accepting ? (scc) => scc.some((s) => accepting[s] === 1) : () => true);
  if (!found) return undefined;
  const { good, sccs, judge } = found;
  const prefix = shortestPrefix(adjacency, query, reach, good);
  if (!prefix) return undefined; // unreachable: every good state is reachable by construction
  const entry = prefix.states[prefix.states.length - 1];
  const cycle = buildCycle(adjacency, judge, sccs[good[entry]], judge.label[entry], entry, accepting ? [(s) => accepting[s] === 1] : []);
  if (cycle.edges.length === 0) {
    return { states: prefix.states, edges: prefix.edges, loopStart: prefix.states.length - 1, stuttering: true };
  }
  return {
    states: [...prefix.states, ...cycle.nodes.slice(1)],
    edges: [...prefix.edges, ...cycle.edges],
    loopStart: prefix.states.length - 1,
    stuttering: false,
  };
}

/** The strongly connected sets of nodes that some fair accepting cycle runs through. */
export interface FairComponents {
  /** Per node: the index in `sccs` of its good component, or -1. */
  readonly good: Int32Array;
  readonly sccs: readonly Int32Array[];
  /** The judge of the search; `judge.label[v]` is the tag of v's good component. */
  readonly judge: Judge;
}

/**
 * Decomposes `members` of `graph` into the components a fair accepting run can stay in forever:
 * SCCs (a single node only with a self-edge) that `accepts`, where every weak group is taken
 * inside or disabled somewhere, refined Emerson–Lei style for strong groups (the nodes enabling
 * a strong group not taken inside are removed and the rest decomposed again). Every node of a
 * returned component lies on a fair accepting cycle inside it, and every fair accepting cycle
 * lies in one. Undefined when there is none.
 */
export function fairComponents(
  graph: CycleGraph,
  fairness: FairnessGroups,
  members: ArrayLike<number>,
  accepts: (scc: Int32Array) => boolean,
): FairComponents | undefined {
  if (members.length === 0) return undefined;
  const label = new Int32Array(graph.nodeCount).fill(-1);
  for (let i = 0; i < members.length; i++) label[members[i]] = 0;
  const good = new Int32Array(graph.nodeCount).fill(-1);
  let nextTag = 1;
  const finder = new SccFinder(graph);
  const judge = new Judge(graph, fairness, label);
  const work: { members: ArrayLike<number>; tag: number }[] = [{ members, tag: 0 }];
  const sccs: Int32Array[] = [];
  const release = (scc: Int32Array): void => {
    for (const v of scc) label[v] = -1;
  };
  while (work.length > 0) {
    const { members: part, tag } = work.pop()!;
    finder.components(part, label, tag, (scc) => {
      const id = nextTag++;
      for (const v of scc) label[v] = id;
      if ((scc.length === 1 && !graph.selfLoop(scc[0])) || !accepts(scc)) return release(scc);
      const verdict = judge.judge(scc, id);
      if (verdict.kind === "unfair") return release(scc);
      if (verdict.kind === "refine") {
        const rest: number[] = [];
        for (const v of scc) if (judge.enablesAny(v, verdict.groups)) label[v] = -1;
        else rest.push(v);
        const restTag = nextTag++;
        for (const v of rest) label[v] = restTag;
        if (rest.length > 0) work.push({ members: rest, tag: restTag });
        return;
      }
      for (const v of scc) good[v] = sccs.length;
      sccs.push(scc);
    });
  }
  return sccs.length === 0 ? undefined : { good, sccs, judge };
}

/** States of the region reachable from a seed through region states (seeds must be reachable). */
function reachableRegion(graph: Adjacency, query: LassoQuery): Uint8Array {
  const n = graph.stateCount;
  const { offsets, targets } = graph;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (query.seeds[s] && query.region[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  for (let head = 0; head < tail; head++) {
    const s = queue[head];
    for (let k = offsets[s]; k < offsets[s + 1]; k++) {
      const t = targets[k];
      if (!seen[t] && query.region[t]) {
        seen[t] = 1;
        queue[tail++] = t;
      }
    }
  }
  return seen;
}
