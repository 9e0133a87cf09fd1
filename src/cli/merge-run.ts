import { readFileSync } from "node:fs";
import path from "node:path";
import { coverageTable } from "../export/coverage-text.ts";
import { mergeReports, type MergedReport, type NamedReport } from "../export/merge-reports.ts";
import { formatMerged } from "../export/merge-text.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { checkOutputTarget, writeOutput } from "./output-file.ts";
import { UsageError } from "./usage-error.ts";

import type { MergeFlags } from "./merge-command.ts";

/** Merges the report files `files`; returns the exit code. */
export function runMerge(files: readonly string[], flags: MergeFlags, io: CliIO): number {
  checkOutputTarget(flags.json, "--json", io.cwd);
  checkOutputTarget(flags.coverage, "--coverage", io.cwd);
  const inputs: NamedReport[] = files.map((file) => ({ file, report: readReport(file, io.cwd) }));
  let merged: { report: MergedReport; warnings: string[] };
  try {
    merged = mergeReports(inputs);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`merge: ${e.message}`);
    // A report that passed the shape check but lacks a part merging reads (e.g. a violation without its trace).
    throw new UsageError(`merge: the reports cannot be merged: one is not a complete simulation report (${e instanceof Error ? e.message : String(e)})`);
  }
  const { report } = merged;
  io.stdout(formatMerged(report));
  if (flags.json) writeOutput(flags.json, `${JSON.stringify(report, null, 2)}\n`, "--json", io.cwd);
  if (flags.coverage && report.coverage) {
    const text = flags.coverage.endsWith(".json") ? `${JSON.stringify(report.coverage, null, 2)}\n` : coverageTable(report.coverage, `${report.spec ?? report.file} (${report.shards.length} shards)`);
    writeOutput(flags.coverage, text, "--coverage", io.cwd);
  }
  switch (report.result) {
    case "error":
      return ExitCode.specError;
    case "violation":
      return report.verdicts?.some((v) => v.status === "violated" && v.expected !== "violated") === false ? ExitCode.incomplete : ExitCode.violation;
    default:
      return ExitCode.incomplete;
  }
}

/** A report file's JSON; a UsageError naming the file when it cannot be read or parsed. */
function readReport(file: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (e) {
    throw new UsageError(`merge: cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`merge: ${file} is not JSON: ${(e as Error).message}`);
  }
}
