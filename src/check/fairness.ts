import type { Fairness } from "../model/model.ts";

/** The labels of the edges of an explored graph that fairness needs. */
export interface LabelledEdges {
  readonly edgeCount: number;
  from(edge: number): number;
  to(edge: number): number;
  action(edge: number): number;
  instance(edge: number): number;
}

/**
 * The fairness conditions of a model, instantiated on an explored graph: one group per
 * condition (per binding for `perInstance` conditions), and for each edge the groups whose
 * action it is a step of. Self-loops belong to no group: TLA+'s WF_vars(A)/SF_vars(A) speak of
 * ⟨A⟩_vars, steps that change the state, so a self-loop neither enables nor fulfils fairness.
 */
export class FairnessGroups {
  /** Number of groups. */
  readonly count: number;
  /** 1 when group g is strong fairness. */
  readonly strong: Uint8Array;
  /** Human names, e.g. `WF(send) for {"p":1}`. */
  readonly names: readonly string[];
  private readonly offsets: Int32Array;
  private readonly list: Int32Array;

  /**
   * @param actionNames the model's action names, by action index.
   * @param bindingKey a string identifying the binding of (action, instance), for per-instance groups.
   */
  constructor(
    fairness: readonly Fairness[],
    actionNames: readonly string[],
    edges: LabelledEdges,
    bindingKey: (action: number, instance: number) => string,
  ) {
    const keys = new Map<string, number>();
    const strong: number[] = [];
    const names: string[] = [];
    const matches = fairness.map((f) => {
      const mask = new Uint8Array(actionNames.length);
      actionNames.forEach((name, a) => (mask[a] = f.actions === undefined || f.actions.includes(name) ? 1 : 0));
      return mask;
    });
    const bindingKeys = new Map<number, string>();
    const keyOf = (a: number, i: number): string => {
      const k = a * 0x100000 + i;
      let s = bindingKeys.get(k);
      if (s === undefined) bindingKeys.set(k, (s = bindingKey(a, i)));
      return s;
    };
    // Pass 1: the group of each (edge, condition), -1 for none; pass 2: compact into CSR.
    const F = fairness.length;
    const E = edges.edgeCount;
    const cell = new Int32Array(E * F).fill(-1);
    const counts = new Int32Array(E + 1);
    for (let e = 0; e < E; e++) {
      if (edges.from(e) === edges.to(e)) continue;
      const a = edges.action(e);
      for (let f = 0; f < F; f++) {
        if (!matches[f][a]) continue;
        const cond = fairness[f];
        const binding = cond.perInstance ? keyOf(a, edges.instance(e)) : "";
        const key = `${f}|${binding}`;
        let g = keys.get(key);
        if (g === undefined) {
          g = names.length;
          keys.set(key, g);
          strong.push(cond.kind === "strong" ? 1 : 0);
          const what = cond.actions === undefined ? "next-state relation" : cond.actions.join(" ∨ ");
          names.push(`${cond.kind === "strong" ? "SF" : "WF"}(${what})${cond.perInstance ? ` for ${binding}` : ""}`);
        }
        cell[e * F + f] = g;
        counts[e + 1]++;
      }
    }
    for (let e = 0; e < E; e++) counts[e + 1] += counts[e];
    this.offsets = counts;
    this.list = new Int32Array(counts[E]);
    for (let e = 0, k = 0; e < E; e++) for (let f = 0; f < F; f++) if (cell[e * F + f] >= 0) this.list[k++] = cell[e * F + f];
    this.count = names.length;
    this.strong = Uint8Array.from(strong);
    this.names = names;
  }

  /** The groups edge `edge` is a step of (empty for self-loops). */
  of(edge: number): Int32Array {
    return this.list.subarray(this.offsets[edge], this.offsets[edge + 1]);
  }
}
