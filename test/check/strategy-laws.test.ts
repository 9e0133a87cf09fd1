/**
 * The laws every strategy and worker count keeps (DESIGN.md, "One pipeline, many schedulers"),
 * checked on the whole result of `interleave check --json --strict` — exit code, verdicts,
 * warnings, counts — over the fixture corpus, the fast TLA+ ports and the flagship's small grid:
 *
 * - breadth-first with 2 worker threads: the very same report as with one (ids, counts, depth,
 *   traces, warnings, coverage per action, field and depth), with or without --continue;
 * - depth-first (--dfs): with --continue, the same exit code, verdicts, violated properties,
 *   warnings, distinct and generated counts, times each action was enabled and fired, and values
 *   seen per field as breadth-first (traces, depth, and which action discovered a state may differ);
 *   without it, the same exit code and kind of result, and the property it reports is one that
 *   breadth-first finds violated.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run.ts";

interface Entry {
  readonly file: string;
  readonly args?: readonly string[];
  /** Declares a symmetry: the search keeps the first state of each orbit it meets, so values seen per field depend on the order. */
  readonly symmetric?: true;
}

const corpus: readonly Entry[] = [
  { file: "examples/counter.ts" },
  { file: "examples/scalable.ts", args: ["--set", "n=3", "--set", "k=2"] },
  { file: "test/fixtures/specs/lights.ts", args: ["--spec", "safe"] },
  { file: "test/fixtures/specs/lights.ts", args: ["--spec", "careless"] },
  { file: "test/fixtures/specs/laws.ts", args: ["--spec", "vacuous"] },
  { file: "test/fixtures/specs/laws.ts", args: ["--spec", "manyBugs"] },
  { file: "test/fixtures/specs/laws.ts", args: ["--spec", "symmetricMutex"], symmetric: true },
  { file: "test/fixtures/specs/laws.ts", args: ["--spec", "viewedMutex"] },
  { file: "test/fixtures/specs/faults.ts", args: ["--spec", "throws"] },
  { file: "test/fixtures/specs/faults.ts", args: ["--spec", "invariantThrows"] },
  { file: "examples/tla/die-hard.ts" },
  { file: "examples/tla/missionaries-and-cannibals.ts" },
  { file: "examples/tla/t-commit.ts" },
  { file: "examples/tla/peterson.ts" },
  { file: "examples/tla/two-phase.ts" },
  { file: "examples/tla/dining-philosophers.ts" },
  { file: "examples/tla/ewd840.ts" },
  { file: "examples/tla/mc-alternating-bit.ts" },
  { file: "specs/smp-call-function-many.ts", args: ["--spec", "original"] },
  { file: "specs/smp-call-function-many.ts", args: ["--spec", "upstreamFix"] },
  // The safety properties alone, so that two workers really run the level-parallel search.
  { file: "specs/smp-call-function-many.ts", args: ["--spec", "seedFix", "--check", "refsImpliesOnList,noDoubleListDel,runsOncePerCall,deadlock"] },
];

const dir = mkdtempSync(path.join(tmpdir(), "interleave-laws-"));
let runs = 0;

/** `interleave check` with --json --strict; the exit code and the report without its timing. */
async function checkCli(entry: Entry, extra: readonly string[]) {
  const json = path.join(dir, `r${runs++}.json`);
  const r = await runCli(["check", entry.file, ...(entry.args ?? []), "--no-typecheck", "--no-lint", "--strict", "--json", json, ...extra]);
  const report = JSON.parse(readFileSync(json, "utf8"));
  if (report.stats) report.stats.durationMs = 0;
  return { code: r.code, report };
}

/** What depth-first search promises to share with breadth-first search on a complete, continued search. */
function decided(run: Awaited<ReturnType<typeof checkCli>>, entry: Entry) {
  const { report } = run;
  return {
    code: run.code,
    result: report.result,
    properties: report.properties,
    verdicts: report.verdicts,
    violated: (report.violations ?? []).map((v: { property: string; kind: string }) => `${v.kind} ${v.property}`).sort(),
    warnings: report.warnings,
    distinct: report.stats?.distinctStates,
    generated: report.stats?.statesGenerated,
    enabledAndFired: report.coverage?.actions.map((a: { action: string; enabled: number; fired: number }) => [a.action, a.enabled, a.fired]),
    fields: entry.symmetric ? "(orbit representatives differ)" : report.coverage?.fields,
    error: report.error?.code,
  };
}

describe.each(corpus)("$file $args", (entry) => {
  it("breadth-first with 2 workers gives the same whole report as with 1, with and without --continue", async () => {
    for (const flags of [[], ["--continue"]]) {
      const one = await checkCli(entry, flags);
      const two = await checkCli(entry, [...flags, "--workers", "2"]);
      // A spec fault in a worker thread is met again in order by the coordinating thread, so
      // the error too is the one thread's, source location included.
      if (!one.report.error) expect(one.report.coverage?.actions.length).toBeGreaterThan(0); // the coverage is part of what is compared
      expect(two).toEqual(one);
    }
  });

  it("depth-first decides every property as breadth-first does, with the same counts", async () => {
    const bfs = await checkCli(entry, ["--continue"]);
    const dfs = await checkCli(entry, ["--continue", "--dfs"]);
    expect(decided(dfs, entry)).toEqual(decided(bfs, entry));
    const firstBfs = await checkCli(entry, []);
    const firstDfs = await checkCli(entry, ["--dfs"]);
    expect([firstDfs.code, firstDfs.report.result, firstDfs.report.error?.code]).toEqual([firstBfs.code, firstBfs.report.result, firstBfs.report.error?.code]);
    if (firstDfs.report.violation) expect(decided(bfs, entry).violated).toContain(`${firstDfs.report.violation.kind} ${firstDfs.report.violation.property}`);
  });
});

describe("depth-first search and worker threads", () => {
  it("are refused together with a usage error (the multi-worker search is breadth-first)", async () => {
    const r = await runCli(["check", "examples/counter.ts", "--no-typecheck", "--dfs", "--workers", "2"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("--dfs --workers 2: the multi-worker search is breadth-first");
  });
});
