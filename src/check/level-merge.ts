import type { Model } from "../model/model.ts";
import { fp } from "../state/fingerprint.ts";
import { insertShared, type FingerprintTable } from "../state/fingerprint-table.ts";
import { identify } from "../graph/trace.ts";
import type { CoverageCollector } from "./coverage.ts";
import type { Judge } from "./judge.ts";
import { RECORD_HEADER, RecordKind, recordStride, type LevelJob, type LevelOutput } from "./level-expansion.ts";
import type { Outcome } from "./outcome.ts";
import { reconstructTrace } from "./trace-replay.ts";

/** The identifying fingerprint of an encoded state, as a pair. */
export function fingerprintOf<S>(model: Model<S>, vector: Int32Array, offset = 0): [number, number] {
  identify(model, vector, offset);
  return [fp[0], fp[1]];
}

/** A level's state vectors in one SharedArrayBuffer (the threads read them in place), grown as needed. */
export class SharedVectors {
  private data: Int32Array;
  count = 0;

  /** @param reuse vectors whose memory may be written over (the level that is being merged). */
  constructor(
    private readonly width: number,
    reuse?: SharedVectors,
  ) {
    this.data = reuse?.data ?? new Int32Array(new SharedArrayBuffer(Math.max(64, width * 1024) * 4));
  }

  push(source: Int32Array, at: number): void {
    const w = this.width;
    let end = (this.count + 1) * w;
    if (end > this.data.length) {
      const bigger = new Int32Array(new SharedArrayBuffer(Math.max(end, this.data.length * 2) * 4));
      bigger.set(this.data.subarray(0, this.count * w));
      this.data = bigger;
      end = (this.count + 1) * w;
    }
    const data = this.data;
    for (let i = 0, o = this.count * w; i < w; i++) data[o + i] = source[at + i];
    this.count++;
  }

  /** The vectors, `count · width` slots (and unused space after them). */
  get view(): Int32Array {
    return this.data;
  }
}

/** What {@link mergeLevel} found. */
export interface LevelEnd {
  /** States generated in the level (up to the violation that stopped it, if any). */
  readonly generated: number;
  /** New states stored (given ids), the one whose violation stopped the search included. */
  readonly stored: number;
  /** The search stops here (a violation, a deadlock). */
  readonly halted: boolean;
  /** With `halted`: the states left to explore, as a sequential search counts them. */
  readonly queue: number;
}

/** What {@link mergeLevel} works on. */
export interface Merge<S> {
  readonly model: Model<S>;
  readonly store: FingerprintTable;
  readonly judge: Judge<S>;
  readonly outcome: Outcome<S>;
  readonly job: LevelJob;
  /** Chunks in the level. */
  readonly chunks: number;
  readonly outputs: readonly LevelOutput[];
  /** The candidates are known to be new (a replay in order), not to be checked against the table. */
  readonly trusted: boolean;
  /** Receives the next level's states, in order. */
  readonly next: SharedVectors;
  /** Told of the level's new states (at depth `depth`) and of each chunk's action counts, in order, up to where the search stops. */
  readonly coverage?: CoverageCollector;
  /** The depth of the level's new states. */
  readonly depth: number;
}

/**
 * Goes through a level's records in the order a sequential search meets them — chunk by chunk,
 * and in each chunk in the order its thread wrote them. A candidate is a new state when its
 * table entry still names its parent (another state of the level may have reached it from a
 * smaller parent, later in time but earlier in order): it gets the next id and joins the next
 * level, after its invariants are judged as the sequential search judges them. Candidates the
 * table had no room for are inserted here, in order. Stops at the first violation or deadlock
 * that ends the search.
 */
