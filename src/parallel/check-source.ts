import { check, selectProperties, type CheckOptions } from "../check/check.ts";
import { expandLevel, levelBuffers, type LevelChecks } from "../check/level-expansion.ts";
import { checkLevels, type LevelExpander } from "../check/parallel-bfs.ts";
import type { CheckResult } from "../check/result.ts";
import type { DeadlockFreedom, Invariant, Model } from "../model/model.ts";
import { WorkerPool } from "./worker-pool.ts";
import { loadModel, type ModelSource } from "./model-source.ts";

export { loadModel, type ModelSource } from "./model-source.ts";

/** Options of {@link checkSource}: those of `check`, plus the number of worker threads. */
export interface SourceCheckOptions extends CheckOptions {
  /** Worker threads exploring in parallel (1 = the ordinary single-threaded search). */
  readonly workers?: number;
  /** A module each worker thread imports before the spec, e.g. to guard against the spec ending the thread. */
  readonly threadSetup?: string;
  /** The heap of each worker thread, MiB (default: Node's). */
  readonly threadHeapLimitMb?: number;
}

/**
 * Loads the model described by `source` and checks it, with `options.workers` threads. With more than one worker, the level-synchronous parallel search (`checkLevels`) runs with
 * that many threads, each building the model from `source`; its result equals `check`'s. Options
 * it cannot honour exactly (`observer`, `maxStates`) make it run the sequential search instead.
 */
export async function checkSource(source: ModelSource, options: SourceCheckOptions = {}): Promise<CheckResult<unknown>> {
  return checkModel(await loadModel(source), source, options);
}

/** {@link checkSource} for a model already built (in this thread) from `source`. */
export async function checkModel<S>(model: Model<S>, source: ModelSource, options: SourceCheckOptions = {}): Promise<CheckResult<S>> {
  const workers = options.workers ?? 1;
  // The level-synchronous search checks safety only (invariants, deadlock); temporal and
  // sometimes properties need the recorded graph of the one-thread search.
  const selected = selectProperties(model.properties, options.properties); // unknown names fail here, not in a thread
  const safetyOnly = selected.every((p) => p.kind === "invariant" || p.kind === "deadlock");
  if (workers > 1 && (options.strategy ?? "bfs") !== "bfs") {
    throw new RangeError(`the multi-worker search is breadth-first: a ${options.strategy} search runs in one thread (drop --workers)`);
  }
  if (workers <= 1 || options.observer || options.maxStates !== undefined || !safetyOnly) return check(model, options);
  // This thread expands one slice itself (it would only wait otherwise): workers − 1 threads start.
  const pool = await WorkerPool.start(source, workers - 1, {
    properties: options.properties,
    setup: options.threadSetup,
    heapLimitMb: options.threadHeapLimitMb,
  });
  try {
    return await checkLevels(model, [localExpander(model, options.properties), ...pool.expanders], options);
  } finally {
    await pool.close();
  }
}

/** Expands slices in this thread, after the other expanders have been handed their slices. */
function localExpander<S>(model: Model<S>, properties?: readonly string[]): LevelExpander {
  const selected = selectProperties(model.properties, properties);
  const checks: LevelChecks<S> = {
    invariants: selected.filter((p): p is Invariant<S> => p.kind === "invariant"),
    deadlock: selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock"),
  };
  const buffers = levelBuffers();
  return {
    async expand(job) {
      await null; // let the caller post the other slices to their threads first
      return expandLevel(model, checks, job, buffers);
    },
  };
}
