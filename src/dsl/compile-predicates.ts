import type { Codec, Invariant, Json, Property } from "../model/model.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError } from "../model/spec-error.ts";
import type { DeadlockDef, InvariantDef } from "./define-spec.ts";

/** What a predicate is, for messages: `invariant "safe"`, `the constraint`, … and its property name. */
export interface PredicateName {
  readonly what: string;
  readonly property: string;
}

/** Renders the state of a fault, best-effort. */
export type StateJson = (state: unknown) => Json | undefined;

/** A state renderer for messages built from a codec (undefined when the state cannot be rendered). */
export function stateJson(codec: Codec<unknown>): StateJson {
  return (state) => {
    try {
      return codec.toJson(state);
    } catch {
      return undefined;
    }
  };
}

/** Why a predicate result is not a boolean, as a sentence fragment. */
function notBooleanReason(value: unknown): string {
  if (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function") {
    return "a Promise — is it async? Predicates must be synchronous and return true or false";
  }
  if (value === undefined) return "undefined — a block body without `return`? Predicates must return true or false";
  return `${showValue(value)} (${typeof value}), not true or false — write an explicit comparison, e.g. x !== undefined or s.list.length > 0`;
}

/** The `not-boolean` SpecError for `value` returned by `name` in `state`. */
export function notBoolean(name: PredicateName, value: unknown, state: Json | undefined): SpecError {
  return new SpecError("not-boolean", `${name.what} returned ${notBooleanReason(value)}`, {
    property: name.property,
    value,
    ...(state === undefined ? {} : { state }),
  });
}

/**
 * Wraps a spec predicate so that its result is checked: anything but `true`/`false` (a string,
 * `undefined`, a Promise from an `async` predicate) is a `not-boolean` SpecError naming it,
 * never judged by truthiness.
 */
export function booleanPredicate<S, P>(fn: (s: S, params: P) => unknown, params: P, name: PredicateName, json: StateJson): (s: S) => boolean {
  return (s) => {
    const r = fn(s, params);
    if (r === true || r === false) return r;
    throw notBoolean(name, r, json(s));
  };
}

/** `invariants: { name: predicate | { holds, message, when } }` → a kernel invariant. */
export function compileInvariant<S, P>(name: string, def: InvariantDef<S, P>, params: P, json: StateJson): Invariant<S> {
  const what = { what: `invariant "${name}"`, property: name };
  if (typeof def === "function") return { kind: "invariant", name, holds: booleanPredicate(def, params, what, json) };
  if (typeof def !== "object" || def === null || typeof def.holds !== "function") {
    throw new SpecError("invalid-spec", `invariant "${name}" must be a predicate or { holds, message }`, { property: name });
  }
  const { message, when } = def;
  if (when !== undefined && typeof when !== "function") {
    throw new SpecError("invalid-spec", `invariant "${name}": when must be a predicate (s, params) => boolean`, { property: name });
  }
  const holds = booleanPredicate(def.holds, params, what, json);
  const antecedent = when && booleanPredicate(when, params, { what: `invariant "${name}" (its when)`, property: name }, json);
  return {
    kind: "invariant",
    name,
    holds: antecedent ? (s) => !antecedent(s) || holds(s) : holds,
    ...(antecedent ? { antecedent } : {}),
    ...(message === undefined
      ? {}
      : {
          explain: (s: S) => {
            const text = typeof message === "function" ? message(s, params) : message;
            return typeof text === "string" ? text : showValue(text);
          },
        }),
  };
}

/** `deadlock: false | true | { terminal }` → the deadlock-freedom property, if checked. */
export function compileDeadlock<S, P>(def: DeadlockDef<S, P> | undefined, params: P, json: StateJson): Property<S> | undefined {
  if (def === false) return undefined;
  if (def === undefined || def === true) return { kind: "deadlock", name: "deadlock" };
  if (typeof def !== "object" || def === null || typeof def.terminal !== "function") {
    throw new SpecError("invalid-spec", `deadlock must be true, false or { terminal: (s, params) => boolean }, not ${showValue(def)}`);
  }
  const terminal = booleanPredicate(def.terminal, params, { what: "deadlock's terminal predicate", property: "deadlock" }, json);
  return { kind: "deadlock", name: "deadlock", terminal };
}
