import type { DeadlockFreedom, Invariant, Model } from "../model/model.ts";
import { collisionProbability, fp } from "../state/fingerprint.ts";
import { StateStore } from "../state/state-store.ts";
import { identify, reconstructTrace } from "../graph/trace.ts";
import { selectProperties, type CheckOptions } from "./check-options.ts";
import { Judge } from "./judge.ts";
import { RECORD_HEADER, RecordKind, recordStride, type LevelJob, type LevelOutput } from "./level-expansion.ts";
import { Outcome } from "./outcome.ts";
import { Pipeline } from "./pipeline.ts";
import type { CheckResult, CheckStats } from "./result.ts";

/** Expands slices of BFS levels, typically in another thread that built the same model. */
export interface LevelExpander {
  expand(job: LevelJob): Promise<LevelOutput>;
}

/**
 * Level-synchronous breadth-first search over several {@link LevelExpander}s. Each level is cut
 * into contiguous slices, one per expander; the expanders run the successor pipeline, drop
 * successors already in the visited table and return the rest in order, and this coordinator
 * inserts them in that order and judges what the sequential search would judge there. So state
 * ids, counts, depth, violations, their traces and the warnings are exactly those of the
 * sequential `check`. Not supported here (callers use `check`): `observer`, `maxStates` and
 * strategies other than `bfs`. `timeoutMs`, `signal` and `onProgress` act between levels.
 */
