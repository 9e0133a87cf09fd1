import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.ts";

const dir = mkdtempSync(path.join(tmpdir(), "interleave-simulate-"));
const quick = ["--no-typecheck", "--no-lint"];
const dieHard = "examples/tla/die-hard.ts";

/** The behaviour index and the replay flags a violation's text names. */
function foundBy(stdout: string): { behaviour: number; flags: string[] } {
  const m = /found by behaviour (\d+) \(seed \d+[^)]*\); replay it: (.*)$/m.exec(stdout);
  expect(m, stdout).not.toBeNull();
  return { behaviour: Number(m![1]), flags: m![2].split(" ") };
}

describe("interleave simulate", () => {
  it("finds DieHard's solution from a fixed seed: exit 1, the trace shortened, the seed and behaviour that replay it; the same bytes on every run", async () => {
    const a = await runCli(["simulate", dieHard, "--seed", "1", ...quick]);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain("✗ DieHard: invariant NotSolved violated");
    expect(a.stdout).toMatch(/Trace \(7 states, shortened from the behaviour's \d+\)/); // 7: the shortest, as check finds it
    const b = await runCli(["simulate", dieHard, "--seed", "1", ...quick]);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).not.toMatch(/\d s\b|steps\/s/); // wall time only on stderr
    expect(a.stderr).toMatch(/steps\/s/);
  });

  it("replays the behaviour a violation names: its own trace, of the length the shortened trace came from", async () => {
    const first = await runCli(["simulate", dieHard, "--seed", "1", ...quick]);
    const { behaviour, flags } = foundBy(first.stdout);
    const from = Number(/shortened from the behaviour's (\d+)/.exec(first.stdout)![1]);
    expect(flags).toEqual(["--seed", "1", "--behaviour", String(behaviour)]);
    const replay = await runCli(["simulate", dieHard, ...flags, "--shorten", "0", ...quick]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`, behaviour ${behaviour}\n`);
    expect(replay.stdout).toContain(`Trace (${from} states):`);
    expect(replay.stdout).toContain("1 behaviour (seed 1");
  });

  it("finds the Missionaries' solution and the flagship's original race (exit 1)", async () => {
    const m = await runCli(["simulate", "examples/tla/missionaries-and-cannibals.ts", "--seed", "3", ...quick]);
    expect(m.code).toBe(1);
    expect(m.stdout).toMatch(/invariant Solution violated[\s\S]*Trace \(12 states, shortened from/);
    const f = await runCli(["simulate", "specs/smp-call-function-many.ts", "--spec", "original", "--seed", "3", ...quick]);
    expect(f.code).toBe(1);
    expect(f.stdout).toMatch(/invariant refsImpliesOnList violated[\s\S]*Trace \(5 states, shortened from/);
  });

  it("without a violation, exits 4 and says no violation was found in N behaviours — never that a property holds", async () => {
    const r = await runCli(["simulate", "specs/smp-call-function-many.ts", "--spec", "upstreamFix", "--seed", "5", "--behaviours", "30", ...quick]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("no violation found in 30 behaviours — a simulation never shows that a property holds");
    expect(r.stdout).not.toContain("✓");
    // The flagship written with processes: 19 process steps (caller.*, handler.*), 27 parts of the state (each process's pc among them).
    expect(r.stdout).toMatch(/coverage: 19\/19 actions fired · \d+ of 27 fields took every value .* ~[\d,]+ distinct states met \(±0\.81 %\)/);
  });

  it("writes coverage in --json (with the sketches merge needs) and the full table with --coverage", async () => {
    const json = path.join(dir, "diehard.json");
    const table = path.join(dir, "diehard.md");
    const r = await runCli(["simulate", dieHard, "--seed", "2", "--json", json, "--coverage", table, ...quick]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.simulation).toMatchObject({ seed: 2, depth: 100 });
    expect(report.violation.behaviour).toBe(Number(foundBy(r.stdout).behaviour));
    expect(report.violation.shortenedFrom).toBeGreaterThanOrEqual(report.violation.trace.length);
    const c = report.coverage;
    expect(c.actions.map((a: { action: string }) => a.action)).toEqual(["FillSmallJug", "FillBigJug", "EmptySmallJug", "EmptyBigJug", "SmallToBig", "BigToSmall"]);
    expect(c.fields).toEqual([
      { path: "big", distinct: expect.any(Number), domain: 6 },
      { path: "small", distinct: expect.any(Number), domain: 4 },
    ]);
    expect(c.depths.reduce((a: number, b: number) => a + b, 0)).toBe(report.stats.distinctStates);
    expect(Math.abs(c.states.estimate - report.stats.distinctStates)).toBeLessThanOrEqual(1);
    expect(typeof c.sketches.states).toBe("string");
    const md = readFileSync(table, "utf8");
    expect(md).toContain("# Coverage: DieHard");
    const n = (x: number) => x.toLocaleString("en-US");
    for (const a of c.actions) expect(md).toMatch(new RegExp(`\\| ${a.action} +\\| +${n(a.enabled)} \\| +${n(a.fired)} \\| +${n(a.discovered)} \\|`));
    expect(md).toMatch(/\| big +\| +\d+ \| +6 \|/);
  });

  it("refuses bad flags with a usage error naming the flag and the value", async () => {
    for (const [flags, message] of [
      [["--shard", "5/4"], '--shard: expected i/N with 1 ≤ i ≤ N (e.g. --shard 2/4), got "5/4"'],
      [["--bitstate", "4"], '--bitstate: expected a size from 8 bytes to 1G, such as 1048576, 64K or 16M; got "4"'],
      [["--seed", "-1"], "--seed"],
      [["--behaviours", "0"], "--behaviours"],
    ] as const) {
      const r = await runCli(["simulate", dieHard, ...flags, ...quick]);
      expect(r.code, flags.join(" ")).toBe(3);
      expect(r.stderr).toContain(message);
    }
  });

  it("with --bitstate, states the expected coverage", async () => {
    const r = await runCli(["simulate", dieHard, "--seed", "1", "--bitstate", "1K", ...quick]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bitstate 1,024 bytes, 3 hashes: [\d.]+ % of bits set · .* expected coverage [\d.]+ % of the distinct states met/);
  });
});

describe("coverage in interleave check", () => {
  it("is one line of the text report, the coverage member of --json, and the full table with --coverage", async () => {
    const json = path.join(dir, "check.json");
    const table = path.join(dir, "check.md");
    const r = await runCli(["check", dieHard, "--continue", "--json", json, "--coverage", table, ...quick]);
    expect(r.code).toBe(1);
    // DieHard: 16 reachable states; every jug level reached (big 0..5, small 0..3).
    expect(r.stdout).toContain("coverage: 6/6 actions fired · 2 of 2 fields took every value");
    const { coverage, stats } = JSON.parse(readFileSync(json, "utf8"));
    expect(coverage.fields).toEqual([
      { path: "big", distinct: 6, domain: 6 },
      { path: "small", distinct: 4, domain: 4 },
    ]);
    expect(coverage.depths.reduce((a: number, b: number) => a + b, 0)).toBe(stats.distinctStates);
    expect(coverage.actions.reduce((n: number, a: { discovered: number }) => n + a.discovered, 0)).toBe(stats.distinctStates - coverage.depths[0]);
    expect(coverage.actions.reduce((n: number, a: { fired: number }) => n + a.fired, 0)).toBe(stats.statesGenerated - coverage.depths[0]);
    expect(coverage.states).toBeUndefined(); // exact counts: no estimate
    expect(readFileSync(table, "utf8")).toContain("## States per depth");
  });
});
