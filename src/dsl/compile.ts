import type { Action, Codec, Model, Property } from "../model/model.ts";
import { withCompletablePromises, type Completion } from "../model-options/completable.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError, isSpecError, thrownMessage } from "../model/spec-error.ts";
import { codecNode, compileCodec } from "../state/codec.ts";
import { codecFields } from "../state/codec-fields.ts";
import { codecLayout } from "../state/layout.ts";
import type { Schema } from "../state/schema.ts";
import { isDomain, owingOf, ownEntries, SetDomain, type InferShape, type Shape } from "./domain.ts";
import { compileAction, shareInstances } from "./compile-action.ts";
import { compileInit } from "./compile-init.ts";
import { booleanPredicate, compileDeadlock, compileInvariant, stateJson } from "./compile-predicates.ts";
import { compileFairness, compileSometimes, compileTemporal } from "./compile-temporal.ts";
import { compileModelOptions } from "./compile-options.ts";
import type { FairnessSection, InitDef, ParamShape, ParamValues, Spec, SpecDefinition, SpecState } from "./define-spec.ts";
import type { FairnessDef } from "./temporal.ts";
import { compileProcesses, type CompiledProcesses } from "./process-compile.ts";

/** Parameter values to override the spec's defaults, e.g. from `--set cpus=4`. */
export type ParamOverrides = { readonly [name: string]: unknown };

/**
 * Turns a spec value into the checker's `Model`: resolves and validates the parameters, derives
 * the codec from the schema and wraps init, actions and properties as kernel objects.
 * Throws SpecError (`invalid-param`, `invalid-spec`) for a spec that cannot be compiled.
 */
export function compile<P extends ParamShape, Sh extends Shape, X = {}>(
  spec: Spec<P, Sh, any, X>,
  overrides: ParamOverrides = {},
): Model<SpecState<Sh, X>> {
  type S = SpecState<Sh, X>;
  const def = spec.definition as SpecDefinition<P, Sh, string, X>;
  const params = resolveParams(def.params ?? ({} as P), overrides) as ParamValues<P>;
  const shape = typeof def.state === "function" ? compiling("state", () => (def.state as (p: ParamValues<P>) => Sh)(params)) : def.state;
  const shared = shapeSchema(shape, "state") as Extract<Schema, { kind: "record" }>;
  const sharedFields = shared.fields.map(([field]) => field);
  const processes =
    def.processes === undefined
      ? undefined
      : compiling("processes", () => compileProcesses<S, ParamValues<P>>(def.processes as never, params, sharedFields));
  const schema: Schema = processes ? { kind: "record", fields: [...shared.fields, ...processes.fields] } : shared;
  const codec = { ...stateCodec<S>(schema), fields: codecFields(codecLayout(schema)) };
  const json = stateJson(codec as Codec<unknown>);
  const constraint = def.constraint && booleanPredicate(def.constraint, params, { what: "the constraint", property: "constraint" }, json);
  const completing = completable<S>(shape, codec, constraint);
  const { actions, kept } = completing([...ownEntries(def.actions ?? {}, "actions").map(([name, a]) => compileAction<S, ParamValues<P>>(name, a, params)), ...(processes?.actions ?? [])]);
  if (actions.length === 0) throw new SpecError("invalid-spec", `spec "${def.name}" declares no actions and no processes`);
  checkActionNames(actions.map((a) => a.name));
  const properties: Property<S>[] = ownEntries(def.invariants ?? {}, "invariants").map(([name, inv]) =>
    compileInvariant<S, ParamValues<P>>(name, inv, params, json),
  );
  const deadlock = compileDeadlock<S, ParamValues<P>>(def.deadlock, params, json);
  if (deadlock) properties.push(deadlock);
  properties.push(...compileSometimes<S, ParamValues<P>>(def.sometimes, params, json));
  const formulas = { params, json, actions, codec };
  // A second compilation of every action, the processes' steps included (see compileTemporal).
  const freshActions = () =>
    completing([
      ...ownEntries(def.actions ?? {}, "actions").map(([name, a]) => compileAction<S, ParamValues<P>>(name, a, params)),
      ...(def.processes === undefined ? [] : compileProcesses<S, ParamValues<P>>(def.processes as never, params, sharedFields).actions),
    ]).actions;
  properties.push(...compiling("properties", () => compileTemporal<S, ParamValues<P>>(def.properties, formulas, freshActions)));
  checkPropertyNames(properties, deadlock !== undefined);
  // A process type's `fair` joins the spec's own conditions (PlusCal's fair process).
  const fairness = compiling("fairness", () => compileFairness(withProcessFairness(def.fairness, params, processes?.fairness ?? []), formulas));
  const init = processes ? processInit(def.init, params, shared, processes) : compileInit<S, ParamValues<P>>(def.init as InitDef<S, ParamValues<P>>, params, schema, codec, json);
  const model: Model<S> = {
    name: def.name,
    codec,
    init: (emit) => {
      let met = 0;
      let emitted = 0;
      init((s) => {
        met++;
        if (kept(s)) emitted++, emit(s);
      });
      if (met > 0 && emitted === 0) {
        throw new SpecError("no-initial-states", `spec "${def.name}": every initial state owes a promised store that can never be fulfilled, so none is on an execution`);
      }
    },
    actions,
    properties,
    ...(constraint ? { constraint } : {}),
    ...(fairness.length ? { fairness } : {}),
  };
  return compileModelOptions(model, schema, def, params);
}

