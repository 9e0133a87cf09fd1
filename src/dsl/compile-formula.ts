import type { Action, Codec, Json, StepContext, StepSet, TemporalFormula } from "../model/model.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError } from "../model/spec-error.ts";
import { equals } from "../state/value-equals.ts";
import { functionLabel, stepSetLabel } from "../temporal/render.ts";
import { enabledIn, StepMatcher } from "../temporal/step-set.ts";
import { instanceArgs } from "./compile-action.ts";
import { booleanPredicate, notBoolean, type PredicateName, type StateJson } from "./compile-predicates.ts";
import { isTemporalDef, type ActionRef, type EnabledOptions, type Formula, type StepInfo, type StepsDef } from "./temporal.ts";

/** What compiling formulas needs from the spec being compiled. */
export interface FormulaContext<S, P> {
  readonly params: P;
  readonly json: StateJson;
  /** The compiled actions (their names are what formulas and fairness may name). */
  readonly actions: readonly Action<S>[];
  readonly codec: Codec<S>;
}

const STUTTER: StepInfo = Object.freeze({ action: null, binding: null, values: Object.freeze([]) });

/** What a step predicate receives for the step `step` (a stuttering step when undefined). */
function stepInfo<S, P>(step: StepContext<S> | undefined, ctx: FormulaContext<S, P>): StepInfo {
  if (step === undefined) return STUTTER;
  const { action, instance } = step;
  // The checker may hand a wrapped action (e.g. with its source location): its instances are
  // those of the compiled action of the same name.
  const values =
    instanceArgs(action, instance) ??
    instanceArgs(ctx.actions.find((a) => a.name === action.name) ?? action, instance) ??
    action.instanceValues?.(instance) ??
    Object.values(action.bindingOf(instance) ?? {});
  return { action: action.name, binding: action.bindingOf(instance), values };
}

/**
 * The kernel step set of `def`: the named actions (checked against the spec's), restricted by
 * a step predicate, `where` and `instance`; `what` names the owner in errors (`fairness[0]`,
 * `property "live"`).
 */
export function compileSteps<S, P>(def: StepsDef<S, P>, ctx: FormulaContext<S, P>, what: string, property: string): StepSet<S> {
  const { actions: ref, options } = def;
  const names = ctx.actions.map((a) => a.name);
  const list = ref === undefined || typeof ref === "function" ? undefined : typeof ref === "string" ? [ref] : Array.isArray(ref) ? [...ref] : undefined;
  if (ref !== undefined && typeof ref !== "function" && (list === undefined || !list.every((a) => typeof a === "string"))) {
    throw new SpecError("invalid-spec", `${what}: ${showValue(ref)} is not an action name, a list of names or a step predicate (s, t, step) => boolean`, { property });
  }
  for (const a of list ?? []) {
    if (!names.includes(a)) throw new SpecError("invalid-spec", `${what} names action "${a}", which the spec does not have; its actions are ${names.join(", ")}`, { action: a, property });
  }
  const { where, instance, subscript } = options as EnabledOptions<S>;
  for (const [key, value, kind] of [["where", where, "function"], ["subscript", subscript, "function"]] as const) {
    if (value !== undefined && typeof value !== kind) throw new SpecError("invalid-spec", `${what}: ${key} must be a function, not ${showValue(value)}`, { property });
  }
  if (instance !== undefined && !Array.isArray(instance)) throw new SpecError("invalid-spec", `${what}: instance must be an array of exists values, not ${showValue(instance)}`, { property });
  const checks: ((step: StepContext<S>, to: S) => boolean)[] = [];
  if (typeof ref === "function") {
    const holds = booleanStep(ref, ctx, what, property);
    checks.push((step, to) => holds(step.from, to, step));
  }
  if (where) {
    checks.push((step) => boolean(where(step.from, ...stepInfo(step, ctx).values), { what: `${what} (its where)`, property }, ctx.json(step.from)));
  }
  if (instance) checks.push((step) => sameValues(stepInfo(step, ctx).values, instance, step.action.name, what, property));
  return {
    ...(list ? { actions: list } : {}),
    ...(checks.length ? { includes: (step: StepContext<S>, to: S) => checks.every((c) => c(step, to)) } : {}),
    ...(subscript ? { subscript } : {}),
  };
}

/**
 * Does the instance bound `values` equal `instance`? An instance of another length names no
 * instance of the action (a typo or a misplaced value, which would silently match nothing): an
 * `invalid-spec` SpecError.
 */
function sameValues(values: readonly unknown[], instance: readonly unknown[], action: string, what: string, property: string): boolean {
  if (values.length !== instance.length) {
    throw new SpecError(
      "invalid-spec",
      `${what}: instance ${showValue(instance)} has ${instance.length} value${instance.length === 1 ? "" : "s"}, but action "${action}" binds ${values.length} (${showValue(values)}); give one value per exists, outermost first`,
      { property, action },
    );
  }
  return values.every((v, i) => equals(v, instance[i]));
}

/** A step predicate whose result must be a boolean, given the step's info. */
function booleanStep<S, P>(ref: (s: S, t: S, step: StepInfo, params: P) => boolean, ctx: FormulaContext<S, P>, what: string, property: string) {
  return (from: S, to: S, step: StepContext<S> | undefined): boolean => boolean(ref(from, to, stepInfo(step, ctx), ctx.params), { what, property }, ctx.json(from));
}

