import type { Json, Property } from "../model/model.ts";
import type { StopReason } from "../check/result.ts";
import type { Phase } from "../check/live-status.ts";
import type { Expectation, Verdicts } from "../check/verdicts.ts";
import type { ReportSubject } from "../export/json-report.ts";
import type { HtmlFlags, HtmlReportData } from "./html-report-file.ts";
import type { PartitionFlags } from "./partitioned-check.ts";
import type { ReportAction } from "../export/process-steps.ts";

/** The flags of `interleave check` (and `report`), as commander parses them (plain data: they cross to a worker thread). */
export interface CheckFlags extends HtmlFlags, PartitionFlags {
  lint: boolean;
  watch?: boolean;
  expectViolated?: string;
  spec?: string;
  set?: string[];
  check?: string;
  json?: string;
  maxStates?: number;
  maxDepth?: number;
  timeout?: number;
  deadlock: boolean;
  typecheck?: boolean;
  traceDot?: string;
  witness?: boolean;
  strict?: boolean;
  workers?: number;
  dfs?: boolean;
  continue?: boolean;
  reporter?: string;
  junit?: string;
  itf?: string;
  /** `--coverage FILE`: the full coverage table. */
  coverage?: string;
  /** Set by `interleave simulate`: run random behaviours instead of the exhaustive search. */
  simulation?: SimulationFlags;
}

/** The flags of `interleave simulate` beyond those it shares with `check` (see SimulationOptions). */
export interface SimulationFlags {
  seed: number;
  behaviours?: number;
  depth?: number;
  behaviour?: number;
  shard?: { index: number; count: number };
  bitstate?: number;
  shorten?: number;
}

/** One `check` of one spec file: what the load, compile and check stages are given. */
export interface CheckJob {
  /** The spec file, absolute. */
  readonly file: string;
  readonly cwd: string;
  readonly flags: CheckFlags;
  /** The heap of each `--workers` thread, MiB (a supervisor sets its own limit here). */
  readonly heapLimitMb?: number;
}

/** A property as the report needs it (plain data). */
export type PropertyInfo = Pick<Property<unknown>, "name" | "kind" | "location">;

/**
 * What the compile stage tells the report stage before the search: the header, and all a report
 * needs should the search be stopped from outside before it returns.
 */
export interface CheckPlan {
  readonly subject: ReportSubject & { readonly spec: string };
  /** The selected properties, in the order the verdicts list them. */
  readonly properties: readonly PropertyInfo[];
  readonly expect: { readonly [property: string]: Expectation };
  /** The model's action names (to say which action a stopped search was in). */
  readonly actions: readonly string[];
  /** The fairness conditions the spec declares, by kind (the text report of a lasso mentions them). */
  readonly fairness: readonly string[];
  /** The actions as traces describe them: location, process step (plain data). */
  readonly steps: readonly ReportAction[];
}

/** A spec fault as the report shows it (plain data, already located). */
export interface Fault {
  readonly code: string;
  readonly message: string;
  /** The file the fault is in, as shown (relative to the working directory when inside it). */
  readonly file: string;
  /** The spec line at fault, when known. */
  readonly location?: { readonly file: string; readonly line: number; readonly column: number };
  readonly state?: Json;
  readonly steps?: number;
  /** The stage already printed the details (lint diagnostics): only the reports remain to write. */
  readonly printed?: boolean;
}

/** Why a supervised run was ended from outside, and where it was. */
export interface Halt {
  readonly reason: StopReason;
  readonly phase: Phase;
  /** The spec code the search was inside, if it was in some: `action "inc"`, `invariant "safe"`, `the constraint`. */
  readonly inside?: string;
}

/**
 * What the load, compile and check stages produce, whatever thread they ran in: the verdicts
 * (states as JSON), a spec fault, a usage error found once the spec was loaded, or a run
 * halted from outside before the spec was compiled.
 */
export type Explored =
  | {
      readonly kind: "checked";
      readonly plan: CheckPlan;
      readonly outcome: Verdicts<Json>;
      /** The `--itf` document, built where the states' values are (undefined without a counterexample). */
      readonly itf?: Json;
      /** The `--html` report's data, built where the model is (its graph left as DOT). */
      readonly html?: HtmlReportData;
      /** Set when the search was ended from outside (its last run is then incomplete, with the counters of that moment). */
      readonly halt?: Halt;
    }
  | { readonly kind: "fault"; readonly fault: Fault; readonly subject: ReportSubject }
  | { readonly kind: "usage"; readonly message: string }
  | { readonly kind: "halted"; readonly halt: Halt; readonly subject: ReportSubject };

/** Told by the stages as they go (the supervisor forwards them from the worker thread). */
export interface StageHooks {
  /** The spec is compiled and the search begins. */
  readonly onPlan?: (plan: CheckPlan) => void;
  /** A module the spec imports (for `--watch`); the spec is then loaded afresh. */
  readonly onImport?: (url: string) => void;
}
