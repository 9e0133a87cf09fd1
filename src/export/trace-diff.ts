import type { Trace } from "../check/result.ts";
import { flatten, formatBinding, type ReportModel } from "./text.ts";

/**
 * A trace as a unified-diff-like text, the way assertion libraries show a changed value: the
 * initial state in full, then for each step `- field: old` / `+ field: new` for the fields the
 * step changed. Pure.
 *
 * ```text
 *   initial state
 *     n: 0
 *   step 1: add (k = 2)
 *   - n: 0
 *   + n: 2
 * ```
 */
export function formatTraceDiff<S>(model: ReportModel<S>, trace: Trace<S>, indent = "  "): string {
  const lines: string[] = [];
  let previous: Map<string, string> | undefined;
  trace.forEach((step, i) => {
    const fields = flatten(model.codec.toJson(step.state));
    if (!previous) {
      lines.push(`${indent}initial state`);
      for (const [path, value] of fields) lines.push(`${indent}  ${path}: ${value}`);
    } else {
      const binding = formatBinding(step.binding);
      lines.push(`${indent}step ${i}: ${step.action}${binding ? ` (${binding})` : ""}`);
      let changed = 0;
      for (const [path, value] of fields) {
        const old = previous.get(path);
        if (old === value) continue;
        if (old !== undefined) lines.push(`${indent}- ${path}: ${old}`);
        lines.push(`${indent}+ ${path}: ${value}`);
        changed++;
      }
      if (changed === 0) lines.push(`${indent}  (no change)`);
    }
    previous = fields;
  });
  return lines.join("\n");
}
