import type { Fairness, Property } from "../model/model.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError } from "../model/spec-error.ts";
import { booleanPredicate, type StateJson } from "./compile-predicates.ts";
import { ownEntries } from "./domain.ts";
import { isTemporalDef, temporalOps, type TemporalDef } from "./temporal.ts";
import type { PropertiesDef } from "./define-spec.ts";

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
 * `properties: { name: eventually(p) | leadsTo(p, q) | … }` → kernel properties. `always(p)`
 * of a state predicate becomes an invariant (□p holds on every behaviour iff p holds in every
 * reachable state), so it is checked during the search and reported like one.
 */
export function compileTemporal<S, P>(
  properties: PropertiesDef<S, P> | undefined,
  params: P,
  json: StateJson,
): Property<S>[] {
  const defs: { readonly [name: string]: TemporalDef<S, P> } | undefined =
    typeof properties === "function" ? properties(temporalOps, params) : properties;
  if (typeof defs !== "object" || defs === null) {
    if (defs === undefined) return [];
    throw new SpecError("invalid-spec", `properties must be a record of named properties (or a function returning one), not ${showValue(defs)}`);
  }
  return ownEntries(defs, "properties").map(([name, def]): Property<S> => {
    if (!isTemporalDef(def)) {
      throw new SpecError(
        "invalid-spec",
        `property "${name}" is ${showValue(def)}; build it with always(p), eventually(p), leadsTo(p, q), alwaysEventually(p) or eventuallyAlways(p)`,
        { property: name },
      );
    }
    const p = booleanPredicate(def.p, params, { what: `property "${name}"`, property: name }, json);
    switch (def.op) {
      case "always":
        return { kind: "invariant", name, holds: p };
      case "leadsTo": {
        const q = booleanPredicate(def.q!, params, { what: `property "${name}" (its response, leadsTo's second predicate)`, property: name }, json);
        return { kind: "temporal", name, formula: { op: "leadsTo", p, q } };
      }
      case "eventually":
      case "alwaysEventually":
      case "eventuallyAlways":
        return { kind: "temporal", name, formula: { op: def.op, p } };
    }
  });
}

/** Validates the fairness conditions against the action names (and their options). */
export function compileFairness(defs: readonly Fairness[] | undefined, actionNames: readonly string[]): Fairness[] {
  return (defs ?? []).map((f, i) => {
    if (typeof f !== "object" || f === null || (f.kind !== "weak" && f.kind !== "strong")) {
      throw new SpecError("invalid-spec", `fairness[${i}] is ${showValue(f)}; use weak(…) or strong(…)`);
    }
    if (f.instanceKey !== undefined && typeof f.instanceKey !== "function") {
      throw new SpecError("invalid-spec", `fairness[${i}]: perInstance must be true, false or a function of the exists values, not ${showValue(f.instanceKey)}`);
    }
    for (const a of f.actions ?? []) {
      if (!actionNames.includes(a)) {
        throw new SpecError(
          "invalid-spec",
          `fairness[${i}] names action "${a}", which the spec does not have; its actions are ${actionNames.join(", ")}`,
          { action: a },
        );
      }
    }
    return f;
  });
}
