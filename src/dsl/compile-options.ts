import type { Binding, Model } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { withModelOptions, type SymmetricDomain } from "../model-options/model-options.ts";
import type { Schema } from "../state/schema.ts";
import { isDomain } from "./domain.ts";
import { notBoolean } from "./compile-predicates.ts";
import type { SymmetricDomainDef, SymmetryDef } from "./define-spec.ts";

/** The model options of a spec definition (those beyond `constraint`, which `compile` already sets). */
interface OptionsDef<S, P> {
  readonly actionConstraint?: (s: S, next: S, step: { readonly action: string; readonly binding: Binding }, params: P) => boolean;
  readonly view?: readonly string[] | ((s: S, params: P) => unknown);
  readonly symmetry?: SymmetryDef<P>;
}

/** Applies a spec's action constraint, symmetry and view to its compiled model (as wrappers). */
export function compileModelOptions<S, P>(model: Model<S>, schema: Schema, def: OptionsDef<S, P>, params: P): Model<S> {
  const { actionConstraint, view, symmetry } = def;
  if (actionConstraint !== undefined && typeof actionConstraint !== "function") {
    throw new SpecError("invalid-spec", "actionConstraint must be a function (s, next, { action, binding }, params) => boolean");
  }
  if (view !== undefined && typeof view !== "function" && !(Array.isArray(view) && view.every((p) => typeof p === "string") && view.length > 0)) {
    throw new SpecError("invalid-spec", 'view must be field paths (e.g. ["pc", "lock"]) or a function (s, params) => value');
  }
  return withModelOptions(model, schema, {
    ...(actionConstraint
      ? {
          actionConstraint: (from: S, to: S, step) => {
            const r = actionConstraint(from, to, step, params);
            if (r === true || r === false) return r;
            throw notBoolean({ what: "the action constraint", property: "actionConstraint" }, r, undefined);
          },
        }
      : {}),
    ...(view ? { view: typeof view === "function" ? (s: S) => view(s, params) : view } : {}),
    ...(symmetry ? { symmetry: symmetricDomains(typeof symmetry === "function" ? symmetry(params) : symmetry) } : {}),
  });
}

function symmetricDomains(defs: readonly SymmetricDomainDef[]): SymmetricDomain[] {
  if (!Array.isArray(defs)) throw new SpecError("invalid-spec", "symmetry must be an array of domains, e.g. symmetry: [Proc]");
  return defs.map((d) => {
    if (isDomain(d)) return { schema: d.schema };
    if (typeof d === "object" && d !== null && isDomain(d.domain)) return { schema: d.domain.schema, ...(d.arrays ? { arrays: d.arrays } : {}) };
    throw new SpecError("invalid-spec", "symmetry lists domains (t.enum(…), t.int(…)) or { domain, arrays }");
  });
}