/** `r` when it is a boolean, else the `not-boolean` SpecError naming the predicate. */
function boolean(r: unknown, name: PredicateName, state: Json | undefined): boolean {
  if (r === true || r === false) return r;
  throw notBoolean(name, r, state);
}

/**
 * The kernel formula of `f`: state predicates are checked to return booleans, named actions
 * resolved, `alwaysEventually`/`eventuallyAlways` spelt out. `path` locates `f` in errors.
 */
export function compileFormula<S, P>(f: Formula<S, P>, ctx: FormulaContext<S, P>, property: string, path = ""): TemporalFormula<S> {
  const what = `property "${property}"`;
  const at = (text: string) => `${what} (${path ? `${path}: ` : ""}${text})`;
  if (typeof f === "function") {
    return { op: "state", holds: booleanPredicate(f, ctx.params, { what: at(functionLabel(f)), property }, ctx.json), label: functionLabel(f) };
  }
  if (!isTemporalDef(f)) {
    throw new SpecError("invalid-spec", `${at("a sub-formula")} is ${showValue(f)}, not a state predicate (s, params) => boolean or a formula built with the operators`, { property });
  }
  const sub = (g: Formula<S, P>, i?: number) => compileFormula(g, ctx, property, `${path}${path ? " › " : ""}${f.op}${i === undefined ? "" : `[${i}]`}`);
  switch (f.op) {
    case "always":
    case "eventually":
      return { op: f.op, arg: sub(f.arg) };
    case "not":
      return { op: "not", arg: sub(f.arg) };
    case "alwaysEventually":
      return { op: "always", arg: { op: "eventually", arg: sub(f.arg) } };
    case "eventuallyAlways":
      return { op: "eventually", arg: { op: "always", arg: sub(f.arg) } };
    case "and":
    case "or":
      return { op: f.op, args: f.args.map((g, i) => sub(g, i)) };
    case "implies":
    case "leadsTo":
      return { op: f.op, args: [sub(f.args[0], 0), sub(f.args[1], 1)] };
    case "unchanged":
      return { op: "unchanged", ...(f.subscript ? { subscript: f.subscript, label: `UNCHANGED ${functionLabel(f.subscript)}` } : {}) };
    case "enabled": {
      const steps = compileSteps(f.steps, ctx, at("enabled"), property);
      return { op: "enabled", steps, selfLoops: f.steps.options.selfLoops === true, label: `ENABLED ${label(f.steps.actions, f.steps.options.selfLoops === true, steps)}` };
    }
    case "step": {
      const steps = compileSteps(f.steps, ctx, at("step"), property);
      const { actions, includes } = steps;
      const holds =
        typeof f.steps.actions === "function"
          ? booleanStep(f.steps.actions, ctx, at(`step ${functionLabel(f.steps.actions)}`), property)
          : (from: S, to: S, step: StepContext<S> | undefined) =>
              step !== undefined && (actions === undefined || actions.includes(step.action.name)) && (includes === undefined || includes(step, to));
      return { op: "step", holds, label: typeof f.steps.actions === "function" ? functionLabel(f.steps.actions) : stepSetLabel(steps) };
    }
  }
}

function label<S, P>(ref: ActionRef<S, P> | undefined, plain: boolean, steps: StepSet<S>): string {
  const text = typeof ref === "function" ? functionLabel(ref) : stepSetLabel(steps);
  return plain ? text : `⟨${text}⟩`;
}

/** Does `f` speak of one state only (state predicates, `enabled`, connectives)? */
export function isStateFormula<S, P>(f: Formula<S, P>): boolean {
  if (typeof f === "function") return true;
  if (!isTemporalDef(f)) return false;
  switch (f.op) {
    case "enabled":
      return true;
    case "not":
      return isStateFormula(f.arg);
    case "and":
    case "or":
    case "implies":
      return f.args.every((g) => isStateFormula(g));
    default:
      return false;
  }
}

/**
 * A state formula as a predicate on states, for invariants. `enabled` runs `actions` — a
 * second compilation of the spec's actions, since the invariant is evaluated while the search
 * is inside an action of the first.
 */
export function stateHolds<S>(f: TemporalFormula<S>, actions: readonly Action<S>[], codec: Codec<S>): (s: S) => boolean {
  const scratch = new Int32Array(2 * codec.width);
  const go = (g: TemporalFormula<S>): ((s: S) => boolean) => {
    switch (g.op) {
      case "state":
        return g.holds;
      case "enabled": {
        const matcher = new StepMatcher(g.steps, actions, g.selfLoops !== true, "enabled");
        return (s) => enabledIn(matcher, codec, s, scratch);
      }
      case "not": {
        const x = go(g.arg);
        return (s) => !x(s);
      }
      case "and":
      case "or": {
        const xs = g.args.map(go);
        return g.op === "and" ? (s) => xs.every((x) => x(s)) : (s) => xs.some((x) => x(s));
      }
      case "implies": {
        const [a, b] = g.args.map(go);
        return (s) => !a(s) || b(s);
      }
      default:
        throw new Error(`stateHolds: ${g.op} is not a state formula (internal error)`);
    }
  };
  return go(f);
}
