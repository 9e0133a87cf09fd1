import type { Action, Temporal, TemporalFormula } from "../model/model.ts";
import { FormulaTable } from "../temporal/formula.ts";
import { buildAutomaton, type Automaton } from "../temporal/gba.ts";
import { StepMatcher } from "../temporal/step-set.ts";

/** The shapes with a dedicated search (`findFairLasso` over the state graph, no automaton). */
export type FastShape =
  | { readonly op: "eventually" | "alwaysEventually" | "eventuallyAlways"; readonly p: number }
  | { readonly op: "leadsTo"; readonly p: number; readonly q: number };

/** A state-level antecedent of an implication or `leadsTo` (for vacuity warnings). */
export interface Antecedent {
  readonly id: number;
  /** True when the implication is outside every temporal operator: it speaks of initial states only. */
  readonly initialOnly: boolean;
  readonly leadsTo: boolean;
}

/**
 * How one temporal property is checked: by a fast path when its formula (in negation normal
 * form) is ◇p, □◇p, ◇□p or □(¬p ∨ ◇q) = p ⤳ q over state-level p, q; otherwise by the product
 * of the explored graph with a Büchi automaton for its negation. `table` holds its atoms.
 */
export type Plan<S> =
  | { readonly kind: "fast"; readonly table: FormulaTable<S>; readonly shape: FastShape; readonly antecedents: readonly Antecedent[] }
  | { readonly kind: "product"; readonly table: FormulaTable<S>; readonly automaton: Automaton; readonly antecedents: readonly Antecedent[] };

/** Which search to use: the fast paths where they apply (default), or always the product. */
export type TemporalMethod = "auto" | "product";

/**
 * Plans the check of `property`. Throws a SpecError for a malformed formula (`invalid-spec`),
 * an action name `enabled` does not know (`invalid-spec`), or a formula too large to translate
 * (`unsupported-formula`) — before any state is explored.
 */
export function planProperty<S>(property: Temporal<S>, actions: readonly Action<S>[], method: TemporalMethod = "auto"): Plan<S> {
  const table = new FormulaTable<S>(property.name);
  const positive = table.nnf(property.formula, false);
  for (const atom of table.atoms) {
    if (atom.kind === "enabled") new StepMatcher(atom.steps, actions, !atom.selfLoops, `property "${property.name}" (${atom.label})`);
  }
  const antecedents = findAntecedents(table, property.formula, false);
  const shape = method === "auto" ? fastShape(table, positive) : undefined;
  if (shape) return { kind: "fast", table, shape, antecedents };
  return { kind: "product", table, automaton: buildAutomaton(table, table.negateNnf(positive)), antecedents };
}

function fastShape<S>(table: FormulaTable<S>, id: number): FastShape | undefined {
  const n = table.nodes[id];
  const stateLevel = (x: number) => table.isStateLevel(x);
  if (n.k === "eventually") {
    const inner = table.nodes[n.arg];
    if (stateLevel(n.arg)) return { op: "eventually", p: n.arg };
    if (inner.k === "always" && stateLevel(inner.arg)) return { op: "eventuallyAlways", p: inner.arg };
    return undefined;
  }
  if (n.k !== "always") return undefined;
  const inner = table.nodes[n.arg];
  if (inner.k === "eventually" && stateLevel(inner.arg)) return { op: "alwaysEventually", p: inner.arg };
  if (inner.k !== "or") return undefined;
  const promises = inner.args.filter((a) => {
    const x = table.nodes[a];
    return x.k === "eventually" && stateLevel(x.arg);
  });
  const rest = inner.args.filter((a) => !promises.includes(a));
  if (promises.length !== 1 || !rest.every(stateLevel)) return undefined;
  const promise = table.nodes[promises[0]];
  if (promise.k !== "eventually") return undefined;
  return { op: "leadsTo", p: table.negateNnf(table.or(rest)), q: promise.arg };
}

/** The state-level antecedents of the formula's implications and `leadsTo`s. */
function findAntecedents<S>(table: FormulaTable<S>, f: TemporalFormula<S>, temporal: boolean): Antecedent[] {
  const out: Antecedent[] = [];
  const visit = (g: TemporalFormula<S>, under: boolean): void => {
    switch (g.op) {
      case "leadsTo":
      case "implies": {
        const [a, b]: readonly unknown[] = "p" in g ? [] : g.args;
        const id = "p" in g ? table.nnf({ op: "state", holds: g.p }, false) : table.nnf(a as TemporalFormula<S>, false);
        if (table.isStateLevel(id)) out.push({ id, initialOnly: g.op === "implies" && !under, leadsTo: g.op === "leadsTo" });
        if (b !== undefined) visit(b as TemporalFormula<S>, under || g.op === "leadsTo");
        return;
      }
      case "not":
        return visit(g.arg, under);
      case "and":
      case "or":
        return g.args.forEach((x) => visit(x, under));
      case "always":
      case "eventually":
        if ("arg" in g) visit(g.arg, true);
        return;
      default:
        return;
    }
  };
  visit(f, temporal);
  return out;
}
