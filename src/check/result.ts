import type { SourceLocation } from "../model/model.ts";

import type { Trace } from "../graph/trace.ts";

export type { Trace, TraceStep } from "../graph/trace.ts";

export type ViolationKind = "invariant" | "deadlock";

export interface Violation<S> {
  readonly kind: ViolationKind;
  /** The property's name (`"deadlock"` for deadlocks). */
  readonly property: string;
  /** The property's explanation of this violation, if it gives one. */
  readonly message?: string;
  readonly location?: SourceLocation;
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

export type StopReason = "max-states" | "max-depth" | "timeout" | "interrupted";

interface ResultBase {
  readonly stats: CheckStats;
  /** Names of the properties that were checked. */
  readonly properties: readonly string[];
}

/** The outcome of a check, as data: a violation or an incomplete search is a result, not an exception. */
export type CheckResult<S = unknown> =
  | (ResultBase & { readonly result: "ok" })
  | (ResultBase & { readonly result: "violation"; readonly violation: Violation<S> })
  | (ResultBase & { readonly result: "incomplete"; readonly stoppedBy: StopReason });

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
