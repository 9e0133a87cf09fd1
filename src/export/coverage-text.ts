import type { Coverage, FieldCoverage } from "../check/coverage.ts";
import type { SimulationSummary } from "../check/simulation-options.ts";

const n = (x: number): string => x.toLocaleString("en-US");

/** Fields with at most this many values are named in the compact line when some value never occurred. */
const SMALL_DOMAIN = 64;

/**
 * Coverage in one line for the text report: how many actions fired (naming those that never
 * did), how many parts of the state took every value of their domain (naming a few small
 * domains that did not), the widest level, and for a simulation the distinct states estimated.
 *
 * `  coverage: 3/3 actions fired · 2 of 3 fields took every value (mode 1/2) · widest level 4 states (depth 3)`
 */
export function coverageLine(coverage: Coverage): string {
  const parts: string[] = [];
  const never = coverage.actions.filter((a) => a.fired === 0).map((a) => a.action);
  parts.push(`${coverage.actions.length - never.length}/${coverage.actions.length} actions fired${never.length ? ` (never: ${listed(never, 4)})` : ""}`);
  if (coverage.fields.length > 0) {
    const full = coverage.fields.filter((f) => f.domain !== null && f.distinct >= f.domain);
    const short = coverage.fields.filter((f) => f.domain !== null && f.domain <= SMALL_DOMAIN && f.distinct < f.domain);
    const named = short.length ? ` (${listed(short.map(ratio), 3)})` : "";
    parts.push(`${full.length} of ${coverage.fields.length} fields took every value${named}`);
  }
  if (coverage.depths.length > 0) {
    let widest = 0;
    coverage.depths.forEach((c, d) => (c > coverage.depths[widest] ? (widest = d) : undefined));
    parts.push(`widest level ${n(coverage.depths[widest])} state${coverage.depths[widest] === 1 ? "" : "s"} (depth ${widest + 1})`);
  }
  if (coverage.states) parts.push(`~${n(coverage.states.estimate)} distinct states met (±${percent(coverage.states.relativeError)})`);
  return `  coverage: ${parts.join(" · ")}`;
}

/**
 * The full coverage table (`--coverage FILE`), as Markdown that also reads as plain text: per
 * action, per part of the state, per depth.
 */
export function coverageTable(coverage: Coverage, title: string, simulation?: SimulationSummary<unknown>): string {
  const out = [`# Coverage: ${title}`, ""];
  if (simulation) {
    out.push(`${n(simulation.behaviours)} behaviours of at most ${n(simulation.depth)} states, ${n(simulation.steps)} steps (seed ${simulation.seed}${simulation.shard ? `, shard ${simulation.shard.index}/${simulation.shard.count}` : ""}).`);
  }
  if (coverage.states) out.push(`Distinct states met: ~${n(coverage.states.estimate)} (HyperLogLog estimate, ±${percent(coverage.states.relativeError)}).`);
  if (out.length > 2) out.push("");
  out.push("## Actions", "", ...table(["action", "enabled", "fired", "discovered"], coverage.actions.map((a) => [a.action, n(a.enabled), n(a.fired), n(a.discovered)])));
  out.push("", "enabled: states expanded in which it produced a successor · fired: successors it produced · discovered: those new to the visited set");
  if (coverage.fields.length > 0) {
    out.push("", "## Fields", "", ...table(["field", "values seen", "domain", "share"], coverage.fields.map((f) => [f.path, `${f.estimated ? "~" : ""}${n(f.distinct)}`, f.domain === null ? "huge" : n(f.domain), share(f)])));
  }
  out.push("", "## States per depth", "", ...table(["depth", "states"], coverage.depths.map((c, d) => [String(d + 1), n(c)])));
  return `${out.join("\n")}\n`;
}

/** `a, b, c, … (7 more)` */
function listed(items: readonly string[], most: number): string {
  return items.length <= most ? items.join(", ") : `${items.slice(0, most).join(", ")}, … (${items.length - most} more)`;
}

function ratio(f: FieldCoverage): string {
  return `${f.path} ${f.distinct}/${f.domain}`;
}

function share(f: FieldCoverage): string {
  if (f.domain === null) return "—";
  const s = f.distinct / f.domain;
  return s >= 1 ? "100 %" : s >= 0.001 ? percent(s) : s > 0 ? `${s.toExponential(1)}` : "0 %";
}

function percent(x: number): string {
  const p = x * 100;
  return `${p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toFixed(2)} %`;
}

/** A Markdown table with columns padded to their widest cell (numbers right-aligned). */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(" | ")} |`;
  return [line(head), `|${widths.map((w, c) => (c === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...rows.map(line)];
}
