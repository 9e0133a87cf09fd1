import type { Binding, Json, Model, SourceLocation } from "../model/model.ts";
import type { CheckResult, CheckStats, StopReason, ViolationKind } from "../check/result.ts";

/** Version of the `--json` report shape. Changes are additions only. */
export const REPORT_VERSION = 1 as const;

export interface ReportStep {
  readonly action: string | null;
  readonly params: Binding;
  readonly state: Json;
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
  readonly violation?: {
    readonly kind: ViolationKind;
    readonly property: string;
    readonly message: string | null;
    readonly location: SourceLocation | null;
    readonly trace: readonly ReportStep[];
  };
  readonly stoppedBy?: StopReason;
  readonly error?: { readonly code: string; readonly message: string; readonly details?: Json };
}

export interface ReportSubject {
  readonly spec: string | null;
  readonly file: string;
  readonly params: { readonly [name: string]: Json };
}

/** The report of a finished check. Pure: the same inputs give the same report. */
export function toJsonReport<S>(subject: ReportSubject, model: Model<S>, result: CheckResult<S>): Report {
  const base = { version: REPORT_VERSION, ...subject, properties: result.properties, stats: { ...result.stats } };
  switch (result.result) {
    case "ok":
      return { ...base, result: "ok" };
    case "incomplete":
      return { ...base, result: "incomplete", stoppedBy: result.stoppedBy };
    case "violation": {
      const v = result.violation;
      return {
        ...base,
        result: "violation",
        violation: {
          kind: v.kind,
          property: v.property,
          message: v.message ?? null,
          location: v.location ?? null,
          trace: v.trace.map((step) => ({
            action: step.action,
            params: step.binding,
            state: model.codec.toJson(step.state),
          })),
        },
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