/**
 * The wrapper of a spec's actions: when a state field's domain holds promises (see
 * `Domain.owing`), a state owing one is kept only if it can still be fulfilled — for the search,
 * fairness and `enabled` alike, initial states included. Otherwise the actions as they are.
 */
function completable<S>(shape: unknown, codec: Codec<S>, inModel: ((s: S) => boolean) | undefined): (actions: Action<S>[]) => Completion<S> {
  const holders = Object.entries(shape as Record<string, unknown>).flatMap(([field, d]) => (isDomain(d) && d.owing ? [[field, d] as const] : []));
  if (holders.length === 0) return (actions) => ({ actions, kept: () => true });
  return (actions) => {
    const completion = withCompletablePromises(actions, codec, (s) => owingOf(holders.map(([field, d]) => [d, (s as Record<string, unknown>)[field]] as const)), inModel);
    completion.actions.forEach((wrapped, i) => shareInstances(wrapped, actions[i]));
    return completion;
  };
}

/** The codec of a state schema; a schema it cannot encode is an `invalid-spec` error. */
function stateCodec<S>(schema: Schema): Codec<S> {
  try {
    return compileCodec<S>(schema);
  } catch (e) {
    throw new SpecError("invalid-spec", `the state schema cannot be used: field ${unusableField(schema)}: ${thrownMessage(e)}`, { cause: e });
  }
}

/** The initial states of a spec with processes: `init` gives the schema's own fields, each process starts at its first label. */
function processInit<S, P>(init: unknown, params: P, shared: Schema, processes: CompiledProcesses<S>): (emit: (s: S) => void) => void {
  const codec = stateCodec<object>(shared);
  const sharedInit = compileInit<object, P>(init as InitDef<object, P>, params, shared, codec, stateJson(codec as Codec<unknown>));
  return (emit) => sharedInit((state) => processes.extend(state, emit));
}

/** Action names are unique (a plain action may not take the name of a process step, `type.label`). */
function checkActionNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new SpecError("invalid-spec", `two actions are named "${name}"; action and process step names (type.label) must be unique`, { action: name });
    seen.add(name);
  }
}

/**
 * Property names are unique, and `deadlock` is the built-in deadlock-freedom property's: a spec
 * property of that name would be confused with it (`--no-deadlock` would drop it, `--check
 * deadlock` would pick one of the two).
 */
function checkPropertyNames(properties: readonly Property<unknown>[], deadlockChecked: boolean): void {
  const names = new Set<string>();
  for (const p of properties) {
    if (p.name === "deadlock" && p.kind !== "deadlock") {
      throw new SpecError(
        "invalid-spec",
        `${p.kind === "invariant" ? "an invariant" : `a ${p.kind} property`} is named "deadlock", the name of the built-in deadlock check${deadlockChecked ? "" : " (off here, but --check and reports use the name)"}; rename it`,
        { property: p.name },
      );
    }
    if (names.has(p.name)) throw new SpecError("invalid-spec", `two properties are named "${p.name}"; property names must be unique`, { property: p.name });
    names.add(p.name);
  }
}

