import type { FairnessGroups } from "./fairness.ts";
import type { CycleGraph } from "./scc.ts";

type Verdict = { kind: "fair" } | { kind: "unfair" } | { kind: "refine"; groups: Uint8Array };

/**
 * Evaluates the fairness groups on one candidate SCC of a {@link CycleGraph} (its nodes are
 * labelled `tag`): a node enables what its state enables, and a group is taken when a position
 * inside the SCC takes one of its steps.
 */
export class Judge {
  private readonly enabledCount: Int32Array;
  /** Per group touched by the last scan: a node and position inside the SCC taking it, or -1. */
  readonly takenNode: Int32Array;
  readonly takenPos: Int32Array;
  private readonly touched: number[] = [];
  private readonly seen: Uint8Array;

  constructor(
    private readonly graph: CycleGraph,
    private readonly fairness: FairnessGroups,
    readonly label: Int32Array,
  ) {
    this.enabledCount = new Int32Array(fairness.count);
    this.takenNode = new Int32Array(fairness.count).fill(-1);
    this.takenPos = new Int32Array(fairness.count).fill(-1);
    this.seen = new Uint8Array(fairness.count);
  }

  /** Scans the SCC: per touched group, how many nodes enable it and a position inside taking it. */
  scan(scc: ArrayLike<number>, tag: number): readonly number[] {
    const { fairness, label, enabledCount, takenNode, takenPos, touched, seen, graph } = this;
    for (const g of touched) {
      enabledCount[g] = 0;
      takenNode[g] = -1;
      takenPos[g] = -1;
      seen[g] = 0;
    }
    touched.length = 0;
    const { enabledOffsets, enabledList, offsets, list } = fairness;
    for (let i = 0; i < scc.length; i++) {
      const v = scc[i];
      const s = graph.state(v);
      if (enabledOffsets[s] === enabledOffsets[s + 1]) continue; // enables nothing, so takes nothing
      for (let j = enabledOffsets[s]; j < enabledOffsets[s + 1]; j++) {
        const g = enabledList[j];
        if (seen[g] === 0) {
          seen[g] = 1;
          touched.push(g);
        }
        enabledCount[g]++;
      }
      for (let k = graph.begin(v), end = graph.end(v); k < end; k++) {
        const w = graph.target(v, k);
        if (w < 0 || label[w] !== tag) continue;
        const e = graph.edge(v, k);
        if (e < 0) continue;
        for (let j = offsets[e]; j < offsets[e + 1]; j++) {
          const g = list[j];
          if (takenNode[g] === -1) {
            takenNode[g] = v;
            takenPos[g] = k;
          }
        }
      }
    }
    return touched;
  }

  judge(scc: ArrayLike<number>, tag: number): Verdict {
    const touched = this.scan(scc, tag);
    let refine: Uint8Array | undefined;
    for (const g of touched) {
      if (this.takenNode[g] >= 0) continue;
      if (this.fairness.strong[g]) (refine ??= new Uint8Array(this.fairness.count))[g] = 1;
      else if (this.enabledCount[g] === scc.length) return { kind: "unfair" };
    }
    return refine ? { kind: "refine", groups: refine } : { kind: "fair" };
  }

  /** Does `node`'s state enable one of the marked groups? */
  enablesAny(node: number, groups: Uint8Array): boolean {
    const { enabledOffsets, enabledList } = this.fairness;
    const s = this.graph.state(node);
    for (let j = enabledOffsets[s]; j < enabledOffsets[s + 1]; j++) if (groups[enabledList[j]]) return true;
    return false;
  }

  groupsOf(edge: number): Int32Array {
    return this.fairness.of(edge);
  }

  enables(node: number, group: number): boolean {
    return this.fairness.enabledAt(this.graph.state(node)).includes(group);
  }

  isStrong(group: number): boolean {
    return this.fairness.strong[group] === 1;
  }
}
