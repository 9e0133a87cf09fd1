import path from "node:path";
import type { Command } from "commander";
import type { Diagnostic } from "../analysis/diagnostic.ts";
import { LINT_RULES, lintSpecFile } from "../analysis/lint.ts";
import { toGithubAnnotation } from "../export/github.ts";
import { ExitCode, type CliIO } from "./io.ts";

/** `interleave lint <file>`: mistakes the type checker cannot see; exit 2 when any is an error. */
export function registerLint(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("lint")
    .description("find spec mistakes the type checker cannot see (state mutation, randomness, unused bindings, dead fields)")
    .argument("<file>", "spec file (.ts)")
    .option("--json", "print the diagnostics as JSON")
    .addHelpText(
      "after",
      `
Output: one line per finding, file:line:col  severity  code  message (what editors and CI log
matchers read). Errors: syntax-error, ${rulesOf("error")}.
Warnings: ${rulesOf("warning")}.

Exit codes:
  0  no errors (warnings may be printed)
  2  at least one error, or the file is missing or unreadable

Example:
  interleave lint specs/x.ts`,
    )
    .action((file: string, flags: { json?: boolean }) => {
      const abs = path.resolve(io.cwd, file);
      const diagnostics = lintSpecFile(abs).map((d) => ({ ...d, file: shown(d.file, io.cwd) }));
      if (flags.json) io.stdout(`${JSON.stringify(diagnostics, null, 2)}\n`);
      else if (diagnostics.length === 0) io.stdout(`✓ ${shown(abs, io.cwd)}: no problems found\n`);
      else io.stdout(formatDiagnostics(diagnostics));
      setExit(diagnostics.some((d) => d.severity === "error") ? ExitCode.specError : ExitCode.ok);
    });
}

/**
 * The fast lint rules `check` runs before exploring (their findings `found`, when already
 * computed). Prints errors (and warnings of those rules) to stderr and returns true when the
 * check must be refused.
 */
export function lintGate(file: string, io: CliIO, github = false, found?: readonly Diagnostic[]): boolean {
  const diagnostics = (found ?? lintSpecFile(file, { fastOnly: true })).map((d) => ({ ...d, file: shown(d.file, io.cwd) }));
  if (diagnostics.length === 0) return false;
  const errors = diagnostics.filter((d) => d.severity === "error");
  io.stderr(formatDiagnostics(diagnostics));
  if (github) for (const d of diagnostics) io.stdout(toGithubAnnotation({ ...d, code: `lint ${d.code}` }));
  if (errors.length > 0) io.stderr(`refusing to check: ${errors.length} lint error${errors.length === 1 ? "" : "s"} (fix them, or skip with --no-lint)\n`);
  return errors.length > 0;
}

/** `file:line:col  error  code  message` lines, as editors and CI log matchers read them. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}\n`).join("");
}

function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function rulesOf(severity: "error" | "warning"): string {
  return Object.entries(LINT_RULES)
    .filter(([, rule]) => rule.severity === severity)
    .map(([code]) => code)
    .join(", ");
}
