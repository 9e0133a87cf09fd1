import type { Action, Fairness, Property } from "../model/model.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError } from "../model/spec-error.ts";
import { booleanPredicate, type StateJson } from "./compile-predicates.ts";
import { compileFormula, compileSteps, isStateFormula, stateHolds, type FormulaContext } from "./compile-formula.ts";
import { ownEntries } from "./domain.ts";
import { isTemporalDef, temporalOps, type FairnessDef, type TemporalDef } from "./temporal.ts";
import type { FairnessSection, PropertiesDef } from "./define-spec.ts";

/** `sometimes: { name: (s, params) => boolean }` → kernel reachability witnesses. */
export function compileSometimes<S, P>(
  defs: { readonly [name: string]: (s: S, params: P) => boolean } | undefined,
  params: P,
  json: StateJson,
): Property<S>[] {
  return ownEntries(defs ?? {}, "sometimes").map(([name, holds]) => {
    if (typeof holds !== "function") {
      throw new SpecError("invalid-spec", `sometimes "${name}" must be a state predicate (s, params) => boolean`, { property: name });
    }
    return { kind: "sometimes", name, holds: booleanPredicate(holds, params, { what: `sometimes "${name}"`, property: name }, json) };
  });
}

/**
 * `properties: { name: formula }` → kernel properties. `always(f)` of a state formula (state
 * predicates, `enabled`, connectives) becomes an invariant — □f holds on every behaviour iff f
 * holds in every reachable state — so it is checked during the search and reported like one;
 * its `enabled` runs `freshActions()`, a second compilation of the actions (the invariant is
 * judged while the search is inside an action of the first). Everything else is a temporal
 * property, checked on the explored graph.
 */
export function compileTemporal<S, P>(
  properties: PropertiesDef<S, P> | undefined,
  ctx: FormulaContext<S, P>,
  freshActions: () => readonly Action<S>[],
): Property<S>[] {
  const defs: { readonly [name: string]: TemporalDef<S, P> } | undefined =
    typeof properties === "function" ? properties(temporalOps, ctx.params) : properties;
  if (typeof defs !== "object" || defs === null) {
    if (defs === undefined) return [];
    throw new SpecError("invalid-spec", `properties must be a record of named properties (or a function returning one), not ${showValue(defs)}`);
  }
  return ownEntries(defs, "properties").map(([name, def]): Property<S> => {
    if (typeof def === "function") {
      throw new SpecError(
        "invalid-spec",
        `property "${name}" is a bare state predicate, which as a temporal formula would speak only of the initial state; ` +
          "build it with always(p) (an invariant), eventually(p), leadsTo(p, q), alwaysEventually(p), eventuallyAlways(p), or implies(p, …)",
        { property: name },
      );
    }
    if (!isTemporalDef(def)) {
      throw new SpecError(
        "invalid-spec",
        `property "${name}" is ${showValue(def)}; build it with always(p), eventually(p), leadsTo(p, q), alwaysEventually(p) or eventuallyAlways(p)`,
        { property: name },
      );
    }
    if (def.op === "always" && isStateFormula(def.arg)) {
      const formula = compileFormula(def.arg, ctx, name);
      if (formula.op === "state") return { kind: "invariant", name, holds: formula.holds };
      return { kind: "invariant", name, holds: stateHolds(formula, freshActions(), ctx.codec) };
    }
    return { kind: "temporal", name, formula: compileFormula(def, ctx, name) };
  });
}

/** Validates the fairness conditions against the actions and compiles them into kernel conditions. */
export function compileFairness<S, P>(defs: FairnessSection<S, P> | undefined, ctx: FormulaContext<S, P>): Fairness<S>[] {
  const list = typeof defs === "function" ? defs(ctx.params) : (defs ?? []);
  if (!Array.isArray(list)) throw new SpecError("invalid-spec", `fairness must be an array of weak(…)/strong(…) conditions (or a function of the parameters returning one), not ${showValue(list)}`);
  return list.map((f: FairnessDef<S>, i): Fairness<S> => {
    if (typeof f !== "object" || f === null || (f.kind !== "weak" && f.kind !== "strong")) {
      throw new SpecError("invalid-spec", `fairness[${i}] is ${showValue(f)}; use weak(…) or strong(…)`);
    }
    if (f.instanceKey !== undefined && typeof f.instanceKey !== "function") {
      throw new SpecError("invalid-spec", `fairness[${i}]: perInstance must be true, false or a function of the exists values, not ${showValue(f.instanceKey)}`);
    }
    const steps = compileSteps({ ...(f.predicate ? { actions: f.predicate } : f.actions ? { actions: f.actions } : {}), options: f }, ctx, `fairness[${i}]`, `fairness[${i}]`);
    return { kind: f.kind, perInstance: f.perInstance === true, ...steps, ...(f.instanceKey ? { instanceKey: f.instanceKey } : {}) };
  });
}
