import type { DeadlockFreedom, Invariant, Model } from "../model/model.ts";
import { collisionProbability } from "../state/fingerprint.ts";
import { FingerprintTable } from "../state/fingerprint-table.ts";
import { selectProperties, type CheckOptions } from "./check-options.ts";
import { CoverageCollector } from "./coverage.ts";
import { Judge } from "./judge.ts";
import { Control, CONTROL_SIZE, type LevelJob, type LevelOutput } from "./level-expansion.ts";
import { fingerprintOf, mergeLevel, SharedVectors, type LevelEnd } from "./level-merge.ts";
import { replayLevel } from "./level-replay.ts";
import { Outcome } from "./outcome.ts";
import { Pipeline } from "./pipeline.ts";
import type { CheckResult, CheckStats } from "./result.ts";
import { reconstructTrace } from "./trace-replay.ts";

/** Expands chunks of BFS levels, typically in another thread that built the same model. */
export interface LevelExpander {
  expand(job: LevelJob): Promise<LevelOutput>;
}

/**
 * Level-synchronous breadth-first search over several {@link LevelExpander}s sharing one visited
 * table. Each level is cut into chunks that the expanders take in turn; they run the successor
 * pipeline and insert every successor into the table with compare-and-swap, each entry keeping
 * the smallest parent that reached it — the parent a sequential search records. When the level
 * ends, this coordinator goes through the expanders' records chunk by chunk, in the order a
 * sequential search meets them: a candidate whose entry still names its parent is a new state
 * (its id is the next one), and violations and deadlocks are judged where the sequential search
 * would meet them. So state ids, counts, depth, violations, their traces and the warnings are
 * exactly those of the sequential `check`. A spec fault in a level is settled by replaying
 * that level in this thread, in order, so that a violation met before it wins as it would.
 * Not supported here (callers use `check`): `observer`, `maxStates` and strategies other than
 * `bfs`. `timeoutMs`, `signal` and `onProgress` act between levels.
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
  const keepGoing = options.continue ?? false;
  const judge = new Judge(
    selected.filter((p): p is Invariant<S> => p.kind === "invariant"),
    selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock"),
    codec,
    !keepGoing,
  ).watch(options.live);
  const outcome = new Outcome(model, judge, keepGoing);
  const store = new FingerprintTable(1 << 16, true);
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SIZE * 4));
  const fired = new Uint8Array(model.actions.length);
  const coverage = options.coverage ? new CoverageCollector(model) : undefined;
  const maxDepth = options.maxDepth ?? Infinity;
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  let depth = 0;
  let queue = 0;
  let stop = false;
  let distinct = 0;

  const live = options.live;
  live?.enter("init");
  // Initial states, through the same pipeline as every successor.
  let vectors = new SharedVectors(width);
  const seeding: Pipeline<S> = new Pipeline(model, judge, store, {
    stored(id, vector, _depth, bad) {
      depth = 1;
      coverage?.stored(vector, 0, 1, -1);
      if (bad > 0 && outcome.invariants(bad, () => reconstructTrace(model, store, id))) seeding.stopped = stop = true;
      else vectors.push(vector, 0);
    },
    rejected(vector, _parent, bad) {
      if (outcome.invariants(bad, () => reconstructTrace(model, store, -1, fingerprintOf(model, vector)))) seeding.stopped = stop = true;
    },
    deadlock() {},
  });
  seeding.seed();
  distinct = store.size;
  let generated = seeding.generated;
  let firstId = 0;
  let levelDepth = 1;
  let levelCount = vectors.count;
  // New states per expanded state, at most, in the levels so far: to size the table before a level.
  let branching = 4;

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
    store.reserve(Math.ceil(levelCount * branching * 1.5) + 1024);
    const chunkSize = Math.min(2048, Math.max(16, Math.ceil(levelCount / (expanders.length * 32))));
    const chunks = Math.ceil(levelCount / chunkSize);
    control[Control.nextChunk] = 0;
    control[Control.stopChunk] = chunks;
    control[Control.claimed] = 0;
    control[Control.claimLimit] = Math.floor(store.slots * 0.95) - store.size;
    const job: LevelJob = {
      table: store.view,
      vectors: vectors.view,
      firstId,
      count: levelCount,
      chunkSize,
      control,
      verifyFirst: levelDepth === 1 ? (options.verifyFirst ?? 256) : 0,
      active: judge.active.slice(),
      keepGoing,
      coverage: coverage !== undefined,
    };
    const settled = await Promise.allSettled(expanders.map((e) => e.expand(job)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    const outputs = settled.filter((s): s is PromiseFulfilledResult<LevelOutput> => s.status === "fulfilled").map((s) => s.value);
    let outputsInOrder: readonly LevelOutput[] = outputs;
    let replayed = false;
    if (failed) {
      // Which comes first, the fault or a violation, is decided by meeting them in order.
      outputsInOrder = [replayLevel(model, selected, job, store, failed.reason)];
      replayed = true;
    } else {
      store.added(outputs.reduce((n, o) => n + o.added, 0));
    }
    const next = new SharedVectors(width, vectors);
    const end: LevelEnd = mergeLevel({ model, store, judge, outcome, job, chunks, outputs: outputsInOrder, trusted: replayed, next, coverage, depth: levelDepth + 1 });
    generated += end.generated;
    if (end.halted) {
      stop = true;
      if (end.stored > 0) depth = levelDepth + 1;
      distinct = firstId + levelCount + end.stored;
      queue = end.queue;
      break;
    }
    if (end.stored > 0) depth = levelDepth + 1;
    for (const out of outputsInOrder) {
      for (let a = 0; a < fired.length; a++) fired[a] |= out.fired[a];
      judge.merge(out.applied);
    }
    distinct = firstId + levelCount + end.stored;
    if (!replayed && distinct !== store.size) throw new Error(`parallel search: ${store.size} states in the table, ${distinct} found in order`);
    branching = Math.max(branching, end.stored / levelCount);
    vectors = next;
    firstId += levelCount;
    levelCount = end.stored;
    levelDepth++;
    const now = Date.now();
    if (options.onProgress && now - lastProgress >= (options.progressIntervalMs ?? 3000)) {
      options.onProgress({
        distinctStates: distinct,
        statesGenerated: generated,
        queue: levelCount,
        depth,
        elapsedMs: now - started,
        statesPerSecond: ((distinct - lastProgressStates) * 1000) / (now - lastProgress),
      });
      lastProgress = now;
      lastProgressStates = distinct;
    }
  }

  const stats: CheckStats = {
    distinctStates: distinct,
    statesGenerated: generated,
    depth,
    durationMs: Date.now() - started,
    queue,
    fingerprintCollisionProbability: collisionProbability(distinct),
  };
  return outcome.result(stats, selected, fired, coverage?.result());
}
