import type { SourceLocation } from "../model/model.ts";
import type { Coverage } from "./coverage.ts";
import type { SimulationSummary } from "./simulation-options.ts";

import type { Trace } from "../graph/trace.ts";

export type { Trace, TraceStep } from "../graph/trace.ts";

/**
 * `sometimes`: no reachable state satisfies a reachability witness (the trace is empty).
 * `liveness`: a fair behaviour violates a temporal property; its trace is a lasso.
 */
export type ViolationKind = "invariant" | "deadlock" | "sometimes" | "liveness";

export interface Violation<S> {
  readonly kind: ViolationKind;
  /** The property's name (`"deadlock"` for deadlocks). */
  readonly property: string;
  /** The property's explanation of this violation, if it gives one. */
  readonly message?: string;
  readonly location?: SourceLocation;
  readonly trace: Trace<S>;
  /**
   * Liveness only: the trace is a lasso. Without `stuttering`, the last step returns to the
   * state at index `loopStart` (the last state equals `trace[loopStart].state`) and the cycle
   * `trace[loopStart..]` repeats forever; with `stuttering`, the behaviour stays forever in the
   * last state, whose index is `loopStart`.
   */
  readonly loopStart?: number;
  readonly stuttering?: boolean;
  /**
   * Liveness only, for a formula with step predicates (which stuttering steps can falsify):
   * indices into `trace` of the states the behaviour repeats once — a stuttering step — before
   * its next step: `stutterAfter` in the prefix (once; at `loopStart`, before the first lap),
   * `stutterInCycle` on every lap. Absent when there are none; other formulas cannot tell
   * stuttering steps apart, and the trace leaves them out as TLC does.
   */
  readonly stutterAfter?: readonly number[];
  readonly stutterInCycle?: readonly number[];
  /** Simulation: the index of the behaviour that found it (replayed by `behaviour` with the run's seed and shard). */
  readonly behaviour?: number;
  /** Simulation: the length of the behaviour's own trace, when `trace` is a shorter one found by {@link shortenTrace}. */
  readonly shortenedFrom?: number;
}

/** Something the user should know that is not a verdict: a vacuous action, an unsound setting. */
export interface CheckWarning {
  readonly kind:
    | "vacuous-action"
    | "vacuous-property"
    | "no-fairness"
    | "liveness-with-constraint"
    | "liveness-not-checked"
    | "reduction-not-applied";
  /** The action or property concerned, if any. */
  readonly subject?: string;
  readonly message: string;
}

/** A shortest behaviour reaching a state that satisfies a `sometimes` property. */
export interface Witness<S> {
  readonly property: string;
  readonly trace: Trace<S>;
}

/** Counts follow TLC's conventions: initial states are at depth 1; generated includes duplicates. */
export interface CheckStats {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
  readonly durationMs: number;
  /** States discovered but not yet explored when the search stopped. */
  readonly queue: number;
  /** Chance that two distinct states shared a fingerprint (and one was wrongly skipped). */
  readonly fingerprintCollisionProbability: number;
}

/**
 * Why an incomplete search stopped: a limit, Ctrl-C, the memory guard (the heap was nearly full),
 * or, for a simulation, that it ran the behaviours it was asked for.
 */
export type StopReason = "max-states" | "max-depth" | "timeout" | "interrupted" | "memory" | "behaviours";

interface ResultBase<S> {
  readonly stats: CheckStats;
  /** Names of the properties that were checked. */
  readonly properties: readonly string[];
  /** Present when there is something to warn about (see {@link CheckWarning}). */
  readonly warnings?: readonly CheckWarning[];
  /** Shortest witness traces of the `sometimes` properties that hold. */
  readonly witnesses?: readonly Witness<S>[];
  /** What the run covered, when asked for (`coverage: true`). */
  readonly coverage?: Coverage;
  /** A simulation's seed, shard, behaviours and steps. */
  readonly simulation?: SimulationSummary<S>;
}

/** The outcome of a check, as data: a violation or an incomplete search is a result, not an exception. */
export type CheckResult<S = unknown> =
  | (ResultBase<S> & { readonly result: "ok" })
  | (ResultBase<S> & {
      readonly result: "violation";
      /** The first violation found (with breadth-first search, a shortest trace). */
      readonly violation: Violation<S>;
      /**
       * Every violation found, in the order found (`violation` first): one per violated property
       * when the search goes on after a violation (`continue`), else just `violation`.
       */
      readonly violations: readonly Violation<S>[];
      /** With `continue`: a limit stopped the search after these violations (other properties undecided). */
      readonly stoppedBy?: StopReason;
    })
  | (ResultBase<S> & { readonly result: "incomplete"; readonly stoppedBy: StopReason });

/** Periodic progress of a long search. */
export interface Progress {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly queue: number;
  readonly depth: number;
  readonly elapsedMs: number;
  /** Distinct states per second since the previous report. */
  readonly statesPerSecond: number;
}
