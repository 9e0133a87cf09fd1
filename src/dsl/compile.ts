import type { Action, Binding, Invariant, Json, Model, Property } from "../model/model.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError, isSpecError, thrownMessage } from "../model/spec-error.ts";
import { codecNode, compileCodec } from "../state/codec.ts";
import type { Schema } from "../state/schema.ts";
import { parameterName } from "./binding-name.ts";
import { isDomain, type InferShape, type Shape } from "./domain.ts";
import { choiceValues, isChoice } from "./exists.ts";
import { compileFairness, compileSometimes, compileTemporal } from "./compile-temporal.ts";
import type {
  ActionDef,
  DeadlockDef,
  InitDef,
  InvariantDef,
  ParamShape,
  ParamValues,
  Spec,
  SpecDefinition,
  Successors,
} from "./define-spec.ts";

/** Parameter values to override the spec's defaults, e.g. from `--set cpus=4`. */
export type ParamOverrides = { readonly [name: string]: unknown };

/**
 * Turns a spec value into the checker's `Model`: resolves and validates the parameters, derives
 * the codec from the schema and wraps init, actions and properties as kernel objects.
 * Throws SpecError (`invalid-param`, `invalid-spec`) for a spec that cannot be compiled.
 */
export function compile<P extends ParamShape, Sh extends Shape>(
  spec: Spec<P, Sh>,
  overrides: ParamOverrides = {},
): Model<InferShape<Sh>> {
  type S = InferShape<Sh>;
  const def = spec.definition as SpecDefinition<P, Sh>;
  const params = resolveParams(def.params ?? ({} as P), overrides) as ParamValues<P>;
  const shape = typeof def.state === "function" ? compiling("state", () => (def.state as (p: ParamValues<P>) => Sh)(params)) : def.state;
  const schema = shapeSchema(shape, "state");
  let codec;
  try {
    codec = compileCodec<S>(schema);
  } catch (e) {
    throw new SpecError("invalid-spec", `the state schema cannot be used: field ${unusableField(schema)}: ${thrownMessage(e)}`, { cause: e });
  }
  const actions = Object.entries(def.actions ?? {}).map(([name, a]) => compileAction<S, ParamValues<P>>(name, a, params));
  if (actions.length === 0) throw new SpecError("invalid-spec", `spec "${def.name}" declares no actions`);
  const properties: Property<S>[] = Object.entries(def.invariants ?? {}).map(([name, inv]) =>
    compileInvariant<S, ParamValues<P>>(name, inv, params),
  );
  const deadlock = compileDeadlock<S, ParamValues<P>>(def.deadlock, params);
  if (deadlock) properties.push(deadlock);
  properties.push(...compileSometimes<S, ParamValues<P>>(def.sometimes, params));
  properties.push(...compiling("properties", () => compileTemporal<S, ParamValues<P>>(def.properties, params)));
  const names = new Set<string>();
  for (const p of properties) {
    if (names.has(p.name)) throw new SpecError("invalid-spec", `two properties are named "${p.name}"; property names must be unique`, { property: p.name });
    names.add(p.name);
  }
  const fairness = compileFairness(def.fairness, actions.map((a) => a.name));
  const constraint = def.constraint && ((s: S) => def.constraint!(s, params));
  return {
    name: def.name,
    codec,
    init: compileInit<S, ParamValues<P>>(def.init, params, schema),
    actions,
    properties,
    ...(constraint ? { constraint } : {}),
    ...(fairness.length ? { fairness } : {}),
  };
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
  for (const [name, domain] of Object.entries(declared)) {
    if (!isDomain(domain)) throw new SpecError("invalid-spec", `parameter "${name}" is not a domain (use t.int(…), t.enum(…), …)`);
    const value = name in overrides ? overrides[name] : domain.defaultValue;
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
  const fields = Object.entries(shape as Record<string, unknown>).map(([k, d]) => {
    if (!isDomain(d)) {
      throw new SpecError("invalid-spec", `${what} field "${k}" is ${showValue(d)}, not a domain (use t.int(…), t.bool(), …)`);
    }
    return [k, d.schema] as const;
  });
  return { kind: "record", fields };
}

/** A value bound by an enclosing `exists`, with the callback that named it. */
interface Frame {
  readonly body: Function;
  readonly value: unknown;
}

/** A node of the instance trie: one per distinct prefix of `exists` values. */
interface InstanceNode {
  readonly id: number;
  readonly children: Map<unknown, InstanceNode>;
}

/**
 * Interns the bindings of an action's instances: each distinct tuple of `exists` values gets a
 * small integer (0 = no binding), and its display form is built only when a trace asks for it.
 * Tuples are looked up in a trie keyed by the values themselves (scalars) or their JSON form
 * (objects), so emitting a successor allocates nothing once its instance is known.
 */
class Instances {
  private readonly root: InstanceNode = { id: 0, children: new Map() };
  private readonly frames: (readonly Frame[])[] = [[]];
  private readonly bindings: (Binding | undefined)[] = [null];

  id(bodies: readonly Function[], values: readonly unknown[], depth: number): number {
    let node = this.root;
    for (let i = 0; i < depth; i++) {
      const value = values[i];
      const key = typeof value === "object" && value !== null ? keyOf(value) : value;
      let child = node.children.get(key);
      if (child === undefined) {
        child = { id: this.frames.length, children: new Map() };
        node.children.set(key, child);
        this.frames.push(Array.from({ length: i + 1 }, (_, j) => ({ body: bodies[j], value: values[j] })));
        this.bindings.push(undefined);
      }
      node = child;
    }
    return node.id;
  }

  binding(id: number): Binding {
    let b = this.bindings[id];
    if (b === undefined) {
      b = bindingOf(this.frames[id] ?? []);
      this.bindings[id] = b;
    }
    return b;
  }
}

/** The trace form of a stack of `exists` bindings: `{ cpu: 1, k: 2 }`. */
export function bindingOf(frames: readonly Frame[]): Binding {
  if (frames.length === 0) return null;
  const out: { [name: string]: Json } = {};
  for (const { body, value } of frames) {
    const name = parameterName(body, 0);
    if (name) out[name] = plainJson(value);
    else if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Set)) {
      Object.assign(out, plainJson(value));
    } else out.x = plainJson(value);
  }
  return out;
}

