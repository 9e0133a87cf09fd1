import type { Property } from "../model/model.ts";
import type { Progress } from "./result.ts";

/** Options of `check`: which properties, limits, progress, observers. */
export interface CheckOptions {
  /** Check only these properties (invariant, sometimes and temporal property names, `"deadlock"`); default all. */
  readonly properties?: readonly string[];
  /** Stop (incomplete) once this many distinct states are stored. */
  readonly maxStates?: number;
  /** Do not explore states at this depth (initial states are depth 1). */
  readonly maxDepth?: number;
  /** Stop (incomplete) after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Stop (incomplete, "interrupted") when aborted, e.g. on Ctrl-C. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
  /**
   * Re-run the actions of the first `verifyFirst` explored states (and every 1024th after) on a
   * frozen copy, to report mutation of the current state and non-deterministic actions.
   */
  readonly verifyFirst?: number;
  /** Told of every stored state and every transition between stored states (for graphs and liveness). */
  readonly observer?: ExplorationObserver;
}

/**
 * Receives the explored graph as the search builds it. Ids are dense, in discovery order.
 * `vector` is only valid during the call (copy it or decode it there).
 */
export interface ExplorationObserver {
  state?(id: number, vector: Int32Array, depth: number): void;
  /** A transition by `model.actions[action]`, instance `instance`, to a new or already stored state. */
  edge?(from: number, to: number, action: number, instance: number): void;
}

/** The properties named in `names` (all when undefined); throws RangeError for an unknown name. */
export function selectProperties<S>(properties: readonly Property<S>[], names?: readonly string[]): Property<S>[] {
  if (names === undefined) return [...properties];
  const known = new Map(properties.map((p) => [p.name, p]));
  return names.map((name) => {
    const p = known.get(name);
    if (!p) {
      throw new RangeError(
        `unknown property "${name}"; this spec has ${[...known.keys()].map((k) => `"${k}"`).join(", ") || "none"}`,
      );
    }
    return p;
  });
}
