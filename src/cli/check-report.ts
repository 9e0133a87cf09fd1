import type { Json } from "../model/model.ts";
import { unreachable } from "../model/unreachable.ts";
import type { CheckResult } from "../check/result.ts";
import type { Verdicts } from "../check/verdicts.ts";
import { errorReport, toJsonReport, type Report, type ReportSubject } from "../export/json-report.ts";
import { toGithubAnnotation } from "../export/github.ts";
import { formatResult, jsonModel } from "../export/text.ts";
import type { CheckJob, CheckPlan, Explored, Fault, Halt } from "./check-job.ts";
import { primaryRun, verdictExit, writeCiOutputs } from "./check-outputs.ts";
import { formatFault } from "./format-error.ts";
import { ExitCode, MEMORY_HINT, type CliIO } from "./io.ts";
import { writeOutput } from "./output-file.ts";
import type { HtmlReportData } from "./html-report-file.ts";
import { writeCoverage } from "./coverage-file.ts";

/** The header printed once the spec is compiled: file, spec and parameters. */
export function checkHeader(plan: CheckPlan, command: "check" | "simulate" = "check"): string {
  const params = Object.entries(plan.subject.params)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
  return `interleave ${command} ${plan.subject.file} — spec "${plan.subject.spec}"${params ? ` (${params})` : ""}\n`;
}

/**
 * The report stage of `interleave check`: prints the verdicts (or the fault), writes `--json`,
 * `--trace-dot`, `--junit`, `--itf` and the GitHub annotations, and returns the exit code. A
 * function of the explored value only: it runs in the main thread whatever thread explored.
 */
export async function reportCheck(explored: Explored, job: CheckJob, io: CliIO): Promise<number> {
  switch (explored.kind) {
    case "usage":
      io.stderr(`error: ${explored.message}\n`);
      return ExitCode.usage;
    case "fault":
      return reportFault(explored.fault, explored.subject, job, io);
    case "halted":
      return reportHalt(explored.halt, explored.subject, job, io);
    case "checked":
      return reportVerdicts(explored.plan, explored.outcome, explored, job, io);
    default:
      return unreachable(explored);
  }
}

function reportFault(fault: Fault, subject: ReportSubject, job: CheckJob, io: CliIO): number {
  if (!fault.printed) {
    io.stderr(`${formatFault(fault)}\n`);
    if (job.flags.reporter === "github") {
      const where = fault.location ?? { file: fault.file, line: 1, column: 1 };
      io.stdout(toGithubAnnotation({ severity: "error", code: `spec error ${fault.code}`, ...where, message: fault.message }));
    }
  }
  const details = fault.location ? { details: { location: fault.location } } : {};
  writeReport(job, errorReport(subject, { code: fault.code, message: fault.message, ...details }));
  return ExitCode.specError;
}

/** A run stopped before the spec was compiled: nothing was checked. */
function reportHalt(halt: Halt, subject: ReportSubject, job: CheckJob, io: CliIO): number {
  io.stdout(`… ${subject.file}: incomplete — ${STOPPED[halt.reason]} ${PHASE_TEXT[halt.phase]}; nothing was checked\n`);
  const stats = { distinctStates: 0, statesGenerated: 0, depth: 0, durationMs: 0, queue: 0, fingerprintCollisionProbability: 0 };
  writeReport(job, { version: 1, ...subject, result: "incomplete", properties: [], stats, stoppedBy: halt.reason });
  return ExitCode.incomplete;
}

