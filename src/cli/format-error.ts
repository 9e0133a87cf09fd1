import path from "node:path";
import { fileURLToPath } from "node:url";
import { showValue } from "../model/encode-error.ts";
import type { SpecError } from "../model/spec-error.ts";
import { displayPath } from "../analysis/source-locations.ts";

const interleaveSrc = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The first stack frame of `error` in the user's code (not interleave's, not Node's or a dependency's). */
export function specFrame(error: unknown): { file: string; line: number; column: number } | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  for (const line of stack.split("\n").slice(1)) {
    const m = /(?:\(|^at )((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m) continue;
    const file = m[1].startsWith("file://") ? fileURLToPath(m[1]) : m[1];
    if (file.startsWith(interleaveSrc + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/**
 * One paragraph for a spec fault: the file and cause, the spec's own line when the fault came
 * from spec code, and the state it happened in. No stack trace of interleave's own code.
 */
export function formatSpecError(error: SpecError, file: string, cwd: string): string {
  const rel = (f: string) => displayPath(f, cwd);
  const d = error.details;
  const lines = [`error[${error.code}] ${rel(d.file ?? file)}: ${error.message}`];
  const frame = d.cause !== undefined ? specFrame(d.cause) : undefined;
  if (frame) lines.push(`  at ${rel(frame.file)}:${frame.line}:${frame.column}`);
  else if (d.line !== undefined && error.code !== "type-error") lines.push(`  at ${rel(d.file ?? file)}:${d.line}:${d.column ?? 1}`);
  if (d.state !== undefined) lines.push(`  in state ${showValue(d.state)}`);
  if (d.trace && d.trace.length > 0) lines.push(`  reached in ${d.trace.length} step${d.trace.length === 1 ? "" : "s"}`);
  return lines.join("\n");
}
