import type { Binding, Json, Model } from "../model/model.ts";
import type { CheckResult, CheckStats, Trace } from "../check/result.ts";

/** Flattens a JSON state into `path → rendered value` pairs: `pc.1`, `msgs`, `refs`. */
export function flatten(value: Json, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v as Json, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** `cpu = 1, k = 2` for a binding. */
export function formatBinding(binding: Binding): string {
  if (!binding) return "";
  return Object.entries(binding)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join(", ");
}

/**
 * A trace for people: each step's action and binding, then only the fields that changed
 * (all fields for the initial state).
 */
export function formatTrace<S>(model: Model<S>, trace: Trace<S>, indent = "  "): string {
  const lines: string[] = [];
  let previous = new Map<string, string>();
  trace.forEach((step, i) => {
    const fields = flatten(model.codec.toJson(step.state));
    const head = step.action === null ? "initial state" : step.action;
    const binding = formatBinding(step.binding);
    lines.push(`${indent}${i + 1}. ${head}${binding ? `  (${binding})` : ""}`);
    let changed = 0;
    for (const [path, value] of fields) {
      if (previous.get(path) !== value) {
        lines.push(`${indent}     ${path} = ${value}`);
        changed++;
      }
    }
    if (changed === 0) lines.push(`${indent}     (no change)`);
    previous = fields;
  });
  return lines.join("\n");
}

/** `8 distinct states · 14 generated · depth 5 · 0.01 s · fingerprint collision probability 1.5e-18` */
export function formatStats(stats: CheckStats): string {
  const rate = stats.durationMs > 0 ? Math.round((stats.distinctStates * 1000) / stats.durationMs) : undefined;
  return [
    `${stats.distinctStates.toLocaleString("en-US")} distinct states`,
    `${stats.statesGenerated.toLocaleString("en-US")} generated`,
    `depth ${stats.depth}`,
    `${(stats.durationMs / 1000).toFixed(2)} s${rate !== undefined && stats.durationMs >= 100 ? ` (${rate.toLocaleString("en-US")} states/s)` : ""}`,
    ...(stats.queue > 0 ? [`${stats.queue.toLocaleString("en-US")} left in queue`] : []),
    // As TLC reports it: the chance that two distinct states shared a 64-bit fingerprint.
    `fingerprint collision probability ${stats.fingerprintCollisionProbability.toExponential(1)}`,
  ].join(" · ");
}

const STOP_TEXT = {
  "max-states": "the state limit (--max-states) was reached",
  "max-depth": "the depth limit (--max-depth) was reached",
  timeout: "the time limit (--timeout) was reached",
  interrupted: "the search was interrupted",
} as const;

/** The human report of a check result. */
export function formatResult<S>(model: Model<S>, result: CheckResult<S>, file?: string): string {
  const checked = result.properties.length ? result.properties.join(", ") : "no properties";
  switch (result.result) {
    case "ok":
      return `✓ ${model.name}: all properties hold (${checked})\n  ${formatStats(result.stats)}`;
    case "incomplete":
      return (
        `… ${model.name}: incomplete — ${STOP_TEXT[result.stoppedBy]}; no violation found so far (${checked})\n` +
        `  ${formatStats(result.stats)}`
      );
    case "violation": {
      const v = result.violation;
      const where = v.location ? ` (${v.location.file}:${v.location.line})` : file ? ` (${file})` : "";
      const title =
        v.kind === "deadlock" ? `✗ ${model.name}: deadlock reached${where}` : `✗ ${model.name}: invariant ${v.property} violated${where}`;
      const lines = [title];
      if (v.message) lines.push(`  ${v.message}`);
      lines.push("", `Shortest trace (${v.trace.length} state${v.trace.length === 1 ? "" : "s"}):`);
      lines.push(formatTrace(model, v.trace));
      if (v.kind === "deadlock") lines.push("     ↳ no action is enabled here");
      else lines.push(`     ↳ ${v.property} is false here`);
      lines.push("", `  ${formatStats(result.stats)}`);
      return lines.join("\n");
    }
  }
}
