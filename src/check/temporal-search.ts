import type { Model, Sometimes } from "../model/model.ts";
import type { StateGraph } from "../graph/state-graph.ts";
import type { FormulaTable } from "../temporal/formula.ts";
import { FairnessGroups, instanceValuesOf } from "./fairness.ts";
import { fairnessSteps } from "./fair-steps.ts";
import { findFairLasso, type Lasso, type LassoQuery } from "./fair-cycle.ts";
import { findProductLasso } from "./product-lasso.ts";
import type { CheckWarning } from "./result.ts";
import { Adjacency } from "./scc.ts";
import { AtomValues } from "./temporal-atoms.ts";
import type { FastShape, Plan } from "./temporal-plan.ts";

/**
 * The searches of a model's temporal properties over one complete explored graph: every atom
 * is evaluated once, for all properties (and the `sometimes` predicates), and the fairness
 * groups are built once, when a first property needs them.
 */
export class TemporalSearch<S> {
  readonly adjacency: Adjacency;
  /** The initial states (the first ids of the graph, at depth 1). */
  readonly initial: readonly number[];
  private readonly atoms: AtomValues<S>;
  private readonly sometimesIndex: readonly number[];
  private readonly stateBits: readonly Int32Array[];
  private groups: FairnessGroups | undefined;
  /** True when enabledness is computed from the actions (a state constraint cut the graph). */
  private readonly semanticEnabled: boolean;

  constructor(
    private readonly model: Model<S>,
    private readonly graph: StateGraph,
    private readonly plans: readonly Plan<S>[],
    sometimes: readonly Sometimes<S>[] = [],
  ) {
    this.adjacency = new Adjacency(graph);
    this.semanticEnabled = model.constraint !== undefined;
    this.atoms = new AtomValues(model, graph, this.adjacency, this.semanticEnabled);
    this.sometimesIndex = sometimes.map((p) => this.atoms.addState(p.name, (s) => p.holds(s)));
    for (const plan of plans) this.atoms.addTable(plan.table);
    this.atoms.evaluate();
    const initial: number[] = [];
    for (let id = 0; id < graph.stateCount && graph.depth(id) === 1; id++) initial.push(id);
    this.initial = initial;
    this.stateBits = plans.map((plan) => this.atoms.stateBits(plan.table));
  }

  /** Where the k-th `sometimes` predicate holds, by state id. */
  sometimesMask(k: number): Uint8Array {
    return this.atoms.masks[this.sometimesIndex[k]];
  }

  /**
   * A fair behaviour violating the k-th planned property, as a lasso with the shortest prefix
   * (stuttering steps have edge -1), or undefined when the property holds. With `within` (a
   * partial graph, as a simulation's: 1 for the states whose every transition is recorded), the
   * cycle stays within those states, and only fast-path shapes are searched (undefined otherwise).
   */
  refute(k: number, within?: Uint8Array): Lasso | undefined {
    const plan = this.plans[k];
    const groups = (this.groups ??= this.fairnessGroups());
    if (plan.kind === "fast") {
      const query = fastQuery(plan.table, plan.shape, this.stateBits[k], this.initial);
      return findFairLasso(this.graph, groups, within ? { ...query, region: query.region.map((r, s) => r & within[s]) } : query, this.adjacency);
    }
    if (within) return undefined;
    return findProductLasso(this.atoms.letters(plan.table, this.stateBits[k]), plan.automaton, groups, this.initial);
  }

  /** Warnings for implications and `leadsTo`s of the k-th property whose state-level antecedent never holds. */
  vacuity(k: number, name: string): CheckWarning[] {
    const plan = this.plans[k];
    const bits = this.stateBits[k];
    const out: CheckWarning[] = [];
    for (const a of plan.antecedents) {
      const states = a.initialOnly ? this.initial : bits.keys();
      let holds = false;
      for (const s of states) if (plan.table.holdsIn(a.id, bits[s])) holds = true;
      if (holds) continue;
      const message = a.leadsTo
        ? `${name} holds vacuously: its trigger (the left side of leadsTo) is false in every reachable state`
        : `${name} holds vacuously: the antecedent of an implication in it is false in every ${a.initialOnly ? "initial" : "reachable"} state`;
      if (!out.some((w) => w.message === message)) out.push({ kind: "vacuous-property", subject: name, message });
    }
    return out;
  }

  private fairnessGroups(): FairnessGroups {
    const { model, graph } = this;
    return new FairnessGroups(
      model.fairness ?? [],
      model.actions.map((a) => a.name),
      graph,
      (a, i) => instanceValuesOf(model.actions[a], i),
      fairnessSteps(model, graph, (id) => this.atoms.decode(id), this.semanticEnabled),
    );
  }
}

/** The query of a fast-path shape, its state-level formulas turned into masks over states. */
function fastQuery<S>(table: FormulaTable<S>, shape: FastShape, bits: Int32Array, initial: readonly number[]): LassoQuery {
  const n = bits.length;
  const mask = (id: number, negate: boolean): Uint8Array => {
    // A state-level formula's value depends on the state's atom bits only: evaluate it once per distinct bit set.
    const out = new Uint8Array(n);
    const known = new Map<number, number>();
    for (let s = 0; s < n; s++) {
      let v = known.get(bits[s]);
      if (v === undefined) known.set(bits[s], (v = table.holdsIn(id, bits[s]) !== negate ? 1 : 0));
      out[s] = v;
    }
    return out;
  };
  const notP = mask(shape.p, true);
  switch (shape.op) {
    case "eventually":
      return { initial, region: notP, seeds: notP, prefixAnywhere: false };
    case "leadsTo": {
      const notQ = mask(shape.q, true);
      const seeds = new Uint8Array(n);
      for (let s = 0; s < n; s++) seeds[s] = (1 - notP[s]) & notQ[s];
      return { initial, region: notQ, seeds, prefixAnywhere: true };
    }
    case "alwaysEventually":
      return { initial, region: notP, seeds: notP, prefixAnywhere: true };
    case "eventuallyAlways": {
      const all = new Uint8Array(n).fill(1);
      return { initial, region: all, seeds: all, prefixAnywhere: true, accepting: notP };
    }
  }
}
