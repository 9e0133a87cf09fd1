import type { Model } from "interleave-spec";
import { selectProperties } from "../../src/check/check.ts";
import { expandLevel, type LevelChecks } from "../../src/check/level-expansion.ts";
import type { LevelExpander } from "../../src/check/parallel-bfs.ts";
import type { DeadlockFreedom, Invariant } from "../../src/model/model.ts";

/**
 * `n` in-thread expanders over the same model: the parallel algorithm without threads. Each
 * runs to completion in turn, so they share the chunks by a fixed rule instead of by timing:
 * expander k takes every n-th chunk from chunk k on, the first one from the last chunk down —
 * so that states are often reached from a later parent first, as racing threads do.
 */
export function expanders<S>(model: Model<S>, n: number, properties?: string[]): LevelExpander[] {
  const selected = selectProperties(model.properties, properties);
  const checks: LevelChecks<S> = {
    invariants: selected.filter((p): p is Invariant<S> => p.kind === "invariant"),
    deadlock: selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock"),
  };
  return Array.from({ length: n }, (_, k) => ({
    expand: async (job) => {
      const total = Math.ceil(job.count / job.chunkSize);
      const mine = Array.from({ length: total }, (_, c) => c).filter((c) => c % n === k);
      if (k === 0) mine.reverse();
      mine.push(total);
      let i = 0;
      return expandLevel(model, checks, job, undefined, { nextChunk: () => mine[i++] });
    },
  }));
}
