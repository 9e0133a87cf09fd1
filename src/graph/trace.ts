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

/** A 64-bit fingerprint as the store keeps it: `[hi, lo]`. */
export type Fingerprint = readonly [hi: number, lo: number];

/**
 * Writes into `fp` the fingerprint that identifies the state encoded at `vector[offset..]`: of
 * its key when the model has an {@link Model.identity} (a view, symmetry), else of the vector.
 */
export function identify<S>(model: Model<S>, vector: Int32Array, offset: number): void {
  if (model.identity === undefined) fingerprint(vector, offset, model.codec.width);
  else {
    const key = model.identity.key(vector, offset);
    fingerprint(key, 0, key.length);
  }
}

/**
 * Rebuilds the behaviour that reaches state `id` from the parent pointers of `store` — and,
 * with `last`, one step further to a state with that fingerprint that was generated from `id`
 * but not stored (a violating successor, a successor outside the constraint); `id` is -1 when
 * that state is initial. The ids give the path; re-running the model's init and actions
 * recovers each state and the action instance that produced it: the first one, in action
 * order, whose successor has the recorded fingerprint — the one the search met first. Actions
 * run on the stored form of each state (decoded from its encoding), as in the search. Only
 * fingerprints and parents are kept during the search, as TLC does.
 */
export function reconstructTrace<S>(model: Model<S>, store: StateStore, id: number, last?: Fingerprint): TraceStep<S>[] {
  const path: (number | Fingerprint)[] = [];
  for (let at = id; at >= 0; at = store.parentOf(at)) path.push(at);
  path.reverse();
  if (last) path.push(last);
  const codec = model.codec;
  const scratch = new Int32Array(codec.width);
  let stored: S | undefined;
  const matches = (state: S, target: number | Fingerprint): boolean => {
    codec.encode(state, scratch, 0);
    identify(model, scratch, 0);
    const hit = typeof target === "number" ? store.find(fp[0], fp[1]) === target : fp[0] === target[0] >>> 0 && fp[1] === target[1] >>> 0;
    if (hit) stored = codec.decode(scratch, 0);
    return hit;
  };

  model.init((state) => {
    if (stored === undefined) matches(state, path[0]);
  });
  if (stored === undefined) {
    throw new SpecError(
      "nondeterministic-action",
      `the counterexample cannot be rebuilt: init, run again, no longer gives the initial state the search started from. ${NOT_A_FUNCTION}`,
    );
  }
  const trace: TraceStep<S>[] = [{ action: null, binding: null, state: stored }];

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
    trace.push({ ...step, state: stored! });
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
