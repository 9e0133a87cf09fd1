import type { DeadlockFreedom, Invariant, Model } from "../model/model.ts";
import { fp } from "../state/fingerprint.ts";
import { FULL, insertShared, LOWERED, loweredSlot, SEEN } from "../state/fingerprint-table.ts";
import { actionCounts } from "./coverage.ts";
import { Judge } from "./judge.ts";
import { Pipeline, type PipelineSink, type Visited } from "./pipeline.ts";

/**
 * One BFS level of a parallel search, as every thread sees it: the level's states (state `i`,
 * of `count`, has id `firstId + i` and its vector at `vectors[i * width ..]`), cut into chunks of
 * `chunkSize` states that the threads take in turn from `control`, and the visited table they
 * all insert into.
 */
export interface LevelJob {
  /** The shared visited table (`FingerprintTable.view`). */
  readonly table: Int32Array;
  readonly vectors: Int32Array;
  readonly firstId: number;
  readonly count: number;
  readonly chunkSize: number;
  /** Shared counters, see {@link Control}. */
  readonly control: Int32Array;
  /** Re-run the actions of the level's first states (and every 1024th) to catch spec faults. */
  readonly verifyFirst: number;
  /** The properties still undecided when the level began (`Judge.active`). */
  readonly active: Uint8Array;
  /** Go on after a violation (`check --continue`); else a thread stops at its first one. */
  readonly keepGoing: boolean;
  /** Count coverage (enabled and fired per action) for each chunk. */
  readonly coverage?: boolean;
}

/** Indexes into {@link LevelJob.control}, an Int32Array in shared memory. */
export const enum Control {
  /** The next chunk to take (`Atomics.add`). */
  nextChunk = 0,
  /** No chunk after this one needs expanding: a violation was met in it (a search that stops at the first). */
  stopChunk = 1,
  /** Slots of the table taken so far in this level (reserved in blocks)... */
  claimed = 2,
  /** ...and how many may be: beyond, the table is too full and a new state is left to the coordinator. */
  claimLimit = 3,
}
export const CONTROL_SIZE = 4;

/** What a thread produced in one level: records and, per chunk it expanded, where they are. */
export interface LevelOutput {
  /** Records of {@link recordStride}`(width)` Int32 slots each; see {@link RecordKind}. */
  readonly records: Int32Array;
  /** Per chunk expanded, 4 slots: the chunk's index, its first record, its record count, the states it generated. */
  readonly chunks: Int32Array;
  readonly chunkCount: number;
  /** Slots this thread took in the table: states new to it. */
  readonly added: number;
  /** `fired[a]` is 1 when action `a` produced a successor here. */
  readonly fired: Uint8Array;
  /** `applied[i]` is 1 when invariant i's antecedent held in a state judged here. */
  readonly applied: Uint8Array;
  /**
   * With `job.coverage`: per chunk expanded (in the order of `chunks`), 2·A slots for the A
   * actions — the chunk's `enabled` counts, then its `fired` counts (see `ActionCounts`), up to
   * where its expansion stopped.
   */
  readonly counts?: Float64Array;
}

/**
 * Record kinds. Every record is `[kind, parent, generatedSoFar, bad, hi, lo, slot, action, ...vector]`:
 * `parent` is the position in the level of the state it comes from; `generatedSoFar` counts the
 * chunk's successors up to and including this one; `bad` is the number of undecided
 * invariants the state violates (the coordinator judges it again to know which); `hi, lo` is
 * the state's fingerprint; `action` is the index of the action that produced it (for coverage).
 */
export const enum RecordKind {
  /**
   * A successor this thread added to the table (`slot`), or whose parent it lowered: new to the
   * search if its entry still names this parent when the level ends. `slot` is -1 when the
   * table was too full to add it: the coordinator inserts it.
   */
  candidate = 0,
  /** A successor outside the constraint that violates an invariant (never stored). */
  rejected = 1,
  /** A state without successors that is not terminal (the vector is that state's). */
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
 * What a thread keeps from one level to the next: the record and chunk arrays (grown by
 * `allocate`, e.g. in shared memory so that the coordinator reads them in place) and the judge.
 */
export interface LevelBuffers {
  records: Int32Array;
  chunks: Int32Array;
  readonly allocate: (length: number) => Int32Array;
  judge?: Judge<any>;
}

/** Fresh {@link LevelBuffers}; `shared` puts them in SharedArrayBuffers. */
export function levelBuffers(shared = false): LevelBuffers {
  const allocate = (length: number) => (shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length));
  return { records: allocate(1 << 16), chunks: allocate(1 << 10), allocate };
}

/** Slots of the table a thread reserves at a time (fewer shared-counter updates). */
const CLAIM_BLOCK = 256;

/** How a thread takes its chunks and inserts states; by default, what the threads of a parallel search do. */
export interface ExpansionWay {
  /** The next chunk to expand (default: from the job's shared counter); past the last chunk, the thread is done. */
  readonly nextChunk?: () => number;
  /** Inserts a state, answering as {@link insertShared} does (default: into the job's table). */
  readonly insert?: (hi: number, lo: number, parent: number, claim: () => boolean) => number;
}

/**
 * Expands chunks of a level through the successor {@link Pipeline} — the share of the work each
 * thread does — taking chunk indexes from `nextChunk` until they run out. Every successor is
 * inserted into the shared table; the states this thread added, or whose parent it lowered to
 * one of its states, travel as candidate records for the coordinator, with violations and
 * deadlocks, in the order a sequential search would meet them within each chunk. The output's
 * arrays live in `buffers`, valid until the next call with the same buffers.
 */
