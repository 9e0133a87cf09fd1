import type { Binding, Json, SourceLocation } from "../model/model.ts";
import type { Coverage } from "../check/coverage.ts";
import type { ReportModel } from "./text.ts";
import type { CheckResult, CheckStats, CheckWarning, StopReason, Trace, Violation } from "../check/result.ts";
import type { SimulationSummary } from "../check/simulation-options.ts";
import { programSteps } from "./process-steps.ts";

/** Version of the `--json` report shape. Changes are additions only. */
export const REPORT_VERSION = 1 as const;

/**
 * A violation in the report: what is violated, where, and the trace — the checker's
 * `Violation` with its optional fields as they are (lasso: `loopStart`, `stuttering`,
 * `stutterAfter`, `stutterInCycle`; simulation: `behaviour`, `shortenedFrom`), and `message`,
 * `location` and the trace as JSON data.
 */
export interface ReportViolation
  extends Pick<Violation<unknown>, "kind" | "property" | "loopStart" | "stuttering" | "stutterAfter" | "stutterInCycle" | "behaviour" | "shortenedFrom"> {
  readonly message: string | null;
  readonly location: SourceLocation | null;
  readonly trace: readonly ReportStep[];
}

/**
 * One state of a trace and the step that reached it. `step` numbers it as the text trace and
 * the diagrams do (the initial state is 1). A step of a process adds `process` (its type and
 * id), `label`, and `code` when the spec describes the statement; `location` is where the
 * action or process step is defined, when known.
 */
export interface ReportStep {
  readonly step: number;
  readonly action: string | null;
  readonly params: Binding;
  readonly state: Json;
  readonly process?: { readonly name: string; readonly id: Json };
  readonly label?: string;
  readonly code?: string;
  readonly location?: SourceLocation;
}

/** The machine report written by `--json` (a stable contract; fields are only ever added). */
export interface Report {
  readonly version: typeof REPORT_VERSION;
  readonly spec: string | null;
  readonly file: string;
  readonly params: { readonly [name: string]: Json };
  readonly result: "ok" | "violation" | "error" | "incomplete";
  readonly properties: readonly string[];
  /** The search's statistics (fields are only ever added), null for a spec error. */
  readonly stats: CheckStats | null;
  /** The first violation found (the one a search stopping at the first violation reports). */
  readonly violation?: ReportViolation;
  /** Every violation found, `violation` first: one per violated property with `--continue`. */
  readonly violations?: readonly ReportViolation[];
  /** Warnings (vacuous actions and properties, liveness settings); absent when there are none. */
  readonly warnings?: readonly CheckWarning[];
  /** Shortest witness traces of the `sometimes` properties that hold. */
  readonly witnesses?: readonly { readonly property: string; readonly trace: readonly ReportStep[] }[];
  readonly stoppedBy?: StopReason;
  readonly error?: { readonly code: string; readonly message: string; readonly details?: Json };
  /** What the run covered: per action, per part of the state, per depth (see `Coverage`). */
  readonly coverage?: Coverage;
  /** A simulation's seed, shard, behaviours, steps and bitstate; `replayed` holds a replayed behaviour's steps. */
  readonly simulation?: Omit<SimulationSummary<unknown>, "replayed"> & { readonly replayed?: { readonly index: number; readonly trace: readonly ReportStep[] } };
}

export interface ReportSubject {
  readonly spec: string | null;
  readonly file: string;
  readonly params: { readonly [name: string]: Json };
}

/** The report of a finished check. Pure: the same inputs give the same report. */
export function toJsonReport<S>(subject: ReportSubject, model: ReportModel<S>, result: CheckResult<S>): Report {
  const steps = (trace: Trace<S>): ReportStep[] =>
    programSteps(model, trace).map((p, i) => ({
      step: p.number,
      action: p.action,
      params: trace[i].binding,
      state: model.codec.toJson(trace[i].state),
      ...(p.process ? { process: p.process, label: p.label } : {}),
      ...(p.code === undefined ? {} : { code: p.code }),
      ...(p.location ? { location: p.location } : {}),
    }));
  const base = {
    version: REPORT_VERSION,
    ...subject,
    properties: result.properties,
    stats: { ...result.stats },
    ...(result.warnings?.length ? { warnings: result.warnings } : {}),
    ...(result.witnesses?.length ? { witnesses: result.witnesses.map((w) => ({ property: w.property, trace: steps(w.trace) })) } : {}),
    ...(result.coverage ? { coverage: result.coverage } : {}),
    ...(result.simulation ? { simulation: simulationReport(result.simulation, steps) } : {}),
  };
  switch (result.result) {
    case "ok":
      return { ...base, result: "ok" };
    case "incomplete":
      return { ...base, result: "incomplete", stoppedBy: result.stoppedBy };
    case "violation": {
      const violation = (v: Violation<S>): ReportViolation => ({
        kind: v.kind,
        property: v.property,
        message: v.message ?? null,
        location: v.location ?? null,
        trace: steps(v.trace),
        ...(v.loopStart === undefined ? {} : { loopStart: v.loopStart, stuttering: v.stuttering ?? false }),
        ...(v.stutterAfter?.length ? { stutterAfter: v.stutterAfter } : {}),
        ...(v.stutterInCycle?.length ? { stutterInCycle: v.stutterInCycle } : {}),
        ...(v.behaviour === undefined ? {} : { behaviour: v.behaviour }),
        ...(v.shortenedFrom === undefined ? {} : { shortenedFrom: v.shortenedFrom }),
      });
      return {
        ...base,
        result: "violation",
        violation: violation(result.violation),
        violations: result.violations.map(violation),
        ...(result.stoppedBy ? { stoppedBy: result.stoppedBy } : {}),
      };
    }
  }
}

/** The report of a spec that could not be checked. */
export function errorReport(
  subject: ReportSubject,
  error: { readonly code: string; readonly message: string; readonly details?: Json },
): Report {
  return { version: REPORT_VERSION, ...subject, result: "error", properties: [], stats: null, error };
}

/** A simulation's summary in the report: a replayed behaviour's states as report steps. */
function simulationReport<S>(sim: SimulationSummary<S>, steps: (trace: Trace<S>) => ReportStep[]): NonNullable<Report["simulation"]> {
  const { replayed, ...rest } = sim;
  return { ...rest, ...(replayed ? { replayed: { index: replayed.index, trace: steps(replayed.trace) } } : {}) };
}
