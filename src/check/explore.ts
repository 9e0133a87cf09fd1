import type { DeadlockFreedom, Invariant, Model, Property } from "../model/model.ts";
import { collisionProbability, fp } from "../state/fingerprint.ts";
import { FingerprintTable } from "../state/fingerprint-table.ts";
import { StateStore } from "../state/state-store.ts";
import { identify } from "../graph/trace.ts";
import type { CheckOptions } from "./check-options.ts";
import { CoverageCollector } from "./coverage.ts";
import { BfsQueue, DfsStack, type Frontier } from "./frontier.ts";
import { Judge } from "./judge.ts";
import { Outcome } from "./outcome.ts";
import { Pipeline, type PipelineSink } from "./pipeline.ts";
import { reconstructTrace } from "./trace-replay.ts";
import type { CheckResult, CheckStats, StopReason } from "./result.ts";

/** The most states a table is sized for from the start when `maxStates` bounds the search (beyond, it grows as needed). */
const PRESIZED_AT_MOST = 1 << 23;

/** Thrown inside {@link explore}'s loop when a limit stops it. */
class Stop {
  constructor(readonly reason: StopReason) {}
}

/**
 * The one-thread search: a scheduler (the frontier of `options.strategy`) around the successor
 * {@link Pipeline}, checking the safety properties among `selected` (invariants, deadlock).
 * Returns the outcome as data; throws {@link SpecError} only when the spec itself is faulty.
 */
export async function explore<S>(model: Model<S>, selected: readonly Property<S>[], options: CheckOptions = {}): Promise<CheckResult<S>> {
  const started = Date.now();
  const observer = options.observer;
  const { codec } = model;
  const width = codec.width;
  const invariants = selected.filter((p): p is Invariant<S> => p.kind === "invariant");
  const deadlock = selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock");
  const judge = new Judge(invariants, deadlock, codec, !options.continue).watch(options.live);
  const outcome = new Outcome(model, judge, options.continue ?? false);
  const dfs = options.strategy === "dfs";
  // Breadth-first ids follow the order of their parents, so that the compact table need not
  // store them; a depth-first search, and an observer that is told the id of every state met
  // again, need a store that maps fingerprints to ids.
  const indexed = dfs || observer ? new StateStore() : undefined;
  const store = indexed ?? new FingerprintTable(Math.min(options.maxStates ?? 0, PRESIZED_AT_MOST));
  const frontier: Frontier = dfs ? new DfsStack(width) : new BfsQueue(width);
  const maxStates = options.maxStates ?? Infinity;
  const maxDepth = options.maxDepth ?? Infinity;
  // A bounded depth-first search re-explores a state met again by a shorter path (see Strategy).
  const depths = dfs && Number.isFinite(maxDepth) ? new DepthTable() : undefined;
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  const verifyFirst = options.verifyFirst ?? 256;
  const progressEvery = options.progressIntervalMs ?? 3000;
  const coverage = options.coverage ? new CoverageCollector(model) : undefined;
  let depth = 0;

  const live = options.live;
  const sink: PipelineSink = {
    stored(id, vector, d, bad) {
      if (d > depth) depth = d;
      if (d === 1) live?.publish(store.size, pipeline.generated, frontier.size, 1); // initial states, as they are found
      depths?.set(id, d);
      observer?.state?.(id, vector, d);
      coverage?.stored(vector, 0, d, pipeline.lastAction);
      if (bad > 0 && outcome.invariants(bad, () => reconstructTrace(model, store, id))) pipeline.stopped = true;
      else frontier.push(id, d, vector, 0);
    },
    rejected(vector, parent, bad) {
      if (outcome.invariants(bad, () => reconstructTrace(model, store, parent, fingerprintOf(vector)))) pipeline.stopped = true;
    },
    deadlock(id) {
      if (outcome.deadlock(() => reconstructTrace(model, store, id))) pipeline.stopped = true;
    },
    ...(observer?.edge ? { edge: observer.edge.bind(observer) } : {}),
    ...(depths
      ? {
          again(id: number, vector: Int32Array, d: number, parent: number) {
            if (d >= depths.get(id)) return;
            depths.set(id, d);
            indexed!.reparent(id, parent);
            frontier.push(id, d, vector, 0);
          },
        }
      : {}),
  };
  const fingerprintOf = (vector: Int32Array): [number, number] => {
    identify(model, vector, 0);
    return [fp[0], fp[1]];
  };
  const pipeline = new Pipeline(model, judge, store, sink, live, coverage?.counts);
  live?.enter("init");
  pipeline.seed();
  live?.enter("explore");

  const current = new Int32Array(width);
  let expanded = 0;
  let lastYield = Date.now();
  let lastProgress = lastYield;
  let lastProgressStates = store.size;
  try {
    while (!pipeline.stopped) {
      if (live !== undefined) {
        live.publish(store.size, pipeline.generated, frontier.size, depth);
        const request = live.stopRequest;
        if (request !== undefined) throw new Stop(request);
      }
      if (store.size >= maxStates && frontier.size > 0) throw new Stop("max-states");
      const id = frontier.pop(current);
      if (id < 0) break;
      const d = frontier.lastDepth;
      if (depths && d > depths.get(id)) continue; // superseded: queued again by a shorter path
      if (d >= maxDepth) {
        if (!depths) outcome.stoppedBy = "max-depth"; // not expanded; the rest of the frontier still is checked
        continue;
      }
      pipeline.expand(current, 0, id, d, expanded < verifyFirst || (expanded & 1023) === 0);
      expanded++;
      if ((expanded & 1023) === 0) {
        const now = Date.now();
        if (now >= deadline) throw new Stop("timeout");
        if (options.onProgress && now - lastProgress >= progressEvery) {
          options.onProgress({
            distinctStates: store.size,
            statesGenerated: pipeline.generated,
            queue: frontier.size,
            depth,
            elapsedMs: now - started,
            statesPerSecond: ((store.size - lastProgressStates) * 1000) / (now - lastProgress),
          });
          lastProgress = now;
          lastProgressStates = store.size;
        }
        if (now - lastYield >= 50) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = Date.now();
          if (options.signal?.aborted) throw new Stop("interrupted");
        }
      }
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    outcome.stoppedBy = e.reason;
  }
  if (depths) {
    // Depths settle only when the search ends: a state first met deep may be met again by a shorter path.
    depth = depths.max(store.size);
    if (outcome.stoppedBy === undefined && depth >= maxDepth) outcome.stoppedBy = "max-depth";
  }

  live?.publish(store.size, pipeline.generated, frontier.size, depth);
  const stats: CheckStats = {
    distinctStates: store.size,
    statesGenerated: pipeline.generated,
    depth,
    durationMs: Date.now() - started,
    queue: frontier.size,
    fingerprintCollisionProbability: collisionProbability(store.size),
  };
  return outcome.result(stats, selected, pipeline.fired, coverage?.result());
}

/** The depth of each stored state, by id, for a bounded depth-first search. */
class DepthTable {
  private depths = new Int32Array(1 << 12);

  get(id: number): number {
    return this.depths[id];
  }

  set(id: number, depth: number): void {
    if (id >= this.depths.length) {
      const bigger = new Int32Array(Math.max(id + 1, this.depths.length * 2));
      bigger.set(this.depths);
      this.depths = bigger;
    }
    this.depths[id] = depth;
  }

  max(count: number): number {
    let m = 0;
    for (let id = 0; id < count; id++) if (this.depths[id] > m) m = this.depths[id];
    return m;
  }
}
