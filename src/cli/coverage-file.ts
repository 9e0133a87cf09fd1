import path from "node:path";
import type { CheckResult } from "../check/result.ts";
import { coverageTable } from "../export/coverage-text.ts";
import type { CliIO } from "./io.ts";
import { writeOutput } from "./output-file.ts";

/**
 * Writes `--coverage FILE`: the full coverage table as Markdown, or the coverage data as JSON
 * for a `.json` name (the `coverage` member of `--json`'s report).
 */
export function writeCoverage(target: string | undefined, result: CheckResult<unknown>, title: string, io: CliIO): void {
  if (!target || !result.coverage) return;
  const text = target.endsWith(".json") ? `${JSON.stringify(result.coverage, null, 2)}\n` : coverageTable(result.coverage, title, result.simulation);
  const out = writeOutput(target, text, "--coverage", io.cwd);
  io.stderr(`coverage table: ${path.relative(io.cwd, out) || out}\n`);
}
