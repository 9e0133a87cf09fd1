import type { Json } from "../model/model.ts";
import type { CheckResult } from "../check/result.ts";
import type { Verdicts } from "../check/verdicts.ts";
import { toGithubAnnotations } from "../export/github.ts";
import { toJunitXml } from "../export/junit.ts";
import type { ReportModel } from "../export/text.ts";
import type { CheckFlags, CheckPlan } from "./check-job.ts";
import { ExitCode } from "./io.ts";
import { checkOutputTarget, writeOutput } from "./output-file.ts";

export const REPORTERS = ["text", "github"] as const;

/** Exit code of a set of verdicts: 1 for any verdict contradicting its expectation, 4 when undecided, else 0. */
export function verdictExit(outcome: Verdicts<unknown>): number {
  if (outcome.verdicts.some((v) => v.asExpected === false)) return ExitCode.violation;
  if (outcome.runs.some((r) => r.result === "incomplete")) return ExitCode.incomplete;
  return ExitCode.ok;
}

/**
 * The result the single-violation outputs (`--json`'s `violation`, `--trace-dot`) describe: the
 * search's, with its first unexpected violation as `violation` (else its first).
 */
export function primaryRun<S>(outcome: Verdicts<S>): CheckResult<S> {
  const run = outcome.runs[0];
  const unexpected = outcome.verdicts.find((v) => v.status === "violated" && v.asExpected === false)?.violation;
  return unexpected && run.result === "violation" ? { ...run, violation: unexpected } : run;
}

/** Writes `--junit` / `--itf` files and returns the `--reporter github` text (empty for the text reporter). */
export function writeCiOutputs(
  flags: CheckFlags,
  cwd: string,
  context: { readonly plan: CheckPlan; readonly model: ReportModel<Json>; readonly outcome: Verdicts<Json>; readonly itf?: Json },
): string {
  const { plan, model, outcome, itf } = context;
  const { spec, file, params } = plan.subject;
  if (flags.junit) writeOutput(flags.junit, toJunitXml(model, outcome.verdicts, outcome.runs, { spec, file, params }), "--junit", cwd);
  if (flags.itf && itf !== undefined) writeOutput(flags.itf, `${JSON.stringify(itf, null, 2)}\n`, "--itf", cwd);
  const stopped = outcome.runs.find((r) => r.result === "incomplete");
  return flags.reporter === "github"
    ? toGithubAnnotations(model, outcome.verdicts, {
        file,
        spec,
        ...(stopped?.result === "incomplete" ? { stoppedBy: stopped.stoppedBy } : {}),
      })
    : "";
}

/** Fails early (UsageError) when a CI output file cannot be written. */
export function checkCiTargets(flags: CheckFlags, cwd: string): void {
  checkOutputTarget(flags.junit, "--junit", cwd);
  checkOutputTarget(flags.itf, "--itf", cwd);
}
