import type { Action, Fairness, Json } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";

/** The labels of the edges of an explored graph that fairness needs. */
export interface LabelledEdges {
  readonly stateCount: number;
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

/** How the steps of fairness conditions are told, beyond the action an edge is a step of. */
export interface FairnessSteps {
  /**
   * Is `edge`, a step of an action condition `f` names, a ⟨A⟩_v step of it (does it change
   * the subscript, does the condition's `includes` accept it)? Default: the edge changes the state.
   */
  belongs?(f: number, edge: number): boolean;
  /**
   * The ⟨A⟩_v steps of each condition from `state`, when enabledness is not to be read off the
   * recorded edges (a state constraint cut some successors): `visit(f, action, instance)` per step.
   */
  enabledSteps?(state: number, visit: (f: number, action: number, instance: number) => void): void;
}

/**
 * The fairness conditions of a model, instantiated on an explored graph: one group per
 * condition (per instance for `perInstance` conditions); for each edge the groups whose
 * ⟨A⟩_v steps it is, and for each state the groups it enables. Self-loops belong to no group:
 * TLA+'s WF_v(A)/SF_v(A) speak of ⟨A⟩_v, steps that change v, so a self-loop neither enables
 * nor fulfils fairness.
 *
 * Per-instance conditions (`\A p : WF_vars(A(p) \/ B(p))`) match the instances of their actions
 * by the tuple of `exists` values, by position — not by the callbacks' parameter names — or by
 * the condition's `instanceKey` of those values. Without a key, actions of one condition whose
 * instances bind different numbers of values cannot be matched: an `invalid-fairness` SpecError.
 */
export class FairnessGroups {
  /** 1 when group g is strong fairness. */
  readonly strong: Uint8Array;
  /** Human names, e.g. `WF(send) for {"p":1}`. */
  readonly names: readonly string[];
  /** The groups of edge e: `list[offsets[e] .. offsets[e + 1])` (what {@link of} returns, without a view). */
  readonly offsets: Int32Array;
  readonly list: Int32Array;
  /** The groups state s enables: `enabledList[enabledOffsets[s] .. enabledOffsets[s + 1])`. */
  readonly enabledOffsets: Int32Array;
  readonly enabledList: Int32Array;

