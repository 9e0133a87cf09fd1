import type { DeadlockFreedom, Invariant, Model } from "../model/model.ts";
import { fingerprint, fp } from "../state/fingerprint.ts";
import { findIn, StateStore } from "../state/state-store.ts";
import { actionThrew, outsideSchema, propertyThrew, safeJson, satisfiesConstraint } from "./spec-faults.ts";
import { verifyExpansion } from "./verify.ts";

/**
 * One slice of a BFS level for a parallel search: states `from .. to` of the level whose
 * vectors are `vectors` (state `i` has id `firstId + i`), and the visited table as it stood
 * when the level began (read-only while the slice is expanded).
 */
export interface LevelJob {
  readonly table: Int32Array;
  readonly vectors: Int32Array;
  readonly firstId: number;
  readonly from: number;
  readonly to: number;
  /** Re-run the actions of this many first states of the slice (and every 1024th) to catch spec faults. */
  readonly verifyFirst: number;
}

/** What a slice produced, in the order a sequential search would meet it. */
export interface LevelOutput {
  /** `count` records (then unused space) of {@link recordStride}`(width)` Int32 slots each; see {@link RecordKind}. */
  readonly records: Int32Array;
  readonly count: number;
  /** Successors generated (duplicates included), as TLC counts them. */
  readonly generated: number;
}

/**
 * Record kinds. Every record is `[kind, parentId, generatedSoFar, violatedInvariant, action,
 * ordinal, hi, lo, ...vector]`: `generatedSoFar` counts this slice's successors up to and
 * including this one; `action` and `ordinal` (the successor's position among the action's
 * emissions) let the coordinator replay the step for a trace; `violatedInvariant` is -1 or an
 * index into the checked invariants.
 */
export const enum RecordKind {
  /** A successor not in the table when the level began: maybe new, to be deduplicated in order. */
  candidate = 0,
  /** A successor outside the constraint that violates an invariant (never stored). */
  constraintViolation = 1,
  /** A state without successors that is not terminal. */
  deadlock = 2,
}

export const RECORD_HEADER = 8;
export const recordStride = (width: number): number => RECORD_HEADER + width;

/** The properties a parallel search checks, resolved once per thread. */
export interface LevelChecks<S> {
  readonly invariants: readonly Invariant<S>[];
  readonly deadlock?: DeadlockFreedom<S>;
}

/**
 * Buffers a thread keeps from one slice to the next: the record array (grown by `allocate`,
 * e.g. in shared memory so that the coordinator reads it in place) and the slice-local set.
 */
export interface LevelBuffers {
  records: Int32Array;
  readonly allocate: (length: number) => Int32Array;
  readonly seen: StateStore;
}

/** Fresh {@link LevelBuffers}; `shared` puts the records in a SharedArrayBuffer. */
export function levelBuffers(shared = false): LevelBuffers {
  const allocate = (length: number) => (shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length));
  return { records: allocate(1 << 16), allocate, seen: new StateStore(1 << 16) };
}

/**
 * Expands one slice of a level: the share of the work each worker thread does. The output's
 * records live in `buffers.records`, valid until the next call with the same buffers.
 */
export function expandLevel<S>(model: Model<S>, checks: LevelChecks<S>, job: LevelJob, buffers = levelBuffers()): LevelOutput {
  const { codec, actions, constraint } = model;
  const { invariants, deadlock } = checks;
  const width = codec.width;
  const stride = recordStride(width);
  const { table, vectors } = job;
  let records = buffers.records;
  let count = 0;
  let generated = 0;
  const scratch = new Int32Array(width);
  const current = new Int32Array(width);
  let parentId = 0;
  let fromState: S = undefined as S;
  let actionIndex = 0;
  let ordinal = 0;
  let stop = false;
  const seen = buffers.seen;
  seen.clear();

  const record = (kind: RecordKind, bad: number, vector: Int32Array | undefined): void => {
    if ((count + 1) * stride > records.length) {
      const bigger = buffers.allocate(records.length * 2);
      bigger.set(records);
      records = bigger;
      buffers.records = bigger;
    }
    const at = count++ * stride;
    records[at] = kind;
    records[at + 1] = parentId;
    records[at + 2] = generated;
    records[at + 3] = bad;
    records[at + 4] = actionIndex;
    records[at + 5] = ordinal;
    records[at + 6] = fp[0];
    records[at + 7] = fp[1];
    if (vector) for (let i = 0; i < width; i++) records[at + RECORD_HEADER + i] = vector[i];
  };

  const violated = (state: S): number => {
    for (let i = 0; i < invariants.length; i++) {
      let ok: boolean;
      try {
        ok = invariants[i].holds(state);
      } catch (e) {
        throw propertyThrew(e, invariants[i].name, codec, state);
      }
      if (!ok) return i;
    }
    return -1;
  };

  const emit = (successor: S, instance: number): void => {
    if (stop) return;
    generated++;
    const k = ordinal++;
    try {
      codec.encode(successor, scratch, 0);
    } catch (e) {
      const action = actions[actionIndex];
      throw outsideSchema(e, { action: action.name, binding: action.bindingOf(instance), from: safeJson(codec, fromState) });
    }
    if (constraint !== undefined && !satisfiesConstraint(constraint, codec, successor)) {
      const bad = violated(successor);
      if (bad >= 0) {
        ordinal = k;
        record(RecordKind.constraintViolation, bad, undefined);
        stop = true; // nothing after a violation matters: the coordinator stops there
      }
      ordinal = k + 1;
      return;
    }
    fingerprint(scratch, 0, width);
    if (findIn(table, fp[0], fp[1]) >= 0) return;
    // Only the first occurrence within the slice can be new; later ones need not travel.
    if (seen.insert(fp[0], fp[1], 0) < 0) return;
    ordinal = k;
    const bad = violated(successor);
    record(RecordKind.candidate, bad, scratch);
    ordinal = k + 1;
    // A violating candidate is where the coordinator stops (an equal state from an earlier slice
    // would have stopped it first): expanding further could only meet faults the sequential search never meets.
    if (bad >= 0) stop = true;
  };

  for (let i = job.from; i < job.to && !stop; i++) {
    const base = i * width;
    for (let j = 0; j < width; j++) current[j] = vectors[base + j];
    parentId = job.firstId + i;
    fromState = codec.decode(current, 0);
    const nth = i - job.from;
    if (nth < job.verifyFirst || (nth & 1023) === 0) verifyExpansion(model, current);
    const before = generated;
    for (let a = 0; a < actions.length; a++) {
      actionIndex = a;
      ordinal = 0;
      try {
        actions[a].next(fromState, emit);
      } catch (e) {
        throw actionThrew(e, actions[a], codec, fromState);
      }
    }
    if (generated === before && deadlock && !stop) {
      let terminal: boolean;
      try {
        terminal = deadlock.terminal?.(fromState) ?? false;
      } catch (e) {
        throw propertyThrew(e, "deadlock (terminal)", codec, fromState);
      }
      if (!terminal) {
        record(RecordKind.deadlock, -1, undefined);
        stop = true; // the coordinator stops at a deadlock too
      }
    }
  }
  return { records, count, generated };
}
