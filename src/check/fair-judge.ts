import type { FairnessGroups } from "./fairness.ts";
import type { Adjacency } from "./scc.ts";

type Verdict = { kind: "fair" } | { kind: "unfair" } | { kind: "refine"; groups: Uint8Array };

/** Evaluates the fairness groups on one candidate SCC (states labelled `tag`). */
export class Judge {
  private readonly enabledCount: Int32Array;
  private readonly lastState: Int32Array;
  readonly takenEdge: Int32Array;
  private readonly touched: number[] = [];

  constructor(
    private readonly graph: Adjacency,
    private readonly fairness: FairnessGroups,
    readonly label: Int32Array,
  ) {
    this.enabledCount = new Int32Array(fairness.count);
    this.lastState = new Int32Array(fairness.count).fill(-1);
    this.takenEdge = new Int32Array(fairness.count).fill(-1);
  }

  /** Scans the SCC: per touched group, how many states enable it and an edge inside taking it. */
  scan(scc: ArrayLike<number>, tag: number): readonly number[] {
    const { fairness, label, enabledCount, lastState, takenEdge, touched } = this;
    const { offsets, edges, targets } = this.graph;
    for (const g of touched) {
      enabledCount[g] = 0;
      lastState[g] = -1;
      takenEdge[g] = -1;
    }
    touched.length = 0;
    for (let i = 0; i < scc.length; i++) {
      const s = scc[i];
      for (let k = offsets[s]; k < offsets[s + 1]; k++) {
        const groups = fairness.of(edges[k]);
        if (groups.length === 0) continue;
        const e = edges[k];
        const inside = label[targets[k]] === tag;
        for (let j = 0; j < groups.length; j++) {
          const g = groups[j];
          if (lastState[g] === -1 && enabledCount[g] === 0 && takenEdge[g] === -1) touched.push(g);
          if (lastState[g] !== s) {
            lastState[g] = s;
            enabledCount[g]++;
          }
          if (inside && takenEdge[g] === -1) takenEdge[g] = e;
        }
      }
    }
    return touched;
  }

  judge(scc: ArrayLike<number>, tag: number): Verdict {
    const touched = this.scan(scc, tag);
    let refine: Uint8Array | undefined;
    for (const g of touched) {
      if (this.takenEdge[g] >= 0) continue;
      if (this.fairness.strong[g]) (refine ??= new Uint8Array(this.fairness.count))[g] = 1;
      else if (this.enabledCount[g] === scc.length) return { kind: "unfair" };
    }
    return refine ? { kind: "refine", groups: refine } : { kind: "fair" };
  }

  /** Does `state` enable one of the marked groups? */
  enablesAny(state: number, groups: Uint8Array): boolean {
    const { offsets, edges } = this.graph;
    for (let k = offsets[state]; k < offsets[state + 1]; k++) for (const g of this.fairness.of(edges[k])) if (groups[g]) return true;
    return false;
  }

  groupsOf(edge: number): Int32Array {
    return this.fairness.of(edge);
  }

  enables(state: number, group: number): boolean {
    const { offsets, edges } = this.graph;
    for (let k = offsets[state]; k < offsets[state + 1]; k++) if (this.fairness.of(edges[k]).includes(group)) return true;
    return false;
  }

  isStrong(group: number): boolean {
    return this.fairness.strong[group] === 1;
  }
}
