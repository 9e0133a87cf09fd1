/**
 * The swarm path as a CI matrix runs it: four real `interleave simulate --shard i/4` processes at
 * once, each writing its --json report, then `interleave merge` over the reports.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.ts";

const dir = mkdtempSync(path.join(tmpdir(), "interleave-swarm-"));
const bin = ["bin/interleave.js"];
const quick = ["--no-typecheck", "--no-lint"];

/** One shard as a separate process; resolves to its exit code and output. */
async function shard(file: string, args: readonly string[], i: number, json: string) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [...bin, "simulate", file, ...args, "--shard", `${i}/4`, "--json", json, ...quick], { encoding: "utf8" });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

describe("a swarm of 4 shards and interleave merge", () => {
  it("finds the Missionaries' solution: each shard its own behaviours, the merge keeps the shortest trace and names the shard that replays it", { timeout: 300_000 }, async () => {
    const reports = [1, 2, 3, 4].map((i) => path.join(dir, `shard-${i}.json`));
    const runs = await Promise.all(reports.map((json, k) => shard("examples/tla/missionaries-and-cannibals.ts", ["--seed", "9", "--shorten", "0"], k + 1, json)));
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1]);
    const parsed = reports.map((f) => JSON.parse(readFileSync(f, "utf8")));
    expect(new Set(parsed.map((r) => JSON.stringify(r.violation.trace))).size).toBe(4); // four different behaviours
    const merged = path.join(dir, "merged.json");
    const m = spawnSync(process.execPath, [...bin, "merge", ...reports, "--json", merged], { encoding: "utf8" });
    expect(m.status).toBe(1);
    const report = JSON.parse(readFileSync(merged, "utf8"));
    const lengths = parsed.map((r) => r.violation.trace.length);
    expect(report.violation.trace.length).toBe(Math.min(...lengths));
    const winner = lengths.indexOf(Math.min(...lengths));
    expect(report.violation.shard).toEqual({ index: winner + 1, count: 4 });
    expect(report.simulation.behaviours).toBe(parsed.reduce((n, r) => n + r.simulation.behaviours, 0));
    expect(report.stats.statesGenerated).toBe(parsed.reduce((n, r) => n + r.stats.statesGenerated, 0));
    // The united sketch estimates at least as many distinct states as the largest shard met (within its error).
    const largest = Math.max(...parsed.map((r) => r.stats.distinctStates));
    expect(report.coverage.states.estimate).toBeGreaterThanOrEqual(Math.floor(largest * (1 - 3 * report.coverage.states.relativeError)));
    expect(report.warnings).toBeUndefined();
    expect(m.stdout).toContain(`found by shard ${winner + 1}/4`);
    // The replay command the merge prints gives that very trace.
    const replay = /replay it: interleave simulate (\S+) (.*)$/m.exec(m.stdout)!;
    const again = await runCli(["simulate", replay[1], ...replay[2].split(" "), "--shorten", "0", "--json", path.join(dir, "replay.json"), ...quick]);
    expect(again.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, "replay.json"), "utf8")).violation.trace).toEqual(report.violation.trace);
  });

  it("with no violation, exits 4 and warns about a missing shard; a check report or a stranger's report is a usage error", { timeout: 300_000 }, async () => {
    const args = ["--spec", "upstreamFix", "--seed", "4", "--behaviours", "10"];
    const reports = [1, 2, 3, 4].map((i) => path.join(dir, `ok-${i}.json`));
    const runs = await Promise.all(reports.map((json, k) => shard("specs/smp-call-function-many.ts", args, k + 1, json)));
    expect(runs.map((r) => r.code)).toEqual([4, 4, 4, 4]);
    const all = await runCli(["merge", ...reports]);
    expect(all.code).toBe(4);
    expect(all.stdout).toContain("no violation found in 40 behaviours of 4 shards");
    const three = await runCli(["merge", ...reports.slice(0, 3)]);
    expect(three.code).toBe(4);
    expect(three.stdout).toContain("⚠ warning: no report of shard 4/4: the merge covers less than the swarm");

    const checked = path.join(dir, "check.json");
    await runCli(["check", "examples/counter.ts", "--json", checked, ...quick]);
    const notSim = await runCli(["merge", reports[0], checked]);
    expect(notSim.code).toBe(3);
    expect(notSim.stderr).toContain(`${checked}: not a simulation's report`);
    const other = path.join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(reports[1], "utf8")), spec: "someone else" }));
    const stranger = await runCli(["merge", reports[0], other]);
    expect(stranger.code).toBe(3);
    expect(stranger.stderr).toContain(`${other}: its spec is "someone else"`);
  });
});
