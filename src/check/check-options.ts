import type { Property } from "../model/model.ts";
import type { LiveStatus } from "./live-status.ts";
import type { Progress } from "./result.ts";
import type { SimulationOptions } from "./simulation-options.ts";

/** Options of `check`: which properties, limits, progress, observers. */
/**
 * The order in which states are explored; every strategy runs the same successor pipeline.
 * - `bfs` (default): breadth-first. Traces are shortest; `depth` is the number of BFS levels.
 * - `dfs`: depth-first. Same reachable states, same states generated and same verdicts as
 *   `bfs` on a complete search, but traces are not necessarily shortest, and `depth` is the
 *   longest path the search followed. With `maxDepth`, a state met again by a shorter path is
 *   explored again from there, so that exactly the states `bfs` stores within `maxDepth` are
 *   stored and judged (then `depth` is the BFS depth too; states generated may exceed `bfs`'s,
 *   since a re-explored state generates its successors again).
 * - `simulation`: random behaviours from the initial states (see {@link SimulationOptions}):
 *   every state met is judged, but a simulation never completes, so its result is a violation
 *   or `incomplete` (`stoppedBy: "behaviours"` when it ran all its behaviours).
 */
export type Strategy = "bfs" | "dfs" | "simulation";

export interface CheckOptions {
  /** Exploration order (default `bfs`); see {@link Strategy}. */
  readonly strategy?: Strategy;
  /** The simulation's seed, behaviours, depth, shard, bitstate (with `strategy: "simulation"`). */
  readonly simulation?: SimulationOptions;
  /**
   * Go on after a violation: each violated property is recorded once, at its first violation
   * (a shortest trace, breadth-first), and the search continues for the others, so that one
   * search decides every property (TLC's `-continue`). Default: stop at the first violation.
   */
  readonly continue?: boolean;
  /** Check only these properties (invariant, sometimes and temporal property names, `"deadlock"`); default all. */
  readonly properties?: readonly string[];
  /** Stop (incomplete) once this many distinct states are stored. */
  readonly maxStates?: number;
  /** Do not explore states at this depth (initial states are depth 1). */
  readonly maxDepth?: number;
  /** Stop (incomplete) after this many milliseconds. */
  readonly timeoutMs?: number;
  /**
   * Stop (incomplete, "interrupted") when aborted, e.g. on Ctrl-C: an `AbortSignal`. Typed by the
   * one member read, so that the declarations need no DOM or Node.js types in a user's project.
   */
  readonly signal?: { readonly aborted: boolean };
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
  /**
   * Re-run the actions of the first `verifyFirst` explored states (and every 1024th after) on a
   * frozen copy, to report mutation of the current state and non-deterministic actions.
   */
  readonly verifyFirst?: number;
  /** Told of every stored state and every transition between stored states (for graphs and liveness). */
  readonly observer?: ExplorationObserver;
  /**
   * Collect the result's `coverage`: per action (enabled, fired, states discovered), per part of
   * the state (distinct values), per depth. The same with any number of worker threads. Off by
   * default: it costs a little per state (the CLI always asks for it).
   */
  readonly coverage?: boolean;
  /**
   * Kept current after every explored state (counters, phase, the action running), and its stop
   * request obeyed there: how another thread watches and stops the search (see {@link LiveStatus}).
   */
  readonly live?: LiveStatus;
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