/**
 * JSON data for any state value (Sets become arrays, undefined null). A Set's elements are put
 * in a canonical order, so that equal sets built in different insertion orders (a state decoded
 * during the search, the same state rebuilt by replaying actions for a trace) give the same
 * binding and the same action instance.
 */
export function plainJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Set) return [...value].map(plainJson).sort(canonicalOrder);
  if (Array.isArray(value)) return value.map(plainJson);
  if (typeof value === "object") {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = plainJson(v);
    return out;
  }
  return value as Json;
}

function canonicalOrder(a: Json, b: Json): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function keyOf(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(plainJson(value)) : typeof value === "string" ? `"${value}` : String(value);
}

function compileAction<S, P>(name: string, def: ActionDef<S, P>, params: P): Action<S> {
  if (typeof def !== "function") {
    throw new SpecError("invalid-spec", `action "${name}" is ${showValue(def)}, not a function (s, params) => successors`, {
      action: name,
    });
  }
  const instances = new Instances();
  // The enclosing `exists` bindings while an action runs, as parallel stacks (no frame objects).
  const bodies: Function[] = [];
  const values: unknown[] = [];
  let depth = 0;

  const expand = (result: Successors<S>, emit: (s: S, instance: number) => void): void => {
    if (!result) return;
    if (isChoice(result)) {
      const over = choiceValues(result);
      const body = result.body as (v: unknown) => Successors<S>;
      const at = depth++;
      bodies[at] = body;
      for (let i = 0; i < over.length; i++) {
        const value = over[i];
        values[at] = value;
        let next: Successors<S>;
        try {
          next = body(value);
        } catch (e) {
          throw threw(e);
        }
        expand(next, emit);
      }
      depth = at;
      return;
    }
    if (Array.isArray(result)) {
      for (const r of result) expand(r, emit);
      return;
    }
    emit(result as S, depth === 0 ? 0 : instances.id(bodies, values, depth));
  };

  const threw = (e: unknown): unknown => {
    if (isSpecError(e)) return e;
    const binding = bindingOf(Array.from({ length: depth }, (_, j) => ({ body: bodies[j], value: values[j] })));
    depth = 0;
    return new SpecError("action-threw", `action "${name}" with ${showValue(binding)} threw: ${thrownMessage(e)}`, {
      action: name,
      binding,
      cause: e,
    });
  };

  return {
    name,
    next(s, emit) {
      depth = 0;
      expand(def(s, params), emit);
    },
    bindingOf: (instance) => instances.binding(instance),
  };
}

function compileInvariant<S, P>(name: string, def: InvariantDef<S, P>, params: P): Invariant<S> {
  if (typeof def === "function") return { kind: "invariant", name, holds: (s) => def(s, params) };
  if (typeof def !== "object" || def === null || typeof def.holds !== "function") {
    throw new SpecError("invalid-spec", `invariant "${name}" must be a predicate or { holds, message }`, { property: name });
  }
  const { holds, message, when } = def;
  if (when !== undefined && typeof when !== "function") {
    throw new SpecError("invalid-spec", `invariant "${name}": when must be a predicate (s, params) => boolean`, { property: name });
  }
  return {
    kind: "invariant",
    name,
    holds: when ? (s) => !when(s, params) || holds(s, params) : (s) => holds(s, params),
    ...(when ? { antecedent: (s: S) => when(s, params) } : {}),
    ...(message === undefined
      ? {}
      : { explain: (s: S) => (typeof message === "function" ? message(s, params) : message) }),
  };
}

function compileDeadlock<S, P>(def: DeadlockDef<S, P> | undefined, params: P): Property<S> | undefined {
  if (def === false) return undefined;
  if (def === undefined || def === true) return { kind: "deadlock", name: "deadlock" };
  if (typeof def !== "object" || def === null || typeof def.terminal !== "function") {
    throw new SpecError(
      "invalid-spec",
      `deadlock is ${showValue(def)}; expected true (report deadlocks, the default), false (do not), or { terminal: (s, params) => boolean }`,
      { property: "deadlock" },
    );
  }
  return { kind: "deadlock", name: "deadlock", terminal: (s) => def.terminal(s, params) };
}

function compileInit<S, P>(def: InitDef<S, P>, params: P, schema: Schema): (emit: (s: S) => void) => void {
  if (typeof def === "function") {
    return (emit) => {
      const result = (def as (p: P) => S | Iterable<S>)(params);
      if (isIterable(result)) for (const s of result) emit(s);
      else emit(result);
    };
  }
  if (Array.isArray(def)) return (emit) => def.forEach((s) => emit(s));
  const where = (def as { where?: unknown }).where;
  if (typeof where === "function") {
    const node = codecNode(schema);
    return (emit) => {
      for (const s of node.values() as Iterable<S>) if ((where as (s: S, p: P) => boolean)(s, params)) emit(s);
    };
  }
  return (emit) => emit(def as S);
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !isPlainState(value) &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

function isPlainState(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
