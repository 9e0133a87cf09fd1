import { mergeCoverage } from "../check/coverage-merge.ts";
import type { StopReason } from "../check/result.ts";
import { collisionProbability } from "../state/fingerprint.ts";
import { REPORT_VERSION, type Report, type ReportViolation } from "./json-report.ts";

/** One shard's part in a merged report. */
export interface ShardSummary {
  /** The report file it came from, as given. */
  readonly file: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly seed: number | null;
  readonly result: Report["result"];
  readonly behaviours: number;
  readonly steps: number;
  readonly distinctStates: number | null;
}

/** A violation in a merged report: which shard and seed found it (replay with both and its `behaviour`). */
export type MergedViolation = ReportViolation & { readonly shard: ShardSummary["shard"]; readonly seed: number | null; readonly from: string };

/** The `--json` report of `interleave merge`: a report of version 1 over all the shards, and each shard's part. */
export type MergedReport = Omit<Report, "violation" | "violations" | "warnings"> & {
  readonly violation?: MergedViolation;
  readonly violations?: readonly MergedViolation[];
  /** Every shard's report, in the order given. */
  readonly shards: readonly ShardSummary[];
  /** Shards missing from the swarm, or given twice. */
  readonly warnings?: readonly { readonly kind: "merge"; readonly message: string }[];
  readonly verdicts?: readonly Verdict[];
};

/** A report as read from a file: its name (for messages) and its parsed JSON. */
export interface NamedReport {
  readonly file: string;
  readonly report: unknown;
}

/** A property's verdict over all the shards. */
export type Verdict = { readonly property: string; readonly status: "holds" | "violated" | "unknown"; readonly expected: string };

/**
 * Combines the `--json` reports of the shards of one simulation (`interleave simulate --shard
 * i/N --json …`): the verdict (a spec error in any shard; else, per property, the shortest
 * violation any shard found — ties to the lowest shard; else no violation found), the coverage
 * (counts summed, sketches united), the statistics (behaviours, steps and states generated
 * summed; distinct states estimated from the united sketch). Throws RangeError naming the file
 * for a report that is not a simulation's or does not belong with the others; returns warnings
 * for shards that are missing or ran the same behaviours twice.
 */
export function mergeReports(inputs: readonly NamedReport[]): { report: MergedReport; warnings: string[] } {
  if (inputs.length === 0) throw new RangeError("no reports to merge");
  const reports = inputs.map(({ file, report }) => ({ file, report: simulationReport(file, report) }));
  const [first] = reports;
  for (const { file, report } of reports.slice(1)) {
    for (const key of ["file", "spec", "params"] as const) {
      if (report.result !== "error" && first.report.result !== "error" && JSON.stringify(report[key]) !== JSON.stringify(first.report[key])) {
        throw new RangeError(`${file}: its ${key} is ${JSON.stringify(report[key])}, but ${first.file} has ${JSON.stringify(first.report[key])}: reports of different runs`);
      }
    }
  }
  const shards: ShardSummary[] = reports.map(({ file, report }) => ({
    file,
    shard: report.simulation?.shard ?? null,
    seed: report.simulation?.seed ?? null,
    result: report.result,
    behaviours: report.simulation?.behaviours ?? 0,
    steps: report.simulation?.steps ?? 0,
    distinctStates: report.stats?.distinctStates ?? null,
  }));
  const warnings = shardWarnings(shards);
  const ran = reports.filter(({ report }) => report.result !== "error");
  const failed = reports.find(({ report }) => report.result === "error");
  const coverage = ran.length > 0 ? mergeCoverage(ran.map(({ file, report }) => withSketches(file, report))) : undefined;
  const base = {
    version: REPORT_VERSION,
    spec: (ran[0] ?? first).report.spec,
    file: (ran[0] ?? first).report.file,
    params: (ran[0] ?? first).report.params,
    properties: (ran[0] ?? first).report.properties,
    stats:
      ran.length === 0
        ? null
        : {
            distinctStates: coverage!.states!.estimate,
            statesGenerated: sum(ran.map(({ report }) => report.stats!.statesGenerated)),
            depth: Math.max(...ran.map(({ report }) => report.stats!.depth)),
            durationMs: Math.max(...ran.map(({ report }) => report.stats!.durationMs)),
            queue: 0,
            fingerprintCollisionProbability: collisionProbability(coverage!.states!.estimate),
          },
    ...(coverage ? { coverage } : {}),
    ...(ran.length > 0
      ? {
          simulation: {
            seed: ran[0].report.simulation!.seed,
            behaviours: sum(shards.map((s) => s.behaviours)),
            steps: sum(shards.map((s) => s.steps)),
            depth: Math.max(...ran.map(({ report }) => report.simulation!.depth)),
          },
        }
      : {}),
    shards,
    ...(warnings.length ? { warnings: warnings.map((message) => ({ kind: "merge" as const, message })) } : {}),
  };
  if (failed) {
    const { error } = failed.report;
    return { report: { ...base, result: "error", error: { ...error!, message: `${failed.file}: ${error!.message}` } } as MergedReport, warnings };
  }
  const violations = shortestPerProperty(reports, base.properties);
  const verdicts = mergedVerdicts(ran.map(({ report }) => (report as { verdicts?: Verdict[] }).verdicts ?? []));
  const extra = { ...(verdicts.length ? { verdicts } : {}) };
  if (violations.length > 0) {
    const shortest = violations.reduce((best, v) => (v.trace.length < best.trace.length ? v : best));
    return { report: { ...base, ...extra, result: "violation", violation: shortest, violations } as MergedReport, warnings };
  }
  const reasons = ran.map(({ report }) => report.stoppedBy).filter((r): r is StopReason => r !== undefined);
  const stoppedBy = reasons.find((r) => r !== "behaviours") ?? "behaviours";
  return { report: { ...base, ...extra, result: "incomplete", stoppedBy } as MergedReport, warnings };
}

