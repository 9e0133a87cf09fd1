import type { Violation } from "../check/result.ts";
import { toDot } from "./dot.ts";
import { hasProcesses, laneDiagram } from "./lane-diagram.ts";
import { toLaneDot } from "./lane-dot.ts";
import { traceDiagram } from "./trace-diagram.ts";
import type { ReportModel } from "./text.ts";

/**
 * The DOT picture of a counterexample, as `check --trace-dot` draws it: one lane per process
 * when the model has processes (see `toLaneDot`), otherwise a chain of states showing what each
 * step changed (see `traceDiagram`), boxed in lanes when the state has actors (records with a
 * `pc`). Steps are numbered as in the text trace.
 */
export function traceDot<S>(model: ReportModel<S>, violation: Violation<S>, options: { readonly title?: string; readonly notes?: readonly string[] } = {}): string {
  return hasProcesses(model) ? toLaneDot(laneDiagram(model, violation, options)) : toDot(traceDiagram(model, violation, { ...options, lanes: "auto" }));
}
