import type { Action, Binding, Json } from "../model/model.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError, isSpecError, thrownMessage } from "../model/spec-error.ts";
import { isValueSet } from "../state/value-set.ts";
import { parameterName } from "./binding-name.ts";
import type { ActionDef } from "./define-spec.ts";
import { choiceValues, isChoice, type Successors } from "./exists.ts";

/** A value bound by an enclosing `exists`, with the callback that named it (or the name itself). */
interface Frame {
  readonly body: Function | string;
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

  id(bodies: readonly (Function | string)[], values: readonly unknown[], depth: number): number {
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

  values(id: number): readonly Json[] {
    return (this.frames[id] ?? []).map((f) => plainJson(f.value));
  }

  /** The instance's `exists` values as the action bound them (state values, not JSON). */
  args(id: number): readonly unknown[] {
    return (this.frames[id] ?? []).map((f) => f.value);
  }
}

/** The instances of each action compiled here, for {@link instanceArgs}. */
const compiledInstances = new WeakMap<Action<any>, Instances>();

/** Makes `wrapped` (an action wrapping `original`, with the same instances) answer as `original` does for its instances' values. */
export function shareInstances<S>(wrapped: Action<S>, original: Action<S>): void {
  const instances = compiledInstances.get(original);
  if (instances) compiledInstances.set(wrapped, instances);
}

/**
 * The `exists` values of an instance of an action compiled by {@link compileAction}, by
 * position and as the action bound them (value sets, records), for fairness and temporal
 * predicates that compare them with state values. Undefined for other actions.
 */
export function instanceArgs(action: Action<any>, instance: number): readonly unknown[] | undefined {
  return compiledInstances.get(action)?.args(instance);
}

/** The trace form of a stack of `exists` bindings: `{ cpu: 1, k: 2 }`. */
export function bindingOf(frames: readonly Frame[]): Binding {
  if (frames.length === 0) return null;
  const out: { [name: string]: Json } = {};
  for (const { body, value } of frames) {
    const name = typeof body === "string" ? body : parameterName(body, 0);
    if (name) out[name] = plainJson(value);
    else if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Set) && !isValueSet(value)) {
      Object.assign(out, plainJson(value));
    } else out.x = plainJson(value);
  }
  return out;
}

/**
 * JSON data for any state value (sets become arrays, undefined null). A JavaScript Set's
 * elements are put in a canonical order, so that equal sets built in different insertion orders
 * give the same binding and the same action instance; value sets iterate canonically already.
 */
export function plainJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (isValueSet(value)) return [...value].map(plainJson);
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

/**
 * The trie key of an object binding: its JSON form, remembered per object. Elements of value
 * sets are interned (one frozen object per value), so an `exists` over a set in the state
 * computes each element's key once, not once per state.
 */
const objectKeys = new WeakMap<object, string>();

function keyOf(value: object): string {
  let key = objectKeys.get(value);
  if (key === undefined) {
    key = JSON.stringify(plainJson(value));
    if (Object.isFrozen(value) || isValueSet(value)) objectKeys.set(value, key);
  }
  return key;
}

/** What a function's kind says about its result: async and generator functions return no states. */
export function nonStateFunction(fn: Function): string | undefined {
  switch (fn.constructor?.name) {
    case "AsyncFunction":
      return "is async: it returns a Promise, not states. Actions are synchronous functions of the state";
    case "GeneratorFunction":
    case "AsyncGeneratorFunction":
      return "is a generator function: it returns an iterator, not states. Return an array of successors (or exists(…)) instead";
    default:
      return undefined;
  }
}

/** Why a result is not successors (a Promise or an iterator), or undefined when it may be a state. */
export function nonStateResult(result: object): string | undefined {
  if (typeof (result as { then?: unknown }).then === "function") return "a Promise (is the action or an exists callback async?). Actions must be synchronous";
  if (typeof (result as { next?: unknown }).next === "function" && typeof (result as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function") {
    return "an iterator (is it a generator function?). Return an array of successors or exists(…) instead";
  }
  return undefined;
}

/** The kernel action of `def`: expands its result (arrays, `exists` choices) into successors tagged by instance. */
export function compileAction<S, P>(name: string, def: ActionDef<S, P>, params: P): Action<S> {
  if (typeof def !== "function") {
    throw new SpecError("invalid-spec", `action "${name}" is ${showValue(def)}, not a function (s, params) => successors`, {
      action: name,
    });
  }
  const kind = nonStateFunction(def);
  if (kind) throw new SpecError("invalid-successor", `action "${name}" ${kind}`, { action: name });
  const instances = new Instances();
  // The enclosing `exists` bindings while an action runs, as parallel stacks (no frame objects).
  const bodies: (Function | string)[] = [];
  const values: unknown[] = [];
  let depth = 0;

  const expand = (result: Successors<S>, emit: (s: S, instance: number) => void): void => {
    if (!result) return;
    if (isChoice(result)) {
      const over = choiceValues(result);
      const body = result.body as (v: unknown) => Successors<S>;
      const at = depth++;
      bodies[at] = result.name ?? body;
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
    if (typeof result === "object") {
      const wrong = nonStateResult(result);
      if (wrong) throw invalid(wrong);
    }
    emit(result as S, depth === 0 ? 0 : instances.id(bodies, values, depth));
  };

  const currentBinding = (): Binding => bindingOf(Array.from({ length: depth }, (_, j) => ({ body: bodies[j], value: values[j] })));

  const invalid = (what: string): SpecError => {
    const binding = currentBinding();
    depth = 0;
    return new SpecError("invalid-successor", `action "${name}"${binding ? ` with ${showValue(binding)}` : ""} returned ${what}`, {
      action: name,
      binding,
    });
  };

  const threw = (e: unknown): unknown => {
    if (isSpecError(e)) {
      // spec-exited is placed by the checker, which words it itself (`action "…" called …`).
      if (e.details.action !== undefined || e.code === "spec-exited") return e;
      // Raised by a library the action called (interleave-spec/memory, say): it does not know the action.
      const binding = currentBinding();
      depth = 0;
      return e.reworded(`action "${name}"${binding ? ` with ${showValue(binding)}` : ""}: ${e.message}`, { action: name, binding });
    }
    const binding = currentBinding();
    depth = 0;
    const message = thrownMessage(e);
    return new SpecError("action-threw", `action "${name}" with ${showValue(binding)} threw: ${message}`, {
      action: name,
      binding,
      cause: e,
    });
  };

  const action: Action<S> = {
    name,
    next(s, emit) {
      depth = 0;
      expand(def(s, params), emit);
    },
    bindingOf: (instance) => instances.binding(instance),
    instanceValues: (instance) => instances.values(instance),
  };
  compiledInstances.set(action, instances);
  return action;
}