export function expandLevel<S>(model: Model<S>, checks: LevelChecks<S>, job: LevelJob, buffers = levelBuffers(), way: ExpansionWay = {}): LevelOutput {
  const width = model.codec.width;
  const stride = recordStride(width);
  const judge: Judge<S> = (buffers.judge ??= new Judge(checks.invariants, checks.deadlock, model.codec, true));
  judge.adopt(job.active, !job.keepGoing);
  const { table, vectors, control, firstId } = job;
  const nextChunk = way.nextChunk ?? (() => Atomics.add(control, Control.nextChunk, 1));
  const insert = way.insert ?? ((hi: number, lo: number, from: number, claims: () => boolean) => insertShared(table, hi, lo, from, claims));
  let records = buffers.records;
  let count = 0;
  let chunks = buffers.chunks;
  let chunkCount = 0;
  let added = 0;
  let chunk = 0;
  let parent = 0;
  let slot = 0;
  let reserved = 0;

  const claim = (): boolean => {
    if (reserved === 0) {
      const limit = Atomics.load(control, Control.claimLimit);
      if (Atomics.add(control, Control.claimed, CLAIM_BLOCK) + CLAIM_BLOCK > limit) return false;
      reserved = CLAIM_BLOCK;
    }
    reserved--;
    return true;
  };
  const visited: Visited = {
    insert(hi, lo, from) {
      parent = from - firstId;
      const result = insert(hi, lo, from, claim);
      if (result === SEEN) return -1;
      if (result >= 0) added++;
      slot = result === FULL ? -1 : result <= LOWERED ? loweredSlot(result) : result;
      return 0;
    },
  };
  const record = (kind: RecordKind, from: number, bad: number, vector: Int32Array): void => {
    if ((count + 1) * stride > records.length) records = buffers.records = grown(buffers, records, count * stride);
    const at = count++ * stride;
    records[at] = kind;
    records[at + 1] = from;
    records[at + 2] = pipeline.generated;
    records[at + 3] = bad;
    records[at + 4] = fp[0];
    records[at + 5] = fp[1];
    records[at + 6] = slot;
    records[at + 7] = pipeline.lastAction;
    for (let i = 0; i < width; i++) records[at + RECORD_HEADER + i] = vector[i];
    // Nothing after a violation matters to a search that stops there: no chunk after this one
    // is needed, nor the rest of this one.
    if ((kind !== RecordKind.candidate || bad > 0) && !job.keepGoing) {
      pipeline.stopped = true;
      let stop = Atomics.load(control, Control.stopChunk);
      while (chunk < stop) {
        const was = Atomics.compareExchange(control, Control.stopChunk, stop, chunk);
        if (was === stop) break;
        stop = was;
      }
    }
  };
  const sink: PipelineSink = {
    stored: (_id, vector, _depth, bad) => record(RecordKind.candidate, parent, bad, vector),
    rejected: (vector, from, bad) => record(RecordKind.rejected, from - firstId, bad, vector),
    deadlock: (id, vector) => record(RecordKind.deadlock, id - firstId, 0, vector),
  };
  const actions = model.actions.length;
  const counts = job.coverage ? actionCounts(actions) : undefined;
  let chunkCounts = counts ? new Float64Array(2 * actions * 16) : undefined;
  const pipeline = new Pipeline(model, judge, visited, sink, undefined, counts);

  for (;;) {
    chunk = nextChunk();
    const from = chunk * job.chunkSize;
    if (from >= job.count) break;
    if (chunk > Atomics.load(control, Control.stopChunk)) continue;
    const to = Math.min(job.count, from + job.chunkSize);
    const first = count;
    pipeline.generated = 0;
    pipeline.stopped = false;
    counts?.enabled.fill(0);
    counts?.fired.fill(0);
    for (let i = from; i < to && !pipeline.stopped; i++) {
      pipeline.expand(vectors, i * width, firstId + i, 0, i < job.verifyFirst || (i & 1023) === 0);
    }
    if ((chunkCount + 1) * 4 > chunks.length) chunks = buffers.chunks = grown(buffers, chunks, chunkCount * 4);
    if (counts && chunkCounts) {
      if ((chunkCount + 1) * 2 * actions > chunkCounts.length) {
        const bigger = new Float64Array(chunkCounts.length * 2);
        bigger.set(chunkCounts);
        chunkCounts = bigger;
      }
      chunkCounts.set(counts.enabled, chunkCount * 2 * actions);
      chunkCounts.set(counts.fired, chunkCount * 2 * actions + actions);
    }
    chunks.set([chunk, first, count - first, pipeline.generated], chunkCount++ * 4);
  }
  return {
    records,
    chunks,
    chunkCount,
    added,
    fired: pipeline.fired,
    applied: judge.applied,
    ...(chunkCounts ? { counts: chunkCounts.slice(0, chunkCount * 2 * actions) } : {}),
  };
}

/** A copy of `array`'s first `used` slots in an array twice as long. */
function grown(buffers: LevelBuffers, array: Int32Array, used: number): Int32Array {
  const bigger = buffers.allocate(array.length * 2);
  bigger.set(array.subarray(0, used));
  return bigger;
}
