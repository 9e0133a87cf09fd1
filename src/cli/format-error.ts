import path from "node:path";
import { fileURLToPath } from "node:url";
import { showValue } from "../model/encode-error.ts";
import type { SpecError } from "../model/spec-error.ts";
import type { Fault } from "./check-job.ts";
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
  return formatFault(toFault(error, file, cwd));
}

/** A spec fault as plain data for a report, located in the spec where possible (see {@link specErrorLocation}). */
export function toFault(error: SpecError, file: string, cwd: string): Fault {
  const d = error.details;
  const location = specErrorLocation(error, file, cwd);
  return {
    code: error.code,
    message: error.message,
    file: displayPath(d.file ?? file, cwd),
    ...(location ? { location } : {}),
    ...(d.state !== undefined ? { state: d.state } : {}),
    ...(d.trace && d.trace.length > 0 ? { steps: d.trace.length } : {}),
  };
}

/** The paragraph of {@link formatSpecError}, from a fault's data. */
export function formatFault(fault: Fault): string {
  const lines = [`error[${fault.code}] ${fault.file}: ${fault.message}`];
  const at = fault.location;
  if (at && fault.code !== "type-error") lines.push(`  at ${at.file}:${at.line}:${at.column}`);
  if (fault.state !== undefined) lines.push(`  in state ${showValue(fault.state)}`);
  if (fault.steps !== undefined) lines.push(`  reached in ${fault.steps} step${fault.steps === 1 ? "" : "s"}`);
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
