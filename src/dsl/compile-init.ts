import type { Codec } from "../model/model.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError } from "../model/spec-error.ts";
import { codecNode } from "../state/codec.ts";
import { fingerprint, fp } from "../state/fingerprint.ts";
import type { Schema } from "../state/schema.ts";
import { booleanPredicate, type StateJson } from "./compile-predicates.ts";
import type { InitDef } from "./define-spec.ts";

/**
 * The kernel's `init` for an `init` definition (a state, an array, a function of the parameters
 * returning either or any iterable, or `{ where }`). Every call must emit at least one state
 * (else `no-initial-states`, naming init). The first call checks determinism: a function is
 * evaluated twice and must give the same states in the same order; a `where` predicate is
 * evaluated twice on a sample of the schema's values (the first 256, then every 1024th) and
 * must agree — else `nondeterministic-init`, instead of a fault later blamed on an action.
 */
export function compileInit<S, P>(def: InitDef<S, P>, params: P, schema: Schema, codec: Codec<S>, json: StateJson): (emit: (s: S) => void) => void {
  const where = typeof def === "object" && def !== null && !Array.isArray(def) ? (def as { where?: unknown }).where : undefined;
  let verified = false;
  let run: (emit: (s: S) => void) => void;
  if (typeof def === "function") {
    const produce = (emit: (s: S) => void) => {
      const result = (def as (p: P) => S | Iterable<S>)(params);
      if (isIterable(result)) for (const s of result) emit(s);
      else emit(result);
    };
    run = (emit) => {
      if (verified) return produce(emit);
      const first: S[] = [];
      produce((s) => first.push(s));
      checkSameStates(first, produce, codec, json);
      first.forEach((s) => emit(s));
    };
  } else if (Array.isArray(def)) {
    run = (emit) => def.forEach((s) => emit(s));
  } else if (typeof where === "function") {
    const node = codecNode(schema);
    const holds = booleanPredicate(where as (s: S, p: P) => unknown, params, { what: "init's where predicate", property: "init" }, json);
    run = (emit) => {
      let i = 0;
      for (const s of node.values() as Iterable<S>) {
        const ok = holds(s);
        if (!verified && (i < 256 || (i & 1023) === 0) && holds(s) !== ok) throw nondeterministic(`its where predicate gave ${ok} then ${!ok} for ${showValue(json(s))}`);
        i++;
        if (ok) emit(s);
      }
    };
  } else {
    run = (emit) => emit(def as S);
  }
  return (emit) => {
    let count = 0;
    run((s) => {
      count++;
      emit(s);
    });
    verified = true;
    if (count === 0) {
      const why = typeof where === "function" ? "no state of the schema satisfies its where predicate" : Array.isArray(def) ? "it is an empty array" : "the function returned no state";
      throw new SpecError("no-initial-states", `init gives no initial state (${why}); every behaviour starts in an initial state, so nothing would be checked`);
    }
  };
}

/** Evaluates `produce` again and compares its states, in order, with `first` (by fingerprint of their encoding). */
function checkSameStates<S>(first: readonly S[], produce: (emit: (s: S) => void) => void, codec: Codec<S>, json: StateJson): void {
  const scratch = new Int32Array(codec.width);
  const key = (s: S): string => {
    try {
      codec.encode(s, scratch, 0);
    } catch {
      return `outside:${showValue(json(s) ?? s)}`; // reported with its path when it is emitted
    }
    fingerprint(scratch, 0, codec.width);
    return `${fp[0]}:${fp[1]}`;
  };
  const keys = first.map(key);
  let i = 0;
  produce((s) => {
    if (i < keys.length && key(s) !== keys[i]) {
      throw nondeterministic(`state ${i + 1} was ${showValue(json(first[i]))}, then ${showValue(json(s))}`);
    }
    i++;
  });
  if (i !== keys.length) throw nondeterministic(`it gave ${keys.length} state${keys.length === 1 ? "" : "s"}, then ${i}`);
}

function nondeterministic(detail: string): SpecError {
  return new SpecError(
    "nondeterministic-init",
    `init gave different initial states when evaluated twice (${detail}). It must be a function of the parameters: ` +
      `no Math.random(), Date, I/O or module-level mutable variables`,
  );
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
