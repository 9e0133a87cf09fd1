import type { DeadlockFreedom, Invariant, Model, Property } from "../model/model.ts";
import { insertShared, SEEN, type FingerprintTable } from "../state/fingerprint-table.ts";
import { Control, CONTROL_SIZE, expandLevel, RecordKind, recordStride, type LevelJob, type LevelOutput } from "./level-expansion.ts";

/**
 * A level in which a thread failed (a spec fault, a thread that died), expanded again in this
 * thread in the order a sequential search meets it: a spec fault is thrown where that search
 * would meet it — unless a violation comes first and, the search stopping there, wins. The
 * table is completed with the level's new states (a failed thread may have left some out).
 * Returns the level's records, all in one chunk, their candidates known to be new; rethrows
 * `failure` if the level, met in order, neither faults nor stops the search.
 */
export function replayLevel<S>(model: Model<S>, selected: readonly Property<S>[], job: LevelJob, store: FingerprintTable, failure: unknown): LevelOutput {
  const checks = {
    invariants: selected.filter((p): p is Invariant<S> => p.kind === "invariant"),
    deadlock: selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock"),
  };
  const control = new Int32Array(CONTROL_SIZE);
  control[Control.stopChunk] = 1;
  const met = new Set<string>();
  let chunk = 0;
  const out = expandLevel(model, checks, { ...job, control, chunkSize: job.count }, undefined, {
    nextChunk: () => chunk++,
    // New: not in the table before this level (its entry, if any, has a parent of this level), and not met before in it.
    insert(hi, lo) {
      const slot = store.find(hi, lo);
      if (slot >= 0 && store.parentAt(slot) < job.firstId) return SEEN;
      const key = `${hi}:${lo}`;
      if (met.has(key)) return SEEN;
      met.add(key);
      return 0;
    },
  });
  const stride = recordStride(model.codec.width);
  let stops = false;
  store.reserve(out.chunks[2]);
  for (let r = 0; r < out.chunks[2]; r++) {
    const at = r * stride;
    const kind = out.records[at] as RecordKind;
    if (kind === RecordKind.candidate) insertShared(store.view, out.records[at + 4], out.records[at + 5], job.firstId + out.records[at + 1], () => true);
    if (kind !== RecordKind.candidate || out.records[at + 3] > 0) stops = true;
  }
  store.recount();
  if (!stops || job.keepGoing) throw failure;
  return out;
}
