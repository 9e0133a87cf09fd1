import type { Binding, Identity, Model, StepContext } from "../model/model.ts";
import type { Schema } from "../state/schema.ts";
import { composeIdentities, fieldsIdentity, functionIdentity, symmetryIdentity } from "./identities.ts";
import type { SymmetricDomain } from "./permutations.ts";

export type { SymmetricDomain } from "./permutations.ts";

/**
 * TLC's model options as `Model → Model` wrappers: each returns a new model whose kernel
 * members (`constraint`, `identity`) carry the option, so that no search has an option of its
 * own — the one successor pipeline applies them all.
 *
 * ```ts
 * const reduced = withSymmetry(withView(model, schema, ["pc", "lock"]), schema, [{ schema: Proc.schema }]);
 * ```
 */

/**
 * TLC's CONSTRAINT: a generated state outside `inModel` is counted and its invariants are
 * checked, but it is not stored or explored. Conjoined with the model's constraint.
 */
export function withStateConstraint<S>(model: Model<S>, inModel: (state: S) => boolean): Model<S> {
  const previous = model.constraint;
  return { ...model, constraint: previous ? (s, step) => previous(s, step) && inModel(s) : (s) => inModel(s) };
}

/** The step an action constraint judges: which action, with which `exists` binding. */
export interface ActionStep {
  readonly action: string;
  readonly binding: Binding;
}

/**
 * TLC's ACTION_CONSTRAINT: a successor `to` of `from` for which `allows` is false is treated as
 * a state outside the constraint (counted, judged, not stored or explored). Initial states are
 * not subject to it. Both states are the stored form (decoded from their encodings).
 */
export function withActionConstraint<S>(model: Model<S>, allows: (from: S, to: S, step: ActionStep) => boolean): Model<S> {
  const previous = model.constraint;
  const judged = (to: S, step?: StepContext<S>): boolean =>
    step === undefined || allows(step.from, to, { action: step.action.name, binding: step.action.bindingOf(step.instance) });
  return { ...model, constraint: previous ? (s, step) => previous(s, step) && judged(s, step) : judged };
}

/**
 * TLC's VIEW: states are identified by a projection — field paths (`["pc", "cpus[0].flags"]`)
 * or a function of the state returning plain data. The checker still stores and shows full
 * states (the first one met of each view), so traces show every field; a trace ends in a state
 * whose view equals a violating state's — keep properties within the view to be sure it
 * violates too (as with TLC). Applied after symmetry when both are given.
 */
export function withView<S>(model: Model<S>, schema: Schema, view: readonly string[] | ((state: S) => unknown)): Model<S> {
  const identity = typeof view === "function" ? functionIdentity(model.codec, view) : fieldsIdentity(schema, view);
  return { ...model, identity: model.identity ? composeIdentities(model.identity, identity) : identity };
}

/**
 * Symmetry: the values of each domain are interchangeable (scalarsets; see
 * {@link SymmetricDomain}), and states that differ only by renaming them are one state. Exact:
 * every state is identified by its orbit's representative, the least image of its encoding over
 * all permutations of the domains (their product: n₁!·n₂!·… images per state). Properties,
 * the constraint and actions must treat the ids alike; the checker verifies that on sampled
 * states (`not-symmetric`). Temporal and `sometimes` properties are checked without the
 * reduction (with a warning): a graph of representatives can merge states a behaviour tells apart.
 */
export function withSymmetry<S>(model: Model<S>, schema: Schema, domains: readonly SymmetricDomain[]): Model<S> {
  const symmetry: Identity = symmetryIdentity(schema, domains);
  return { ...model, identity: model.identity ? composeIdentities(symmetry, model.identity) : symmetry };
}

/** The model options a spec declares (see `SpecDefinition`). */
export interface ModelOptions<S> {
  readonly constraint?: (state: S) => boolean;
  readonly actionConstraint?: (from: S, to: S, step: ActionStep) => boolean;
  readonly view?: readonly string[] | ((state: S) => unknown);
  readonly symmetry?: readonly SymmetricDomain[];
}

/** Applies the options in TLC's order: constraints, then symmetry, then the view on top of it. */
export function withModelOptions<S>(model: Model<S>, schema: Schema, options: ModelOptions<S>): Model<S> {
  let out = model;
  if (options.constraint) out = withStateConstraint(out, options.constraint);
  if (options.actionConstraint) out = withActionConstraint(out, options.actionConstraint);
  if (options.symmetry?.length) out = withSymmetry(out, schema, options.symmetry);
  if (options.view) out = withView(out, schema, options.view);
  return out;
}
