import type { DeadlockFreedom, Invariant, Model } from "../model/model.ts";
import { fp } from "../state/fingerprint.ts";
import { findIn, StateStore } from "../state/state-store.ts";
import { Judge } from "./judge.ts";
import { Pipeline, type PipelineSink, type Visited } from "./pipeline.ts";

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
  /** The properties still undecided when the level began (`Judge.active`). */
  readonly active: Uint8Array;
  /** Go on after a violation (`check --continue`); else the slice stops at its first one. */
  readonly keepGoing: boolean;
}

/** What a slice produced, in the order a sequential search would meet it. */
export interface LevelOutput {
  /** `count` records (then unused space) of {@link recordStride}`(width)` Int32 slots each; see {@link RecordKind}. */
  readonly records: Int32Array;
  readonly count: number;
  /** Successors generated (duplicates included), as TLC counts them. */
  readonly generated: number;
  /** `fired[a]` is 1 when action `a` produced a successor in this slice. */
  readonly fired: Uint8Array;
  /** `applied[i]` is 1 when invariant i's antecedent has held in a state this thread judged. */
  readonly applied: Uint8Array;
}

/**
 * Record kinds. Every record is `[kind, parentId, generatedSoFar, bad, hi, lo, ...vector]`:
 * `generatedSoFar` counts this slice's successors up to and including this one; `bad` is the
 * number of undecided invariants the state violates (the coordinator judges it again to know
 * which); `hi, lo` is the state's fingerprint, from which the coordinator rebuilds its trace.
 */
export const enum RecordKind {
  /** A successor not in the table when the level began: maybe new, to be deduplicated in order. */
  candidate = 0,
  /** A successor outside the constraint that violates an invariant (never stored). */
  rejected = 1,
  /** A state without successors that is not terminal (the vector is that state's). */
  deadlock = 2,
}

export const RECORD_HEADER = 6;
export const recordStride = (width: number): number => RECORD_HEADER + width;

/** The properties a parallel search checks, resolved once per thread. */
export interface LevelChecks<S> {
  readonly invariants: readonly Invariant<S>[];
  readonly deadlock?: DeadlockFreedom<S>;
}

/**
 * What a thread keeps from one slice to the next: the record array (grown by `allocate`, e.g.
 * in shared memory so that the coordinator reads it in place), the slice-local set and the judge.
 */
export interface LevelBuffers {
  records: Int32Array;
  readonly allocate: (length: number) => Int32Array;
  readonly seen: StateStore;
  judge?: Judge<any>;
}

/** Fresh {@link LevelBuffers}; `shared` puts the records in a SharedArrayBuffer. */
export function levelBuffers(shared = false): LevelBuffers {
  const allocate = (length: number) => (shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length));
  return { records: allocate(1 << 16), allocate, seen: new StateStore(1 << 16) };
}

/**
 * Expands one slice of a level through the successor {@link Pipeline}: the share of the work
 * each worker thread does. Successors already in the table, or met earlier in the slice, are
 * dropped here; the rest travel as records for the coordinator to deduplicate in order. The
 * output's records live in `buffers.records`, valid until the next call with the same buffers.
 */
export function expandLevel<S>(model: Model<S>, checks: LevelChecks<S>, job: LevelJob, buffers = levelBuffers()): LevelOutput {
  const width = model.codec.width;
  const stride = recordStride(width);
  const judge: Judge<S> = (buffers.judge ??= new Judge(checks.invariants, checks.deadlock, model.codec, true));
  judge.adopt(job.active, !job.keepGoing);
  const { table, vectors } = job;
  const seen = buffers.seen;
  seen.clear();
  let records = buffers.records;
  let count = 0;

  const record = (kind: RecordKind, parent: number, bad: number, vector: Int32Array): void => {
    if ((count + 1) * stride > records.length) {
      const bigger = buffers.allocate(records.length * 2);
      bigger.set(records);
      records = bigger;
      buffers.records = bigger;
    }
    const at = count++ * stride;
    records[at] = kind;
    records[at + 1] = parent;
    records[at + 2] = pipeline.generated;
    records[at + 3] = bad;
    records[at + 4] = fp[0];
    records[at + 5] = fp[1];
    for (let i = 0; i < width; i++) records[at + RECORD_HEADER + i] = vector[i];
    // Nothing after a violation matters to a search that stops there: the coordinator stops at
    // this record (or earlier), so expanding further could only meet faults it never meets.
    if (kind !== RecordKind.candidate || bad > 0) pipeline.stopped = !job.keepGoing;
  };

  let parent = -1;
  const visited: Visited = {
    insert(hi, lo, from) {
      parent = from;
      if (findIn(table, hi, lo) >= 0) return -1;
      // Only the first occurrence within the slice can be new; later ones need not travel.
      return seen.insert(hi, lo, 0) < 0 ? -1 : 0;
    },
  };
  const sink: PipelineSink = {
    stored: (_id, vector, _depth, bad) => record(RecordKind.candidate, parent, bad, vector),
    rejected: (vector, from, bad) => record(RecordKind.rejected, from, bad, vector),
    deadlock: (id, vector) => record(RecordKind.deadlock, id, 0, vector),
  };
  const pipeline = new Pipeline(model, judge, visited, sink);

  for (let i = job.from; i < job.to && !pipeline.stopped; i++) {
    const nth = i - job.from;
    pipeline.expand(vectors, i * width, job.firstId + i, 0, nth < job.verifyFirst || (nth & 1023) === 0);
  }
  return { records, count, generated: pipeline.generated, fired: pipeline.fired, applied: judge.applied };
}
