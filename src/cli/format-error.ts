import path from "node:path";
import { fileURLToPath } from "node:url";
import { showValue } from "../model/encode-error.ts";
import type { SpecError } from "../model/spec-error.ts";
import { displayPath } from "../analysis/source-locations.ts";

const interleaveSrc = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The first stack frame of `error` in the user's code (not interleave's, not Node's or a dependency's). */
export function specFrame(error: unknown): { file: string; line: number; column: number } | undefined {
  const stack = stackOf(error);
  if (!stack) return undefined;
  for (const line of stack.split("\n").slice(1)) {
    // `at fn (/a/b (copy)/x.ts:3:7)` or `at /a/x.ts:3:7`: the path may itself contain " (" and ")".
    const m = /^at (?:.*? \()?((?:file:\/\/)?\/.*?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m) continue;
    const file = m[1].startsWith("file://") ? pathOfUrl(m[1]) : m[1];
    if (file === undefined || file.startsWith(interleaveSrc + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** The stack of anything thrown, if it has a readable one (a getter may throw). */
function stackOf(error: unknown): string | undefined {
  try {
    return error instanceof Error && typeof error.stack === "string" ? error.stack : undefined;
  } catch {
    return undefined;
  }
}

function pathOfUrl(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/**
 * One paragraph for a spec fault: the file and cause, the spec's own line when the fault came
 * from spec code, and the state it happened in. No stack trace of interleave's own code.
 */
export function formatSpecError(error: SpecError, file: string, cwd: string): string {
  const rel = (f: string) => displayPath(f, cwd);
  const d = error.details;
  const lines = [`error[${error.code}] ${rel(d.file ?? file)}: ${error.message}`];
  const at = specErrorLocation(error, file, cwd);
  if (at && error.code !== "type-error") lines.push(`  at ${at.file}:${at.line}:${at.column}`);
  if (d.state !== undefined) lines.push(`  in state ${showValue(d.state)}`);
  if (d.trace && d.trace.length > 0) lines.push(`  reached in ${d.trace.length} step${d.trace.length === 1 ? "" : "s"}`);
  return lines.join("\n");
}

/**
 * Where a spec fault is in the user's code, the file shown relative to `cwd`: the spec's own
 * stack frame when its code threw, else the line the error names. What the text report's
 * `at` line, `--json`'s `error.details.location` and the GitHub annotation all point at.
 */
export function specErrorLocation(error: SpecError, file: string, cwd: string): { file: string; line: number; column: number } | undefined {
  const d = error.details;
  const frame = d.cause !== undefined ? specFrame(d.cause) : undefined;
  if (frame) return { file: displayPath(frame.file, cwd), line: frame.line, column: frame.column };
  if (d.line !== undefined) return { file: displayPath(d.file ?? file, cwd), line: d.line, column: d.column ?? 1 };
  return undefined;
}
