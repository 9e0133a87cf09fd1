import type { DeadlockFreedom, Invariant, Model } from "../model/model.ts";
import { collisionProbability } from "../state/fingerprint.ts";
import { StateStore } from "../state/state-store.ts";
import { reconstructTrace } from "../graph/trace.ts";
import { selectProperties, type CheckOptions } from "./check.ts";
import { RECORD_HEADER, RecordKind, recordStride, type LevelJob, type LevelOutput } from "./level-expansion.ts";
import type { CheckResult, CheckStats, StopReason, TraceStep, Violation } from "./result.ts";
import { SpecError } from "../model/spec-error.ts";
import { firstViolated, invariantViolation as violationOf } from "./spec-faults.ts";
import { seedInitialStates } from "./initial-states.ts";

/** Expands slices of BFS levels, typically in another thread that built the same model. */
export interface LevelExpander {
  expand(job: LevelJob): Promise<LevelOutput>;
}

/**
 * Level-synchronous breadth-first search over several {@link LevelExpander}s. Each level is cut
 * into contiguous slices, one per expander; the expanders drop successors already in the
 * visited table and return the rest in order, and this coordinator inserts them in that order.
 * So state ids, counts, depth, the first violation found and its trace are exactly those of the
 * sequential `check`. Not supported here (callers use `check`): `observer` and `maxStates`.
 * `timeoutMs`, `signal` and `onProgress` act between levels.
 */