export function mergeLevel<S>(m: Merge<S>): LevelEnd {
  const { model, store, judge, outcome, job, next } = m;
  const stride = recordStride(model.codec.width);
  const { firstId, count } = job;
  const byChunk: { out: LevelOutput; at: number }[] = new Array(m.chunks);
  let pending = 0;
  for (const out of m.outputs) {
    for (let c = 0; c < out.chunkCount; c++) {
      byChunk[out.chunks[c * 4]] = { out, at: c * 4 };
      if (m.trusted) continue;
      const first = out.chunks[c * 4 + 1];
      const n = out.chunks[c * 4 + 2];
      for (let r = first; r < first + n; r++) if (out.records[r * stride] === RecordKind.candidate && out.records[r * stride + 6] < 0) pending++;
    }
  }
  // Room for the states the threads could not insert; slots move when the table grows, so
  // candidates are then looked up by fingerprint.
  const accepted = pending === 0 ? undefined : new Set<string>();
  if (pending > 0) store.reserve(pending);
  const judgeAgain = (records: Int32Array, at: number): number => judge.violations(model.codec.decode(records, at));

  let generated = 0;
  let stored = 0;
  for (let c = 0; c < m.chunks; c++) {
    const entry = byChunk[c];
    if (entry === undefined) throw new Error(`parallel search: chunk ${c} of ${m.chunks} was not expanded`);
    const { records, chunks } = entry.out;
    const first = chunks[entry.at + 1];
    const n = chunks[entry.at + 2];
    for (let r = first; r < first + n; r++) {
      const at = r * stride;
      const kind = records[at] as RecordKind;
      const parent = firstId + records[at + 1];
      const vectorAt = at + RECORD_HEADER;
      let halt: boolean;
      if (kind === RecordKind.candidate) {
        if (!m.trusted && !isNew(store, records, at, parent, accepted)) continue;
        const id = firstId + count + stored++;
        m.coverage?.stored(records, vectorAt, m.depth, records[at + 7]);
        halt = records[at + 3] > 0 && outcome.invariants(judgeAgain(records, vectorAt), () => reconstructTrace(model, store, id));
        if (!halt) next.push(records, vectorAt);
      } else if (kind === RecordKind.rejected) {
        const hit: [number, number] = [records[at + 4], records[at + 5]];
        halt = outcome.invariants(judgeAgain(records, vectorAt), () => reconstructTrace(model, store, parent, hit));
      } else {
        halt = outcome.deadlock(() => reconstructTrace(model, store, parent));
      }
      if (halt) {
        // The thread stopped its chunk at this record, as the sequential search stops here.
        addChunkCounts(m.coverage, entry.out, entry.at / 4);
        return { generated: generated + records[at + 2], stored, halted: true, queue: count - (parent - firstId) - 1 + next.count };
      }
    }
    generated += chunks[entry.at + 3];
    addChunkCounts(m.coverage, entry.out, entry.at / 4);
  }
  return { generated, stored, halted: false, queue: 0 };
}

/**
 * Whether the candidate record at `at`, reached from `parent`, is the state's first discovery:
 * its entry names `parent`. With `accepted` (some states had no room in the table: they are
 * inserted now, and the table may have grown, moving slots) the entry is looked up by
 * fingerprint, and of several records of one state from one parent only the first counts.
 */
function isNew(store: FingerprintTable, records: Int32Array, at: number, parent: number, accepted: Set<string> | undefined): boolean {
  if (accepted === undefined) return store.parentAt(records[at + 6]) === parent;
  const hi = records[at + 4];
  const lo = records[at + 5];
  if (records[at + 6] < 0 && insertShared(store.view, hi, lo, parent, () => true) >= 0) store.added(1);
  if (store.parentAt(store.find(hi, lo)) !== parent) return false;
  const key = `${hi}:${lo}`;
  if (accepted.has(key)) return false;
  accepted.add(key);
  return true;
}

/** Adds the action counts of the `k`-th chunk `out` expanded to `coverage` (see `LevelOutput.counts`). */
function addChunkCounts(coverage: CoverageCollector | undefined, out: LevelOutput, k: number): void {
  if (coverage === undefined || out.counts === undefined) return;
  const actions = coverage.counts.enabled.length;
  const at = k * 2 * actions;
  coverage.addCounts({ enabled: out.counts.subarray(at, at + actions), fired: out.counts.subarray(at + actions, at + 2 * actions) });
}
