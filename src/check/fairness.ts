import type { Action, Fairness, Json } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";

/** The labels of the edges of an explored graph that fairness needs. */
export interface LabelledEdges {
  readonly edgeCount: number;
  from(edge: number): number;
  to(edge: number): number;
  action(edge: number): number;
  instance(edge: number): number;
}

/**
 * The `exists` values of an action instance by position (what per-instance fairness matches
 * instances by): the action's own `instanceValues`, else the values of its binding in order.
 */
export function instanceValuesOf(action: Action<unknown>, instance: number): readonly Json[] {
  return action.instanceValues ? action.instanceValues(instance) : Object.values(action.bindingOf(instance) ?? {});
}

/**
 * The fairness conditions of a model, instantiated on an explored graph: one group per
 * condition (per instance for `perInstance` conditions), and for each edge the groups whose
 * action it is a step of. Self-loops belong to no group: TLA+'s WF_vars(A)/SF_vars(A) speak of
 * ⟨A⟩_vars, steps that change the state, so a self-loop neither enables nor fulfils fairness.
 *
 * Per-instance conditions (`\A p : WF_vars(A(p) \/ B(p))`) match the instances of their actions
 * by the tuple of `exists` values, by position — not by the callbacks' parameter names — or by
 * the condition's `instanceKey` of those values. Without a key, actions of one condition whose
 * instances bind different numbers of values cannot be matched: an `invalid-fairness` SpecError.
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
   * @param instanceValues the `exists` values of (action, instance) by position (see {@link instanceValuesOf}).
   */
  constructor(
    fairness: readonly Fairness[],
    actionNames: readonly string[],
    edges: LabelledEdges,
    instanceValues: (action: number, instance: number) => readonly Json[],
  ) {
    const keys = new Map<string, number>();
    const strong: number[] = [];
    const names: string[] = [];
    const matches = fairness.map((f) => {
      const mask = new Uint8Array(actionNames.length);
      actionNames.forEach((name, a) => (mask[a] = f.actions === undefined || f.actions.includes(name) ? 1 : 0));
      return mask;
    });
    const valuesSeen = new Map<number, readonly Json[]>();
    const valuesOf = (a: number, i: number): readonly Json[] => {
      const k = a * 0x100000 + i;
      let v = valuesSeen.get(k);
      if (v === undefined) valuesSeen.set(k, (v = instanceValues(a, i)));
      return v;
    };
    // Per condition without a key: the first (action, values) seen, to report a mismatch of arity.
    const arity: ({ action: number; values: readonly Json[] } | undefined)[] = fairness.map(() => undefined);
    const instances = fairness.map(() => new Map<number, string>());
    const instanceOf = (f: number, a: number, i: number): string => {
      const k = a * 0x100000 + i;
      let key = instances[f].get(k);
      if (key !== undefined) return key;
      const cond = fairness[f];
      const values = valuesOf(a, i);
      if (cond.instanceKey) key = keyOf(cond, values);
      else {
        const first = arity[f];
        if (first === undefined) arity[f] = { action: a, values };
        else if (first.values.length !== values.length) throw mismatch(cond, actionNames, first, { action: a, values });
        key = JSON.stringify(values);
      }
      instances[f].set(k, key);
      return key;
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
        const binding = cond.perInstance ? instanceOf(f, a, edges.instance(e)) : "";
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

function mismatch(
  cond: Fairness,
  actionNames: readonly string[],
  a: { action: number; values: readonly Json[] },
  b: { action: number; values: readonly Json[] },
): SpecError {
  const what = `${cond.kind === "strong" ? "SF" : "WF"}(${cond.actions === undefined ? "next-state relation" : cond.actions.join(" ∨ ")})`;
  const binds = (x: { action: number; values: readonly Json[] }) =>
    `"${actionNames[x.action]}" binds ${x.values.length} exists value${x.values.length === 1 ? "" : "s"} (e.g. ${JSON.stringify(x.values)})`;
  const same = a.action === b.action ? ` and elsewhere ${b.values.length}` : `, ${binds(b)}`;
  return new SpecError(
    "invalid-fairness",
    `fairness ${what} per instance: ${binds(a)}${same}. Instances are matched by the position of their exists values, ` +
      `so these cannot be paired (a nested exists widens an instance). Say which values identify an instance: ` +
      `perInstance: (p) => p`,
    { action: actionNames[b.action] },
  );
}

function keyOf(cond: Fairness, values: readonly Json[]): string {
  try {
    return JSON.stringify(cond.instanceKey!(values)) ?? "undefined";
  } catch (e) {
    throw new SpecError("invalid-fairness", `the perInstance function of a fairness condition threw on ${JSON.stringify(values)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
