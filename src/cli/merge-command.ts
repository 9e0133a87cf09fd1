import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { coverageTable } from "../export/coverage-text.ts";
import { mergeReports, type MergedReport, type NamedReport } from "../export/merge-reports.ts";
import { formatMerged } from "../export/merge-text.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { checkOutputTarget, writeOutput } from "./output-file.ts";
import { UsageError } from "./params.ts";

/** The flags of `interleave merge`. */
export interface MergeFlags {
  json?: string;
  coverage?: string;
}

/** `interleave merge <reports...>`: one verdict, coverage and statistics over the reports of a swarm's shards. */
export function registerMerge(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("merge")
    .description("combine the --json reports of simulation shards: one verdict, the shortest trace, united coverage")
    .argument("<reports...>", "the --json reports of `interleave simulate --shard i/N` (e.g. reports/shard-*.json)")
    .option("--json <file>", "write the merged report (version 1, with `shards`) to <file>")
    .option("--coverage <file>", "write the merged coverage table to <file>: Markdown, or JSON for a .json name")
    .addHelpText(
      "after",
      `
Exit codes (what a CI job needs):
  1  some shard found a violation: the shortest trace of each violated property is printed,
     with the shard, seed and behaviour that replay it
  2  some shard met a spec error
  3  usage error: a report that cannot be read, is not a simulation's, or is of another spec
  4  no shard found a violation (a simulation never shows that a property holds)`,
    )
    .action((reports: string[], flags: MergeFlags) => setExit(runMerge(reports, flags, io)));
}

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
