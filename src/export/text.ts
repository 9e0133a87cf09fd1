import { formatPath } from "../model/field-path.ts";
import type { Binding, Json } from "../model/model.ts";
import type { CheckResult, CheckStats, CheckWarning, StopReason, Trace, Violation } from "../check/result.ts";
import type { SimulationSummary } from "../check/simulation-options.ts";
import { coverageLine } from "./coverage-text.ts";
import { processTitle, programSteps, type ProgramStep, type ReportAction } from "./process-steps.ts";
import { foundBy, noViolationText, simulationStats } from "./simulation-text.ts";

/** Flattens a JSON state into `path → rendered value` pairs: `pc[1]`, `queue[0].from`, `refs` (see `formatPath`). */
export function flatten(value: Json, path: readonly string[] = [], out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((v, i) => flatten(v as Json, [...path, String(i)], out));
  } else if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v as Json, [...path, k], out);
  } else {
    out.set(formatPath(path), JSON.stringify(value));
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
 * What the exporters need of a model: its name, how its states read as JSON, and what a trace
 * says of its actions (location, process step). Every `Model` is one; {@link jsonModel} is one
 * for results whose states are JSON already.
 */
export interface ReportModel<S> {
  readonly name: string;
  readonly codec: { toJson(state: S): Json };
  /** The fairness conditions (a lasso that stutters says whether any were declared). */
  readonly fairness?: readonly unknown[];
  /** The actions, for traces in the program's terms (absent: steps named by action only). */
  readonly actions?: readonly ReportAction[];
}

/**
 * The report model of results whose states are already JSON (e.g. received from another
 * thread); `fairness` stands for the model's fairness conditions, `actions` describes its actions.
 */
export function jsonModel(name: string, fairness: readonly unknown[] = [], actions: readonly ReportAction[] = []): ReportModel<Json> {
  return { name, codec: { toJson: (state) => state }, fairness, actions };
}

/**
 * A trace for people: each step's action and binding — for the step of a process, the process
 * instance, its label, its source line and the statement it stands for — then only the fields
 * that changed (all fields for the initial state).
 */
export function formatTrace<S>(
  model: ReportModel<S>,
  trace: Trace<S>,
  indent = "  ",
  mark?: (index: number) => string | undefined,
): string {
  const lines: string[] = [];
  let previous = new Map<string, string>();
  const steps = programSteps(model, trace);
  trace.forEach((step, i) => {
    const fields = flatten(model.codec.toJson(step.state));
    const note = mark?.(i);
    lines.push(`${indent}${stepHeading(steps[i])}${note ? `   ${note}` : ""}`);
    if (steps[i].code !== undefined) lines.push(`${indent}     ▸ ${steps[i].code}`);
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

/**
 * `2. csdLock`, `4. setCpumask  (mask = [1])`; for the step of a process, the process instance,
 * its label and the spec line that defines the step: `11. handler[2] · ipi  (specs/x.ts:210)`.
 */
export function stepHeading(step: ProgramStep): string {
  const binding = formatBinding(step.binding);
  const args = binding ? `  (${binding})` : "";
  if (step.action === null) return `${step.number}. initial state`;
  if (step.process === undefined) return `${step.number}. ${step.action}${args}`;
  const where = step.location ? `  (${step.location.file}:${step.location.line})` : "";
  return `${step.number}. ${processTitle(step.process)} · ${step.label}${args}${where}`;
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

const STOP_TEXT: { readonly [reason in StopReason]: string } = {
  "max-states": "the state limit (--max-states) was reached",
  "max-depth": "the depth limit (--max-depth) was reached",
  timeout: "the time limit (--timeout) was reached",
  interrupted: "the search was interrupted",
  memory: "memory ran low and the memory guard stopped the search",
  behaviours: "the simulation ran all its behaviours",
} as const;

/** What {@link formatResult} shows beyond the verdict. */
export interface FormatOptions {
  /** Print the shortest witness trace of each `sometimes` property that holds. */
  readonly witnesses?: boolean;
  /** False when the search was not breadth-first, so traces are valid but not necessarily shortest. */
  readonly shortest?: boolean;
}

/** The human report of a check result. */
export function formatResult<S>(model: ReportModel<S>, result: CheckResult<S>, file?: string, options: FormatOptions = {}): string {
  return [verdict(model, result, file, options.shortest ?? true), ...extras(model, result, options)].join("\n");
}

function verdict<S>(model: ReportModel<S>, result: CheckResult<S>, file: string | undefined, shortest: boolean): string {
  const checked = result.properties.length ? result.properties.join(", ") : "no properties";
  const sim = result.simulation as SimulationSummary<unknown> | undefined;
  const stats = [sim ? simulationStats(result.stats, sim) : formatStats(result.stats), ...(result.coverage ? [coverageLine(result.coverage).trimStart()] : [])].join("\n  ");
  switch (result.result) {
    case "ok":
      return `✓ ${model.name}: all properties hold (${checked})\n  ${stats}`;
    case "incomplete":
      if (sim && result.stoppedBy === "behaviours") return `${noViolationText(model.name, sim, checked)}\n  ${stats}`;
      return `… ${model.name}: incomplete — ${STOP_TEXT[result.stoppedBy]}; no violation found so far (${checked})\n  ${stats}`;
    case "violation": {
      const blocks = result.violations.map((v) => violationBlock(model, v, result.stats, file, shortest && !sim, sim));
      const stopped = result.stoppedBy ? [`… then ${STOP_TEXT[result.stoppedBy]}: the other properties are undecided`] : [];
      return [...blocks, ...stopped, `  ${stats}`].join("\n\n");
    }
  }
}

/** One violation: what is violated, where, and the trace (a lasso for a temporal property). */
function violationBlock<S>(
  model: ReportModel<S>,
  v: Violation<S>,
  stats: CheckStats,
  file: string | undefined,
  shortest: boolean,
  sim?: SimulationSummary<unknown>,
): string {
  const where = v.location ? ` (${v.location.file}:${v.location.line})` : file ? ` (${file})` : "";
  const lines = [`✗ ${model.name}: ${TITLE[v.kind](v.property)}${where}`];
  if (v.message) lines.push(`  ${v.message}`);
  if (sim) lines.push(foundBy(sim, v as Violation<unknown>));
  switch (v.kind) {
    case "liveness":
      lines.push("", formatLasso(model, v));
      break;
    case "sometimes":
      lines.push(`  (searched all ${stats.distinctStates.toLocaleString("en-US")} reachable states)`);
      break;
    case "deadlock":
    case "invariant":
      lines.push("", `${shortest ? "Shortest trace" : "Trace"} (${v.trace.length} state${v.trace.length === 1 ? "" : "s"}${v.shortenedFrom ? `, shortened from the behaviour's ${v.shortenedFrom}` : ""}):`);
      lines.push(formatTrace(model, v.trace));
      lines.push(v.kind === "deadlock" ? "     ↳ no action is enabled here" : `     ↳ ${v.property} is false here`);
      break;
  }
  return lines.join("\n");
}

const TITLE: Record<Violation<unknown>["kind"], (name: string) => string> = {
  invariant: (name) => `invariant ${name} violated`,
  deadlock: () => "deadlock reached",
  sometimes: (name) => `sometimes ${name} never happens`,
  liveness: (name) => `temporal property ${name} violated`,
};

/**
 * A lasso counterexample: the prefix, the cycle marked where it starts, and its end marked
 * "back to state k" (or "stutters here forever").
 */
export function formatLasso<S>(model: ReportModel<S>, v: Violation<S>): string {
  const start = v.loopStart ?? v.trace.length - 1;
  const cycle = v.stuttering ? 0 : v.trace.length - 1 - start;
  const head = v.stuttering
    ? `Counterexample (${v.trace.length} state${v.trace.length === 1 ? "" : "s"}, then stuttering forever):`
    : `Counterexample (a lasso: ${start} step${start === 1 ? "" : "s"} to state ${start + 1}, then a cycle of ${cycle} ` +
      `step${cycle === 1 ? "" : "s"} back to it, repeated forever):`;
  const last = v.trace.length - 1;
  const cycleMark = (i: number): string | undefined =>
    v.stuttering ? undefined : i === last ? `↻ back to state ${start + 1}` : i === start ? "⟲ cycle starts here" : undefined;
  // Finite stuttering steps the formula's step predicates see, in the order they happen.
  const [once, everyLap] = [new Set(v.stutterAfter ?? []), new Set(v.stutterInCycle ?? [])];
  const mark = (i: number): string | undefined =>
    [
      once.has(i) ? "then the state repeats once (a stuttering step)" : undefined,
      cycleMark(i),
      everyLap.has(i) ? "then the state repeats (a stuttering step) on every lap" : undefined,
    ]
      .filter(Boolean)
      .join(" · ") || undefined;
  const out = [head, formatTrace(model, v.trace, "  ", mark)];
  // Fairness is mentioned only when the spec declares some (else every behaviour may stop anywhere).
  const why = model.fairness?.length ? ": no fairness condition forces a step" : "";
  if (v.stuttering) out.push(`     ↻ stutters here forever${why} (state ${start + 1})`);
  return out.join("\n");
}

function extras<S>(model: ReportModel<S>, result: CheckResult<S>, options: FormatOptions): string[] {
  const out: string[] = [];
  const replayed = result.simulation?.replayed;
  if (replayed && result.result !== "violation") {
    out.push("", `Behaviour ${replayed.index} (${replayed.trace.length} state${replayed.trace.length === 1 ? "" : "s"}):`, formatTrace(model, replayed.trace));
  }
  if (options.witnesses) {
    for (const w of result.witnesses ?? []) {
      out.push("", `Witness for ${w.property} (${w.trace.length} state${w.trace.length === 1 ? "" : "s"}):`, formatTrace(model, w.trace));
    }
  }
  const warnings = result.warnings ?? [];
  if (warnings.length) out.push("", ...warnings.map(formatWarning));
  return out;
}

export function formatWarning(w: CheckWarning): string {
  return `⚠ warning: ${w.message}`;
}
