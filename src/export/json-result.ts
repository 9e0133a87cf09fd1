import type { Json } from "../model/model.ts";
import type { CheckResult, Trace, Violation } from "../check/result.ts";
import type { Verdicts } from "../check/verdicts.ts";
import type { SimulationSummary } from "../check/simulation-options.ts";
import type { ReportModel } from "./text.ts";

/**
 * A check's outcome with every state in its JSON form, as reports show it: plain data that can
 * cross a thread boundary, rendered by the exporters with `jsonModel`. A violation that appears
 * in several places (a run's `violation` and `violations`, a verdict) stays one object, since
 * exporters match them by identity. Pure.
 */
export function jsonOutcome<S>(model: ReportModel<S>, outcome: Verdicts<S>): Verdicts<Json> {
  const convert = violationConverter(model);
  const runs = outcome.runs.map((run) => jsonResult(model, run, convert));
  const verdicts = outcome.verdicts.map(({ violation, ...verdict }) => (violation === undefined ? verdict : { ...verdict, violation: convert(violation) }));
  return { runs, verdicts };
}

/** One result with its traces' states in JSON form. */
export function jsonResult<S>(model: ReportModel<S>, result: CheckResult<S>, convert = violationConverter(model)): CheckResult<Json> {
  const { witnesses, simulation, ...rest } = result;
  const base = {
    ...(witnesses === undefined ? {} : { witnesses: witnesses.map((w) => ({ property: w.property, trace: jsonTrace(model, w.trace) })) }),
    ...(simulation === undefined ? {} : { simulation: jsonSimulation(model, simulation) }),
  };
  switch (rest.result) {
    case "violation":
      return { ...rest, ...base, violation: convert(rest.violation), violations: rest.violations.map(convert) };
    case "ok":
    case "incomplete":
      return { ...rest, ...base };
  }
}

/** Converts violations, each once: the same violation gives the same converted object. */
function violationConverter<S>(model: ReportModel<S>): (violation: Violation<S>) => Violation<Json> {
  const done = new Map<Violation<S>, Violation<Json>>();
  return (violation) => {
    let json = done.get(violation);
    if (json === undefined) {
      json = { ...violation, trace: jsonTrace(model, violation.trace) };
      done.set(violation, json);
    }
    return json;
  };
}

function jsonSimulation<S>(model: ReportModel<S>, { replayed, ...rest }: SimulationSummary<S>): SimulationSummary<Json> {
  return replayed === undefined ? rest : { ...rest, replayed: { index: replayed.index, trace: jsonTrace(model, replayed.trace) } };
}

function jsonTrace<S>(model: ReportModel<S>, trace: Trace<S>): Trace<Json> {
  return trace.map((step) => ({ ...step, state: model.codec.toJson(step.state) }));
}
