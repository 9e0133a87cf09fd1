import type { Binding, Model } from "../model/model.ts";
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
  if (stored === undefined) throw new Error("trace reconstruction: no initial state has the recorded fingerprint");
  const trace: TraceStep<S>[] = [{ action: null, binding: null, state: stored }];

  for (let i = 1; i < path.length; i++) {
    const step = findStep(model, trace[trace.length - 1].state, (s) => matches(s, path[i]));
    if (!step) throw new Error(`trace reconstruction: no successor of step ${i} has the recorded fingerprint`);
    trace.push({ ...step, state: stored! });
  }
  return trace;
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
