import type { Binding, Json, Model } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { fingerprint, fp } from "../state/fingerprint.ts";
import type { StateStore } from "../state/state-store.ts";

/** One step of a behaviour: the action (null for an initial state), its binding, the state reached. */
export interface TraceStep<S> {
  readonly action: string | null;
  readonly binding: Binding;
  readonly state: S;
}

/** A behaviour prefix from an initial state. BFS traces are shortest. */
export type Trace<S> = readonly TraceStep<S>[];

/**
 * Rebuilds the behaviour that reaches state `id` from the parent pointers of `store`: the ids
 * give the path, and re-running the model's init and actions recovers each state and the
 * action instance that produced it (the first one, in action order, whose successor has the
 * recorded fingerprint). Only fingerprints and parents are stored during the search.
 */
export function reconstructTrace<S>(model: Model<S>, store: StateStore, id: number): TraceStep<S>[] {
  const path: number[] = [];
  for (let at = id; at >= 0; at = store.parentOf(at)) path.push(at);
  path.reverse();
  const codec = model.codec;
  const scratch = new Int32Array(codec.width);
  const matches = (state: S, target: number): boolean => {
    codec.encode(state, scratch, 0);
    fingerprint(scratch, 0, codec.width);
    return store.find(fp[0], fp[1]) === target;
  };

  let first: S | undefined;
  model.init((state) => {
    if (first === undefined && matches(state, path[0])) first = state;
  });
  if (first === undefined) {
    throw new SpecError(
      "nondeterministic-action",
      `the counterexample cannot be rebuilt: init, run again, no longer gives the initial state the search started from. ${NOT_A_FUNCTION}`,
    );
  }
  const trace: TraceStep<S>[] = [{ action: null, binding: null, state: first }];

  for (let i = 1; i < path.length; i++) {
    const from = trace[trace.length - 1].state;
    const step = findStep(model, from, (s) => matches(s, path[i]));
    if (!step) {
      throw new SpecError(
        "nondeterministic-action",
        `the counterexample cannot be rebuilt: run again on the state of step ${i}, no action gives the successor the search found there. ${NOT_A_FUNCTION}`,
        { state: safeJson(model, from) },
      );
    }
    trace.push(step);
  }
  return trace;
}

/** Why a replay can differ from the search: the spec's functions are not functions of their arguments. */
const NOT_A_FUNCTION =
  "An action (or init) is not deterministic: it must depend only on the state and its bindings — no Math.random(), Date, I/O or module-level mutable variables.";

function safeJson<S>(model: Model<S>, state: S): Json {
  try {
    return model.codec.toJson(state);
  } catch {
    return null;
  }
}

/** The first action instance from `from` whose successor satisfies `wanted`. */
export function findStep<S>(model: Model<S>, from: S, wanted: (s: S) => boolean): TraceStep<S> | undefined {
  for (const action of model.actions) {
    let found: TraceStep<S> | undefined;
    action.next(from, (successor, instance) => {
      if (found === undefined && wanted(successor)) {
        found = { action: action.name, binding: action.bindingOf(instance), state: successor };
      }
    });
    if (found) return found;
  }
  return undefined;
}

/** A trace followed by one more step. */
export function extend<S>(trace: Trace<S>, step: TraceStep<S>): Trace<S> {
  return [...trace, step];
}