/** The report in `value`, when it is a simulation's `--json` report (or a spec error); else a RangeError naming `file`. */
function simulationReport(file: string, value: unknown): Report {
  const r = value as Partial<Report> | null;
  if (typeof r !== "object" || r === null || r.version === undefined) throw new RangeError(`${file}: not an interleave --json report`);
  if (r.version !== REPORT_VERSION) throw new RangeError(`${file}: report version ${JSON.stringify(r.version)}, this interleave reads version ${REPORT_VERSION}`);
  if (r.result === "error") return r as Report;
  if (typeof r.simulation !== "object" || r.simulation === null) throw new RangeError(`${file}: not a simulation's report (no "simulation"): merge combines the reports of interleave simulate --json`);
  return r as Report;
}

function withSketches(file: string, report: Report) {
  if (!report.coverage?.sketches) throw new RangeError(`${file}: its coverage has no sketches (write it with interleave simulate --json)`);
  return report.coverage;
}

/** Shards missing from a swarm, shards given twice, and runs that repeat the same behaviours. */
function shardWarnings(shards: readonly ShardSummary[]): string[] {
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  for (const s of shards) {
    if (s.result === "error") continue;
    const key = `${s.seed} ${s.shard ? `${s.shard.index}/${s.shard.count}` : "-"}`;
    const other = seen.get(key);
    if (other) warnings.push(`${s.file} ran the same behaviours as ${other} (seed ${s.seed}${s.shard ? `, shard ${s.shard.index}/${s.shard.count}` : ", no shard"}): they count twice`);
    seen.set(key, s.file);
  }
  const counts = [...new Set(shards.flatMap((s) => (s.shard ? [s.shard.count] : [])))];
  if (counts.length > 1) warnings.push(`the reports come from swarms of different sizes (${counts.join(", ")})`);
  for (const count of counts) {
    const missing: number[] = [];
    for (let i = 1; i <= count; i++) if (!shards.some((s) => s.shard?.count === count && s.shard.index === i)) missing.push(i);
    if (missing.length) warnings.push(`no report of shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${count}`).join(", ")}: the merge covers less than the swarm`);
  }
  return warnings;
}

/** Per violated property, the shortest trace any shard found (ties: the first report given), in property order. */
function shortestPerProperty(reports: readonly { file: string; report: Report }[], properties: readonly string[]): MergedViolation[] {
  const best = new Map<string, MergedViolation>();
  const ordered = [...reports].sort((a, b) => (a.report.simulation?.shard?.index ?? 0) - (b.report.simulation?.shard?.index ?? 0));
  for (const { file, report } of ordered) {
    for (const v of report.violations ?? []) {
      const known = best.get(v.property);
      if (!known || v.trace.length < known.trace.length) {
        best.set(v.property, { ...v, shard: report.simulation?.shard ?? null, seed: report.simulation?.seed ?? null, from: file });
      }
    }
  }
  return [...best.values()].sort((a, b) => properties.indexOf(a.property) - properties.indexOf(b.property));
}

/** Per property: violated in any shard; holds when a shard witnessed it; else unknown. */
function mergedVerdicts(all: readonly (readonly Verdict[])[]): Verdict[] {
  const out = new Map<string, Verdict>();
  for (const verdicts of all) {
    for (const v of verdicts) {
      const known = out.get(v.property);
      const rank = (s: Verdict["status"]) => (s === "violated" ? 2 : s === "holds" ? 1 : 0);
      if (!known || rank(v.status) > rank(known.status)) out.set(v.property, { property: v.property, status: v.status, expected: v.expected });
    }
  }
  return [...out.values()];
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
