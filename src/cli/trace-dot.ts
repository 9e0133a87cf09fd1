import path from "node:path";
import type { CheckResult } from "../check/result.ts";
import { traceDot } from "../export/trace-dot.ts";
import type { Json } from "../model/model.ts";
import type { ReportModel } from "../export/text.ts";
import type { CliIO } from "./io.ts";
import { paramsText } from "./params.ts";
import { writeDiagram } from "./render-svg.ts";

/**
 * `check --trace-dot FILE`: draws the counterexample (DOT, or SVG for .svg): one lane per process
 * for a spec with processes, else a chain of states (in lanes when the state has actors, records
 * with a pc). Without a violation nothing is written, and stderr says so.
 */
export async function writeTraceDot<S>(
  file: string | undefined,
  model: ReportModel<S>,
  result: CheckResult<S>,
  params: { readonly [name: string]: Json },
  io: CliIO,
): Promise<void> {
  if (file === undefined) return;
  if (result.result !== "violation") {
    io.stderr(`--trace-dot: no counterexample, ${file} not written\n`);
    return;
  }
  const notes = paramsText(params) ? [paramsText(params)] : [];
  const dot = traceDot(model, result.violation, { notes });
  const out = await writeDiagram(file, dot, io.cwd, "--trace-dot");
  io.stdout(`  counterexample diagram: ${path.relative(io.cwd, out) || out}\n`);
}
