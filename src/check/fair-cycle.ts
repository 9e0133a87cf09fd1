import type { FairnessGroups } from "./fairness.ts";
import { Adjacency, SccFinder, type EdgeGraph } from "./scc.ts";
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
  const label = new Int32Array(n).fill(-1);
  const members: number[] = [];
  for (let s = 0; s < n; s++) if (reach[s]) members.push(s);
  if (members.length === 0) return undefined;
  for (const s of members) label[s] = 0;

  const good = new Int32Array(n).fill(-1);
  let nextTag = 1;
  const finder = new SccFinder(adjacency);
  const judge = new Judge(adjacency, fairness, label);
  const work: { members: ArrayLike<number>; tag: number }[] = [{ members, tag: 0 }];
  const goodSccs: Int32Array[] = [];
  while (work.length > 0) {
    const { members: part, tag } = work.pop()!;
    finder.components(part, label, tag, (scc) => {
      const id = nextTag++;
      for (const s of scc) label[s] = id;
      if (query.accepting && !scc.some((s) => query.accepting![s] === 1)) return release(scc);
      const verdict = judge.judge(scc, id);
      if (verdict.kind === "unfair") return release(scc);
      if (verdict.kind === "refine") {
        const rest: number[] = [];
        for (const s of scc) if (judge.enablesAny(s, verdict.groups)) label[s] = -1;
        else rest.push(s);
        const restTag = nextTag++;
        for (const s of rest) label[s] = restTag;
        if (rest.length > 0) work.push({ members: rest, tag: restTag });
        return;
      }
      for (const s of scc) good[s] = goodSccs.length;
      goodSccs.push(scc);
    });
  }
  function release(scc: Int32Array): void {
    for (const s of scc) label[s] = -1;
  }
  if (goodSccs.length === 0) return undefined;

  const prefix = shortestPrefix(adjacency, query, reach, good);
  if (!prefix) return undefined; // unreachable: every good state is reachable by construction
  const entry = prefix.states[prefix.states.length - 1];
  const scc = goodSccs[good[entry]];
  const cycle = buildCycle(graph, judge, scc, label[entry], entry, query.accepting);
  if (cycle.edges.length === 0) {
    return { states: prefix.states, edges: prefix.edges, loopStart: prefix.states.length - 1, stuttering: true };
  }
  return {
    states: [...prefix.states, ...cycle.states.slice(1)],
    edges: [...prefix.edges, ...cycle.edges],
    loopStart: prefix.states.length - 1,
    stuttering: false,
  };
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