  /**
   * @param actionNames the model's action names, by action index.
   * @param instanceValues the `exists` values of (action, instance) by position (see {@link instanceValuesOf}).
   */
  constructor(
    fairness: readonly Fairness<any>[],
    actionNames: readonly string[],
    edges: LabelledEdges,
    instanceValues: (action: number, instance: number) => readonly Json[],
    steps: FairnessSteps = {},
  ) {
    const keys = new Map<string, number>();
    const strong: number[] = [];
    const names: string[] = [];
    const matches = fairness.map((f) => Uint8Array.from(actionNames, (name) => (f.actions === undefined || f.actions.includes(name) ? 1 : 0)));
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
    // The group of (condition, action, instance), cached per condition by (action, instance).
    const cache = fairness.map(() => new Map<number, number>());
    const single = new Int32Array(fairness.length).fill(-1); // the one group of a condition that is not per instance
    const groupOf = (f: number, a: number, i: number): number => {
      const cond = fairness[f];
      if (single[f] >= 0) return single[f];
      const k = cond.perInstance ? a * 0x100000 + i : -1;
      const cached = cache[f].get(k);
      if (cached !== undefined) return cached;
      const binding = cond.perInstance ? instanceOf(f, a, i) : "";
      const key = `${f}|${binding}`;
      let g = keys.get(key);
      if (g === undefined) {
        g = names.length;
        keys.set(key, g);
        strong.push(cond.kind === "strong" ? 1 : 0);
        names.push(`${cond.kind === "strong" ? "SF" : "WF"}(${describeSteps(cond)})${cond.perInstance ? ` for ${binding}` : ""}`);
      }
      cache[f].set(k, g);
      if (!cond.perInstance) single[f] = g;
      return g;
    };
    // Pass 1: the group of each (edge, condition), -1 for none; pass 2: compact into CSR.
    const F = fairness.length;
    const E = edges.edgeCount;
    const cell = new Int32Array(E * F).fill(-1);
    const counts = new Int32Array(E + 1);
    for (let e = 0; e < E; e++) {
      const a = edges.action(e);
      for (let f = 0; f < F; f++) {
        if (!matches[f][a]) continue;
        if (steps.belongs ? !steps.belongs(f, e) : edges.from(e) === edges.to(e)) continue;
        cell[e * F + f] = groupOf(f, a, edges.instance(e));
        counts[e + 1]++;
      }
    }
    for (let e = 0; e < E; e++) counts[e + 1] += counts[e];
    this.offsets = counts;
    this.list = new Int32Array(counts[E]);
    for (let e = 0, k = 0; e < E; e++) for (let f = 0; f < F; f++) if (cell[e * F + f] >= 0) this.list[k++] = cell[e * F + f];

    // The groups each state enables: those of its edges, or of the steps `enabledSteps` tells;
    // distinct per state (`lastState[g]` is the last state g was listed for).
    const n = edges.stateCount;
    this.enabledOffsets = new Int32Array(n + 1);
    let list = new Int32Array(Math.max(16, this.list.length));
    let size = 0;
    let lastState = new Int32Array(Math.max(16, names.length)).fill(-1);
    const enable = (s: number, g: number): void => {
      if (g >= lastState.length) {
        const bigger = new Int32Array(2 * g + 16).fill(-1);
        bigger.set(lastState);
        lastState = bigger;
      }
      if (lastState[g] === s) return;
      lastState[g] = s;
      if (size === list.length) {
        const bigger = new Int32Array(2 * size);
        bigger.set(list);
        list = bigger;
      }
      list[size++] = g;
    };
    if (steps.enabledSteps) {
      for (let s = 0; s < n; s++) {
        steps.enabledSteps(s, (f, a, i) => enable(s, groupOf(f, a, i)));
        this.enabledOffsets[s + 1] = size;
      }
    } else {
      // The groups of each state's edges, listed by state (counting sort), then deduplicated.
      const start = new Int32Array(n + 1);
      for (let e = 0; e < E; e++) start[edges.from(e) + 1] += counts[e + 1] - counts[e];
      for (let s = 0; s < n; s++) start[s + 1] += start[s];
      const fill = start.slice(0, n);
      const byState = new Int32Array(start[n]);
      for (let e = 0; e < E; e++) {
        const s = edges.from(e);
        for (let k = counts[e]; k < counts[e + 1]; k++) byState[fill[s]++] = this.list[k];
      }
      for (let s = 0; s < n; s++) {
        for (let j = start[s]; j < start[s + 1]; j++) enable(s, byState[j]);
        this.enabledOffsets[s + 1] = size;
      }
    }
    this.enabledList = list.subarray(0, size);
    this.strong = Uint8Array.from(strong);
    this.names = names;
  }

  /** Number of groups. */
  get count(): number {
    return this.names.length;
  }

  /** The groups edge `edge` is a step of (empty for self-loops). */
  of(edge: number): Int32Array {
    return this.list.subarray(this.offsets[edge], this.offsets[edge + 1]);
  }

  /** The groups state `state` enables (distinct, ascending). */
  enabledAt(state: number): Int32Array {
    return this.enabledList.subarray(this.enabledOffsets[state], this.enabledOffsets[state + 1]);
  }
}

/** `send ∨ recv` (or `next-state relation`), with the subscript and restriction when given. */
function describeSteps(cond: Fairness<any>): string {
  const what = cond.actions === undefined ? "next-state relation" : cond.actions.join(" ∨ ");
  return `${what}${cond.includes ? " restricted" : ""}${cond.subscript ? ", own subscript" : ""}`;
}

function mismatch(
  cond: Fairness,
  actionNames: readonly string[],
  a: { action: number; values: readonly Json[] },
  b: { action: number; values: readonly Json[] },
): SpecError {
  const what = `${cond.kind === "strong" ? "SF" : "WF"}(${describeSteps(cond)})`;
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