/** The path of the innermost part of a state schema the codec rejects (`s.pos.y`, `s.ids[element]`). */
function unusableField(schema: Schema, at = "s"): string {
  const parts: [string, Schema][] =
    schema.kind === "record" ? schema.fields.map(([k, f]) => [`${at}.${k}`, f])
    : schema.kind === "tuple" ? schema.items.map((item, i) => [`${at}[${i}]`, item])
    : schema.kind === "map" ? [[`${at}[key]`, schema.key], [`${at}[value]`, schema.value]]
    : schema.kind === "set" || schema.kind === "seq" ? [[`${at}[element]`, schema.element]]
    : schema.kind === "optional" ? [[at, schema.inner]]
    : [];
  for (const [path, part] of parts) {
    try {
      codecNode(part);
    } catch {
      return unusableField(part, path);
    }
  }
  return at;
}

/**
 * Runs a spec function that compile calls (`state(params)`, `properties(ops, params)`): what it
 * throws becomes an `invalid-spec` SpecError naming the function, not a raw error with a stack.
 */
function compiling<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (isSpecError(e)) throw e;
    throw new SpecError("invalid-spec", `the spec's ${what} function threw while compiling: ${thrownMessage(e)}`, { cause: e });
  }
}

/** The parameter values the spec will use: defaults, then overrides, each validated against its domain. */
export function resolveParams(declared: ParamShape, overrides: ParamOverrides): Record<string, unknown> {
  for (const name of Object.keys(overrides)) {
    if (!(name in declared)) {
      const known = Object.keys(declared);
      throw new SpecError(
        "invalid-param",
        `the spec has no parameter "${name}"; ${known.length ? `its parameters are ${known.join(", ")}` : "it has no parameters"}`,
        { value: overrides[name], param: name },
      );
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, domain] of ownEntries(declared, "params")) {
    if (!isDomain(domain)) throw new SpecError("invalid-spec", `parameter "${name}" is not a domain (use t.int(…), t.enum(…), …)`);
    let value = name in overrides ? overrides[name] : domain.defaultValue;
    // A set parameter given as a list (e.g. --set ids=[1,2]) is the value set of its elements.
    if (domain instanceof SetDomain && Array.isArray(value) && value.every((v) => domain.element.contains(v))) value = domain.from(value);
    if (value === undefined) {
      throw new SpecError("invalid-param", `parameter "${name}" has no default; set it, e.g. --set ${name}=…`, {
        param: name,
      });
    }
    if (!domain.contains(value)) {
      throw new SpecError(
        "invalid-param",
        `parameter ${name} = ${showValue(value)} is outside its domain (expected ${domain.toString()})`,
        { value, param: name },
      );
    }
    values[name] = value;
  }
  return Object.freeze(values);
}

/** The record schema of a state shape (a record of domains); throws SpecError for anything else. */
export function shapeSchema(shape: unknown, what: string): Schema {
  if (typeof shape !== "object" || shape === null || isDomain(shape)) {
    throw new SpecError("invalid-spec", `the ${what} schema must be a record of domains, e.g. { n: t.int(0, 3) }`);
  }
  const fields = ownEntries(shape as Record<string, unknown>, `the ${what} schema`).map(([k, d]) => {
    if (!isDomain(d)) {
      throw new SpecError("invalid-spec", `${what} field "${k}" is ${showValue(d)}, not a domain (use t.int(…), t.bool(), …)`);
    }
    return [k, d.schema] as const;
  });
  return { kind: "record", fields };
}

/**
 * The spec's fairness section with the processes' conditions appended (a function of the
 * parameters is called first). A section that is not an array is passed on as written, for
 * `compileFairness` to refuse.
 */
function withProcessFairness<S, P>(section: FairnessSection<S, P> | undefined, params: P, processes: readonly FairnessDef[]): FairnessSection<S, P> | undefined {
  if (processes.length === 0) return section;
  const list = typeof section === "function" ? section(params) : (section ?? []);
  return Array.isArray(list) ? [...list, ...processes] : list;
}
