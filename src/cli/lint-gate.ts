import { lintSpecFile } from "../analysis/lint.ts";
import { toGithubAnnotation } from "../export/github.ts";
import type { CliIO } from "./io.ts";
import { formatDiagnostics, shown } from "./lint-command.ts";

/**
 * The fast lint rules `check` runs before loading a spec. Prints errors (and warnings of those
 * rules) to stderr and returns true when the check must be refused.
 */
export function lintGate(file: string, io: CliIO, github = false): boolean {
  const diagnostics = lintSpecFile(file, { fastOnly: true }).map((d) => ({ ...d, file: shown(d.file, io.cwd) }));
  if (diagnostics.length === 0) return false;
  const errors = diagnostics.filter((d) => d.severity === "error");
  io.stderr(formatDiagnostics(diagnostics));
  if (github) for (const d of diagnostics) io.stdout(toGithubAnnotation({ ...d, code: `lint ${d.code}` }));
  if (errors.length > 0) io.stderr(`refusing to check: ${errors.length} lint error${errors.length === 1 ? "" : "s"} (fix them, or skip with --no-lint)\n`);
  return errors.length > 0;
}