export async function checkLevels<S>(
  model: Model<S>,
  expanders: readonly LevelExpander[],
  options: CheckOptions = {},
): Promise<CheckResult<S>> {
  if (options.observer || options.maxStates !== undefined) {
    throw new RangeError("a parallel search does not support observer or maxStates; use check()");
  }
  const started = Date.now();
  const selected = selectProperties(model.properties, options.properties);
  const invariants = selected.filter((p): p is Invariant<S> => p.kind === "invariant");
  const deadlock = selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock");
  const { codec } = model;
  const width = codec.width;
  const stride = recordStride(width);
  const store = new StateStore(1 << 16, true);
  const maxDepth = options.maxDepth ?? Infinity;
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  let generated = 0;
  let depth = 0;
  let queue = 0;
  let violation: Violation<S> | undefined;
  let stoppedBy: StopReason | undefined;

  const violated = (state: S): Invariant<S> | undefined => firstViolated(invariants, codec, state);
  const invariantViolation = (inv: Invariant<S>, trace: TraceStep<S>[]): Violation<S> => violationOf(inv, codec, trace);
  const replayScratch = new Int32Array(width);
  /** The step from `parent` by the `ordinal`-th successor that action `a` emits. */
  const replayStep = (parent: number, a: number, ordinal: number): TraceStep<S> => {
    const path = reconstructTrace(model, store, parent);
    const action = model.actions[a];
    // The expanders ran the action on the decoded state; replay it on the same (canonical) form,
    // since a Set rebuilt by the replayed trace may iterate in another order and shift `ordinal`.
    codec.encode(path[path.length - 1].state, replayScratch, 0);
    const from = codec.decode(replayScratch, 0);
    let k = 0;
    let step: TraceStep<S> | undefined;
    action.next(from, (state, instance) => {
      if (k++ === ordinal) step = { action: action.name, binding: action.bindingOf(instance), state };
    });
    if (!step) {
      throw new SpecError(
        "nondeterministic-action",
        `action "${action.name}", run again on the same state, no longer gives the successor the search found: it is not deterministic. ` +
          `Actions must depend only on the state and their bindings — no Math.random(), Date, I/O or module-level mutable variables.`,
        { action: action.name, state: codec.toJson(from) },
      );
    }
    return step;
  };

  const live = options.live;
  live?.enter("init");
  // Initial states, as the sequential search takes them.
  let level: number[] = [];
  const seeded = seedInitialStates(model, store, violated, {
    queue: (_id, vector) => {
      for (let i = 0; i < width; i++) level.push(vector[i]);
    },
  });
  generated += seeded.generated;
  if (store.size > 0) depth = 1;
  if (seeded.violation) {
    violation = invariantViolation(seeded.violation.invariant, [{ action: null, binding: null, state: seeded.violation.state }]);
  }
  let firstId = 0;
  let levelDepth = 1;
  let levelCount = level.length / width;
  let vectors = toShared(level);
  level = [];

  let lastProgress = started;
  let lastProgressStates = 0;
  live?.enter("explore");
  while (!violation && levelCount > 0) {
    live?.publish(store.size, generated, levelCount, depth);
    const stop = live?.stopRequest;
    if (stop !== undefined) {
      stoppedBy = stop;
      queue = levelCount;
      break;
    }
    if (levelDepth >= maxDepth) {
      stoppedBy = "max-depth";
      break;
    }
    if (Date.now() >= deadline) {
      stoppedBy = "timeout";
      queue = levelCount;
      break;
    }
    if (options.signal?.aborted) {
      stoppedBy = "interrupted";
      queue = levelCount;
      break;
    }
    const table = store.tableView;
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
        }),
      ),
    );
    const nextFirst = store.size;
    const next: Int32Array[] = [];
    let nextCount = 0;
    let chunk = new Int32Array(0);
    let chunkUsed = 0;
    for (const outcome of settled) {
      if (outcome.status === "rejected") throw outcome.reason;
      const out = outcome.value;
      const { records } = out;
      for (let r = 0; r < out.count && !violation; r++) {
        const at = r * stride;
        const kind = records[at] as RecordKind;
        const parent = records[at + 1];
        const generatedHere = generated + records[at + 2];
        if (kind === RecordKind.candidate) {
          const id = store.insert(records[at + 6], records[at + 7], parent);
          if (id < 0) continue;
          depth = levelDepth + 1;
          const bad = records[at + 3];
          if (bad >= 0) {
            generated = generatedHere;
            queue = levelCount - (parent - firstId) - 1 + nextCount;
            const step = replayStep(parent, records[at + 4], records[at + 5]);
            violation = invariantViolation(invariants[bad], [...reconstructTrace(model, store, parent), step]);
            break;
          }
          if (chunkUsed === chunk.length) {
            if (chunkUsed > 0) next.push(chunk);
            chunk = new Int32Array(width * 65536);
            chunkUsed = 0;
          }
          for (let i = 0; i < width; i++) chunk[chunkUsed + i] = records[at + RECORD_HEADER + i];
          chunkUsed += width;
          nextCount++;
        } else {
          generated = generatedHere;
          queue = levelCount - (parent - firstId) - 1 + nextCount;
          if (kind === RecordKind.constraintViolation) {
            const step = replayStep(parent, records[at + 4], records[at + 5]);
            violation = invariantViolation(invariants[records[at + 3]], [...reconstructTrace(model, store, parent), step]);
          } else {
            violation = {
              kind: "deadlock",
              property: "deadlock",
              message: "no action is enabled in this state",
              location: deadlock?.location,
              trace: reconstructTrace(model, store, parent),
            };
          }
        }
      }
      if (violation) break;
      generated += out.generated;
    }
    if (violation) break;
    next.push(chunk.subarray(0, chunkUsed));
    vectors = concatShared(next, nextCount * width);
    firstId = nextFirst;
    levelCount = nextCount;
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
  const properties = selected.map((p) => p.name);
  if (violation) return { result: "violation", violation, stats, properties };
  if (stoppedBy) return { result: "incomplete", stoppedBy, stats, properties };
  return { result: "ok", stats, properties };
}

function toShared(values: readonly number[]): Int32Array {
  const out = new Int32Array(new SharedArrayBuffer(Math.max(4, values.length * 4)));
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

function concatShared(chunks: readonly Int32Array[], length: number): Int32Array {
  const out = new Int32Array(new SharedArrayBuffer(Math.max(4, length * 4)));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
