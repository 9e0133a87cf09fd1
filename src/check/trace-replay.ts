import type { Json, Model } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { fp } from "../state/fingerprint.ts";
import { findStep, identify, type Fingerprint, type TraceStep } from "../graph/trace.ts";
import { Judge } from "./judge.ts";
import { Pipeline, type Visited } from "./pipeline.ts";

/**
 * What a visited store keeps for traces: parent pointers, and a way to recognise, among the
 * successors of a state as the search met them, the one that was stored as a given id. The
 * stores of `src/state/` implement it: `StateStore` by looking the fingerprint up,
 * `FingerprintTable` (which stores no ids) by counting the states first reached from the parent.
 */
export interface TraceIndex {
  /** The ids of the states from an initial state to `id`, both included. */
  path(id: number): number[];
  /**
   * A visited set for replaying the successors of state `parent` (-1: the initial states) in
   * the order the search met them: `insert` returns `want` for the successor the search stored
   * as `want`, and -1 for every other.
   */
  replay(parent: number, want: number): Visited;
}

/**
 * Rebuilds the behaviour that reaches state `id` — and, with `last`, one step further to a
 * state with that fingerprint that was generated from `id` but not stored (a violating
 * successor, a successor outside the constraint); `id` is -1 when that state is initial. The
 * index gives the path; replaying the model's init and actions through the successor pipeline
 * (encoding, constraint, identity: as the search met them) recovers each state and the action
 * instance that produced it — the one the search met first. Only fingerprints and parents are
 * kept during the search, as TLC does.
 */
export function reconstructTrace<S>(model: Model<S>, index: TraceIndex, id: number, last?: Fingerprint): TraceStep<S>[] {
  const path = id < 0 ? [] : index.path(id);
  const { codec, actions } = model;
  const trace: TraceStep<S>[] = [];
  let found: Int32Array | undefined;
  let vector = new Int32Array(codec.width);
  for (let i = 0; i < path.length; i++) {
    const parent = i === 0 ? -1 : path[i - 1];
    found = undefined;
    const pipeline: Pipeline<S> = new Pipeline(model, new Judge<S>([], undefined, codec, true), index.replay(parent, path[i]), {
      stored(_id, v) {
        found = v.slice();
        pipeline.stopped = true;
      },
      rejected() {},
      deadlock() {},
    });
    if (i === 0) pipeline.seed();
    else pipeline.expand(vector, 0, parent, 0, false);
    if (found === undefined) throw notReplayed(model, i, i === 0 ? undefined : trace[trace.length - 1].state);
    vector = found;
    const action = i === 0 ? undefined : actions[pipeline.lastAction];
    trace.push({ action: action?.name ?? null, binding: action?.bindingOf(pipeline.lastInstance) ?? null, state: codec.decode(vector, 0) });
  }
  if (last) {
    const scratch = new Int32Array(codec.width);
    const hit = (s: S): boolean => {
      codec.encode(s, scratch, 0);
      identify(model, scratch, 0);
      return fp[0] === last[0] >>> 0 && fp[1] === last[1] >>> 0;
    };
    let step: TraceStep<S> | undefined;
    if (path.length === 0) model.init((s) => void (step ??= hit(s) ? { action: null, binding: null, state: s } : undefined));
    else step = findStep(model, trace[trace.length - 1].state, hit);
    if (!step) throw notReplayed(model, path.length, path.length === 0 ? undefined : trace[trace.length - 1].state);
    codec.encode(step.state, scratch, 0);
    trace.push({ ...step, state: codec.decode(scratch, 0) });
  }
  return trace;
}

/** Why a replay can differ from the search: the spec's functions are not functions of their arguments. */
const NOT_A_FUNCTION =
  "An action (or init) is not deterministic: it must depend only on the state and its bindings — no Math.random(), Date, I/O or module-level mutable variables.";

/** The error for a step of the counterexample that running the spec again does not give (`from` undefined: an initial state). */
function notReplayed<S>(model: Model<S>, step: number, from: S | undefined): SpecError {
  if (from === undefined) {
    return new SpecError(
      "nondeterministic-action",
      `the counterexample cannot be rebuilt: init, run again, no longer gives the initial state the search started from. ${NOT_A_FUNCTION}`,
    );
  }
  return new SpecError(
    "nondeterministic-action",
    `the counterexample cannot be rebuilt: run again on the state of step ${step}, no action gives the successor the search found there. ${NOT_A_FUNCTION}`,
    { state: safeJson(model, from) },
  );
}

function safeJson<S>(model: Model<S>, state: S): Json {
  try {
    return model.codec.toJson(state);
  } catch {
    return null;
  }
}
