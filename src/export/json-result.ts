import type { Json } from "../model/model.ts";
import type { CheckResult, Trace, Violation } from "../check/result.ts";
import type { Verdicts } from "../check/verdicts.ts";
import type { ReportModel } from "./text.ts";

/**
 * A check's outcome with every state in its JSON form, as reports show it: plain data that can
 * cross a thread boundary, rendered by the exporters with `jsonModel`. Each verdict's violation
 * stays the same object as its run's (exporters match them by identity). Pure.
 */
export function jsonOutcome<S>(model: ReportModel<S>, outcome: Verdicts<S>): Verdicts<Json> {
  const converted = new Map<Violation<S>, Violation<Json>>();
  const runs = outcome.runs.map((run) => {
    const json = jsonResult(model, run);
    if (run.result === "violation" && json.result === "violation") converted.set(run.violation, json.violation);
    return json;
  });
  const verdicts = outcome.verdicts.map(({ violation, ...verdict }) =>
    violation === undefined ? verdict : { ...verdict, violation: converted.get(violation) ?? jsonViolation(model, violation) },
  );
  return { runs, verdicts };
}

/** One result with its traces' states in JSON form. */
export function jsonResult<S>(model: ReportModel<S>, result: CheckResult<S>): CheckResult<Json> {
  const { witnesses, ...rest } = result;
  const base = witnesses === undefined ? {} : { witnesses: witnesses.map((w) => ({ property: w.property, trace: jsonTrace(model, w.trace) })) };
  switch (rest.result) {
    case "violation":
      return { ...rest, ...base, violation: jsonViolation(model, rest.violation) };
    case "ok":
    case "incomplete":
      return { ...rest, ...base };
  }
}

function jsonViolation<S>(model: ReportModel<S>, violation: Violation<S>): Violation<Json> {
  return { ...violation, trace: jsonTrace(model, violation.trace) };
}

function jsonTrace<S>(model: ReportModel<S>, trace: Trace<S>): Trace<Json> {
  return trace.map((step) => ({ ...step, state: model.codec.toJson(step.state) }));
}