export async function checkLevels<S>(
  model: Model<S>,
  expanders: readonly LevelExpander[],
  options: CheckOptions = {},
): Promise<CheckResult<S>> {
  if (options.observer || options.maxStates !== undefined || (options.strategy ?? "bfs") !== "bfs") {
    throw new RangeError("the parallel search is breadth-first and supports neither observer nor maxStates; use check()");
  }
  const started = Date.now();
  const selected = selectProperties(model.properties, options.properties);
  const { codec } = model;
  const width = codec.width;
  const stride = recordStride(width);
  const keepGoing = options.continue ?? false;
  const judge = new Judge(
    selected.filter((p): p is Invariant<S> => p.kind === "invariant"),
    selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock"),
    codec,
    !keepGoing,
  ).watch(options.live);
  const outcome = new Outcome(model, judge, keepGoing);
  const store = new StateStore(1 << 16, true);
  const fired = new Uint8Array(model.actions.length);
  const maxDepth = options.maxDepth ?? Infinity;
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  let depth = 0;
  let queue = 0;
  let stop = false;

  const fingerprintOf = (records: Int32Array, at: number): [number, number] => {
    identify(model, records, at);
    return [fp[0], fp[1]];
  };

  const live = options.live;
  live?.enter("init");
  // Initial states, through the same pipeline as every successor.
  let level: number[] = [];
  const seeding: Pipeline<S> = new Pipeline(model, judge, store, {
    stored(id, vector, _depth, bad) {
      depth = 1;
      if (bad > 0 && outcome.invariants(bad, () => reconstructTrace(model, store, id))) seeding.stopped = stop = true;
      else for (let i = 0; i < width; i++) level.push(vector[i]);
    },
    rejected(vector, _parent, bad) {
      if (outcome.invariants(bad, () => reconstructTrace(model, store, -1, fingerprintOf(vector, 0)))) seeding.stopped = stop = true;
    },
    deadlock() {},
  });
  seeding.seed();
  let generated = seeding.generated;
  let firstId = 0;
  let levelDepth = 1;
  let levelCount = level.length / width;
  let vectors = toShared(level);
  level = [];

  const judgeAgain = (records: Int32Array, at: number): number => judge.violations(codec.decode(records, at));

  let lastProgress = started;
  let lastProgressStates = 0;
  live?.enter("explore");
  while (!stop && levelCount > 0) {
    live?.publish(store.size, generated, levelCount, depth);
    const request = live?.stopRequest;
    if (request !== undefined) {
      outcome.stoppedBy = request;
      queue = levelCount;
      break;
    }
    if (levelDepth >= maxDepth) {
      outcome.stoppedBy = "max-depth";
      break;
    }
    if (Date.now() >= deadline || options.signal?.aborted) {
      outcome.stoppedBy = options.signal?.aborted ? "interrupted" : "timeout";
      queue = levelCount;
      break;
    }
    const table = store.tableView;
    const active = judge.active.slice();
    const n = expanders.length;
    // Settled, not all: a slice's spec fault counts only if no earlier slice stops the search first.
    const settled = await Promise.allSettled(
      expanders.map((e, w) =>
        e.expand({
          table,
          vectors,
          firstId,
          from: Math.floor((levelCount * w) / n),
          to: Math.floor((levelCount * (w + 1)) / n),
          verifyFirst: levelDepth === 1 ? (options.verifyFirst ?? 256) : 0,
          active,
          keepGoing,
        }),
      ),
    );
    const nextFirst = store.size;
    const next = new ChunkedVectors(width);
    for (const outcomeOfSlice of settled) {
      if (outcomeOfSlice.status === "rejected") throw outcomeOfSlice.reason;
      const out = outcomeOfSlice.value;
      const { records } = out;
      for (let r = 0; r < out.count && !stop; r++) {
        const at = r * stride;
        const kind = records[at] as RecordKind;
        const parent = records[at + 1];
        const vectorAt = at + RECORD_HEADER;
        let halt = false;
        if (kind === RecordKind.candidate) {
          const id = store.insert(records[at + 4], records[at + 5], parent);
          if (id < 0) continue;
          depth = levelDepth + 1;
          halt = records[at + 3] > 0 && outcome.invariants(judgeAgain(records, vectorAt), () => reconstructTrace(model, store, id));
          if (!halt) next.push(records, vectorAt);
        } else if (kind === RecordKind.rejected) {
          const hit = fingerprintOf(records, vectorAt);
          halt = outcome.invariants(judgeAgain(records, vectorAt), () => reconstructTrace(model, store, parent, hit));
        } else {
          halt = outcome.deadlock(() => reconstructTrace(model, store, parent));
        }
        if (halt) {
          stop = true;
          generated += records[at + 2];
          queue = levelCount - (parent - firstId) - 1 + next.count;
        }
      }
      if (stop) break;
      generated += out.generated;
      for (let a = 0; a < fired.length; a++) fired[a] |= out.fired[a];
      judge.merge(out.applied);
    }
    if (stop) break;
    vectors = next.toShared();
    firstId = nextFirst;
    levelCount = next.count;
    levelDepth++;
    const now = Date.now();
    if (options.onProgress && now - lastProgress >= (options.progressIntervalMs ?? 3000)) {
      options.onProgress({
        distinctStates: store.size,
        statesGenerated: generated,
        queue: levelCount,
        depth,
        elapsedMs: now - started,
        statesPerSecond: ((store.size - lastProgressStates) * 1000) / (now - lastProgress),
      });
      lastProgress = now;
      lastProgressStates = store.size;
    }
  }

  const stats: CheckStats = {
    distinctStates: store.size,
    statesGenerated: generated,
    depth,
    durationMs: Date.now() - started,
    queue,
    fingerprintCollisionProbability: collisionProbability(store.size),
  };
  return outcome.result(stats, selected, fired);
}

/** The next level's vectors, gathered in chunks and joined once into shared memory. */
class ChunkedVectors {
  private readonly chunks: Int32Array[] = [];
  private chunk = new Int32Array(0);
  private used = 0;
  count = 0;

  constructor(private readonly width: number) {}

  push(source: Int32Array, at: number): void {
    if (this.used === this.chunk.length) {
      if (this.used > 0) this.chunks.push(this.chunk);
      this.chunk = new Int32Array(this.width * 65536);
      this.used = 0;
    }
    for (let i = 0; i < this.width; i++) this.chunk[this.used + i] = source[at + i];
    this.used += this.width;
    this.count++;
  }

  toShared(): Int32Array {
    const out = new Int32Array(new SharedArrayBuffer(Math.max(4, this.count * this.width * 4)));
    let at = 0;
    for (const c of [...this.chunks, this.chunk.subarray(0, this.used)]) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function toShared(values: readonly number[]): Int32Array {
  const out = new Int32Array(new SharedArrayBuffer(Math.max(4, values.length * 4)));
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}
