import type { Model } from "interleave-spec";
import { selectProperties } from "../../src/check/check.ts";
import { expandLevel, type LevelChecks } from "../../src/check/level-expansion.ts";
import type { LevelExpander } from "../../src/check/parallel-bfs.ts";
import type { DeadlockFreedom, Invariant } from "../../src/model/model.ts";

/** `n` in-thread expanders over the same model: the level-parallel algorithm without threads. */
export function expanders<S>(model: Model<S>, n: number, properties?: string[]): LevelExpander[] {
  const selected = selectProperties(model.properties, properties);
  const checks: LevelChecks<S> = {
    invariants: selected.filter((p): p is Invariant<S> => p.kind === "invariant"),
    deadlock: selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock"),
  };
  return Array.from({ length: n }, () => ({ expand: async (job) => expandLevel(model, checks, job) }));
}
