import { coverageLine } from "./coverage-text.ts";
import type { MergedReport, MergedViolation } from "./merge-reports.ts";
import type { Violation } from "../check/result.ts";
import type { Json } from "../model/model.ts";
import { formatLasso, formatTrace, jsonModel } from "./text.ts";
import { propertyTitle } from "./property-title.ts";
import type { ReportAction } from "./process-steps.ts";
import { SIMULATION_DEFAULTS } from "../check/simulation-defaults.ts";

const n = (x: number): string => x.toLocaleString("en-US");

/** The text report of `interleave merge`: the verdict over all shards, the shortest trace, the totals and coverage. */
export function formatMerged(report: MergedReport): string {
  const name = report.spec ?? report.file;
  const lines = [`interleave merge — ${report.shards.length} report${report.shards.length === 1 ? "" : "s"} of spec "${name}" (${report.file})`];
  switch (report.result) {
    case "error":
      lines.push(`✗ a shard met a spec error: ${report.error!.code}: ${report.error!.message}`);
      break;
    case "violation":
      for (const v of report.violations ?? []) lines.push(...violationLines(report, v), "");
      break;
    case "incomplete":
    case "ok":
      lines.push(
        `… ${name}: no violation found in ${n(report.simulation?.behaviours ?? 0)} behaviours of ${report.shards.length} shard${report.shards.length === 1 ? "" : "s"} — ` +
          `a simulation never shows that a property holds (${report.properties.join(", ")})`,
      );
      break;
  }
  if (report.stats && report.simulation) {
    const states = report.coverage?.states;
    lines.push(
      `  ${n(report.simulation.behaviours)} behaviours · ${n(report.simulation.steps)} steps · ` +
        `~${n(report.stats.distinctStates)} distinct states${states ? ` (±${(states.relativeError * 100).toFixed(2)} %, the shards' sketches united)` : ""} · ` +
        `${n(report.stats.statesGenerated)} generated`,
    );
  }
  if (report.coverage) lines.push(coverageLine(report.coverage));
  for (const s of report.shards) {
    lines.push(`  ${s.shard ? `shard ${s.shard.index}/${s.shard.count}` : "run"} (${s.file}): ${s.result}${s.result === "error" ? "" : `, ${n(s.behaviours)} behaviour${s.behaviours === 1 ? "" : "s"}, ${n(s.distinctStates ?? 0)} distinct states`}`);
  }
  for (const w of report.warnings ?? []) lines.push(`⚠ warning: ${w.message}`);
  return `${lines.join("\n")}\n`;
}

function violationLines(report: MergedReport, v: MergedViolation): string[] {
  const where = v.location ? ` (${v.location.file}:${v.location.line})` : "";
  const shard = v.shard ? `shard ${v.shard.index}/${v.shard.count}` : "the run";
  const depth = report.simulation?.depth;
  const sets = Object.entries(report.params ?? {}).map(([name, value]) => `--set ${name}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const replay = [
    ...sets,
    `--seed ${v.seed}`,
    ...(v.shard ? [`--shard ${v.shard.index}/${v.shard.count}`] : []),
    ...(depth !== undefined && depth !== SIMULATION_DEFAULTS.depth ? [`--depth ${depth}`] : []),
    `--behaviour ${v.behaviour}`,
  ].join(" ");
  const out = [`✗ ${report.spec}: ${propertyTitle(v.kind, v.property)} violated${where}`];
  if (v.message) out.push(`  ${v.message}`);
  out.push(`  found by ${shard} (${v.from}), behaviour ${v.behaviour}, seed ${v.seed}; replay it: interleave simulate ${report.file} ${replay}`);
  out.push("");
  const steps = v.trace.map((s) => ({ action: s.action, binding: s.params, state: s.state }));
  // A report's states are JSON already; the report does not say which fairness the spec
  // declares. Its steps say which process step each action is, so traces keep program terms.
  const model = jsonModel(report.spec ?? report.file, [], stepActions(v.trace));
  if (v.loopStart !== undefined) {
    out.push(formatLasso(model, { ...v, trace: steps } as unknown as Violation<Json>));
  }
  else {
    out.push(`Shortest of the shards' traces (${steps.length} state${steps.length === 1 ? "" : "s"}):`, formatTrace(model, steps));
    out.push(v.kind === "deadlock" ? "     ↳ no action is enabled here" : `     ↳ ${v.property} is false here`);
  }
  return out;
}

/** The actions a report's trace steps describe (name, location, process step), as the trace formatter reads them. */
function stepActions(trace: MergedViolation["trace"]): ReportAction[] {
  const actions = new Map<string, ReportAction>();
  for (const step of trace) {
    if (step.action === null || actions.has(step.action)) continue;
    actions.set(step.action, {
      name: step.action,
      ...(step.location ? { location: step.location } : {}),
      ...(step.process && step.label !== undefined ? { process: { process: step.process.name, label: step.label, ...(step.code === undefined ? {} : { code: step.code }) } } : {}),
    });
  }
  return [...actions.values()];
}