async function reportVerdicts(plan: CheckPlan, outcome: Verdicts<Json>, explored: { readonly itf?: Json; readonly html?: HtmlReportData; readonly halt?: Halt }, job: CheckJob, io: CliIO): Promise<number> {
  const { flags, cwd } = job;
  const model = jsonModel(plan.subject.spec, plan.fairness, plan.steps);
  for (const result of outcome.runs) io.stdout(`${formatResult(model, result, undefined, { witnesses: flags.witness, shortest: !flags.dfs })}\n`);
  if (explored.halt) io.stdout(`  ${haltNote(explored.halt)}\n`);
  if (outcome.runs.some((r) => r.result === "incomplete" && r.stoppedBy === "memory")) io.stderr(MEMORY_HINT);
  const held = outcome.verdicts.filter((v) => v.status === "holds").map((v) => v.property);
  if (outcome.runs.some((r) => r.result === "violation") && held.length > 0) {
    io.stdout(`✓ the other ${held.length === 1 ? "property holds" : "properties hold"}: ${held.join(", ")}\n`);
  }
  for (const v of outcome.verdicts) {
    if (v.expected !== "violated") continue;
    io.stdout(v.status === "violated" ? `  expected: ${v.property} is declared violated, and it is\n` : v.status === "holds" ? `✗ ${v.property} holds, but the spec declares it violated (expect)\n` : "");
  }
  const result: CheckResult<Json> = primaryRun(outcome);
  writeReport(job, {
    ...toJsonReport(plan.subject, model, result),
    verdicts: outcome.verdicts.map((v) => ({ property: v.property, status: v.status, expected: v.expected })),
  } as Report);
  // The diagram and HTML writers load only when asked for: a plain check must not pay for them.
  if (flags.traceDot) await (await import("./trace-dot.ts")).writeTraceDot(flags.traceDot, model, result, plan.subject.params, io);
  if (flags.html) await (await import("./html-report-file.ts")).writeHtmlReport(flags, explored.html, io);
  writeCoverage(flags.coverage, result, plan.subject.spec, io);
  const annotations = writeCiOutputs(flags, cwd, { plan, model, outcome, itf: explored.itf });
  if (annotations) io.stdout(annotations);
  if (flags.itf && !outcome.verdicts.some((v) => v.violation)) io.stderr(`--itf: no counterexample, ${flags.itf} not written\n`);
  if (flags.simulation) return simulationExit(result, outcome, io);
  const exit = verdictExit(outcome);
  if (exit === ExitCode.ok && flags.strict) {
    const vacuous = (result.warnings ?? []).filter((w) => w.kind === "vacuous-action" || w.kind === "vacuous-property");
    if (vacuous.length > 0) {
      io.stdout(`✗ --strict: ${vacuous.length} vacuity warning${vacuous.length === 1 ? "" : "s"} (${vacuous.map((w) => w.subject).join(", ")})\n`);
      return ExitCode.violation;
    }
  }
  return exit;
}

const STOPPED: Record<Halt["reason"], string> = {
  "max-states": "the state limit (--max-states) was reached",
  "max-depth": "the depth limit (--max-depth) was reached",
  timeout: "the time limit (--timeout) was reached",
  interrupted: "interrupted",
  memory: "memory ran low",
  behaviours: "the simulation ran its behaviours",
};

const PHASE_TEXT: Record<Halt["phase"], string> = {
  start: "while starting",
  typecheck: "while type-checking the spec",
  import: "while loading the spec (its top-level code was still running)",
  compile: "while compiling the spec",
  init: "while computing the initial states",
  explore: "while exploring",
  liveness: "while checking the temporal properties",
  report: "while writing the report",
};

/** Where the spec's code was when a supervisor had to end the thread (it did not return in time). */
function haltNote(halt: Halt): string {
  const where = halt.inside !== undefined ? `inside ${halt.inside}, which did not return` : PHASE_TEXT[halt.phase];
  return `(stopped ${where}; the statistics are those of that moment)`;
}

/**
 * A simulation's exit code: 1 for an unexpected violation, else 4 — a simulation never completes,
 * so never 0 (README, "What it concludes"). Its speed goes to stderr: stdout is the same bytes
 * for the same seed.
 */
function simulationExit(result: CheckResult<Json>, outcome: Verdicts<Json>, io: CliIO): number {
  const seconds = result.stats.durationMs / 1000;
  const steps = result.simulation?.steps ?? 0;
  io.stderr(`  ${seconds.toFixed(2)} s${seconds > 0 ? ` (${Math.round(steps / seconds).toLocaleString("en-US")} steps/s)` : ""}\n`);
  return outcome.verdicts.some((v) => v.asExpected === false) ? ExitCode.violation : ExitCode.incomplete;
}

function writeReport(job: CheckJob, report: Report): void {
  if (job.flags.json) writeOutput(job.flags.json, `${JSON.stringify(report, null, 2)}\n`, "--json", job.cwd);
}
