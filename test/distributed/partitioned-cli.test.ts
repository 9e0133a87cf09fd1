import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalRedis } from "../../src/cli/local-redis.ts";
import { runCli } from "../cli/run.ts";
import { testRedis } from "./redis-server.ts";

const repo = path.resolve(import.meta.dirname, "../..");
let redis: LocalRedis;
let dir: string;
beforeAll(async () => {
  redis = await testRedis();
  dir = mkdtempSync(path.join(tmpdir(), "interleave-partitions-"));
});
afterAll(async () => {
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The parts of a --json report that must not depend on how the search was run. */
function comparable(file: string) {
  // The partitioned search does not collect coverage (the one-process search does, and its
  // --json report carries it): coverage is the one part left out, not yet comparable.
  const { coverage: _coverage, ...report } = JSON.parse(readFileSync(file, "utf8"));
  return { ...report, stats: { ...report.stats, durationMs: 0 } };
}

/** A partition process of the CLI; resolves with its exit code, signal and stderr. */
function partition(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(repo, "bin/interleave.js"), ...args], { cwd: repo, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** Resolves once partition `i` of run `runId` has checkpointed the level at `depth`. */
async function checkpointed(runId: string, i: number, depth: number): Promise<void> {
  const client = new Redis(redis.url);
  for (let reached = 0; reached < depth; ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const head = await client.hget(`interleave:${runId}:checkpoint:${i}`, "head");
    reached = head ? JSON.parse(head).depth : 0;
  }
  await client.quit();
}

describe("check --partitions (processes, Redis)", () => {
  it("local mode: --partitions 2 shows the one-process report (text and --json), exit 1 on a violation", async () => {
    const spec = ["check", "test/fixtures/specs/laws.ts", "--spec", "manyBugs", "--no-lint"];
    const one = await runCli([...spec, "--json", path.join(dir, "one.json")], repo);
    const two = await runCli([...spec, "--partitions", "2", "--transport", redis.url, "--json", path.join(dir, "two.json")], repo);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(comparable(path.join(dir, "two.json"))).toEqual(comparable(path.join(dir, "one.json")));
    const trace = (out: string) => out.slice(out.indexOf("Shortest trace"), out.lastIndexOf("distinct states"));
    expect(trace(two.stdout)).toBe(trace(one.stdout));
    expect(trace(two.stdout)).toContain("notDiagonal");
  }, 120_000);

  it("a partition killed (SIGKILL) mid-run and restarted with the same index resumes from its last level: same result", async () => {
    const runId = randomUUID();
    const spec = ["check", "examples/scalable.ts", "--set", "n=5", "--set", "k=3", "--no-lint"];
    await runCli([...spec, "--json", path.join(dir, "seq.json")], repo);
    const args = (i: number) => [...spec, "--partitions", "3", "--partition", String(i), "--transport", redis.url, "--run-id", runId, ...(i === 0 ? ["--json", path.join(dir, "killed.json")] : [])];
    const p0 = partition(args(0));
    const p1 = partition(args(1));
    const p2 = partition(args(2));
    await checkpointed(runId, 1, 4);
    expect(p1.child.exitCode).toBeNull();
    p1.child.kill("SIGKILL");
    const killed = await p1.done;
    expect(killed.signal).toBe("SIGKILL");
    expect(p0.child.exitCode).toBeNull(); // the run waits for the missing partition
    const restarted = partition(args(1));
    const [r0, r1, r2] = await Promise.all([p0.done, restarted.done, p2.done]);
    expect(r1.stderr).toMatch(/partition 1: resuming run .* from its checkpoint \(frontier at depth (\d+)\)/);
    expect(Number(/frontier at depth (\d+)/.exec(r1.stderr)![1])).toBeGreaterThanOrEqual(4);
    expect([r0.code, r1.code, r2.code]).toEqual([0, 0, 0]);
    expect(comparable(path.join(dir, "killed.json"))).toEqual(comparable(path.join(dir, "seq.json")));
  }, 180_000);

  it("local mode restarts a partition killed by a signal; it resumes and the run's result is the one-process one", async () => {
    const runId = randomUUID();
    const spec = ["check", "examples/scalable.ts", "--set", "n=5", "--set", "k=3", "--no-lint"];
    await runCli([...spec, "--json", path.join(dir, "seq-local.json")], repo);
    const coordinator = partition([...spec, "--partitions", "3", "--transport", redis.url, "--run-id", runId, "--json", path.join(dir, "local-killed.json")]);
    await checkpointed(runId, 1, 4);
    // The coordinator's child for partition 1 (its command line names the run and the index).
    const child = readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .find((p) => {
        try {
          const args = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0");
          return args.includes(runId) && args[args.indexOf("--partition") + 1] === "1";
        } catch {
          return false; // gone meanwhile
        }
      });
    expect(child).toBeDefined();
    process.kill(Number(child), "SIGKILL");
    const done = await coordinator.done;
    expect(done.stderr).toContain("partition 1 was stopped by SIGKILL: restarting it (it resumes from its last checkpointed level)");
    expect(done.code).toBe(0);
    expect(comparable(path.join(dir, "local-killed.json"))).toEqual(comparable(path.join(dir, "seq-local.json")));
  }, 180_000);

  it("partitions started with different parameters refuse to run together (exit 3, naming the difference)", async () => {
    const runId = randomUUID();
    const args = (i: number, k: number) => ["check", "examples/scalable.ts", "--set", `k=${k}`, "--no-lint", "--partitions", "2", "--partition", String(i), "--transport", redis.url, "--run-id", runId];
    const [a, b] = await Promise.all([partition(args(0, 2)).done, partition(args(1, 3)).done]);
    expect([a.code, b.code]).toEqual([3, 3]);
    for (const r of [a, b]) expect(r.stderr).toMatch(/refuses to join the run: it checks something else than the partitions already started \(params: \{"n":5,"k":[23]\} here, \{"n":5,"k":[23]\} in the run\)/);
  }, 120_000);

  it("temporal properties are refused with a clear message (exit 3); --check on safety properties runs", async () => {
    const base = ["check", "specs/smp-call-function-many.ts", "--no-lint", "--partitions", "1", "--partition", "0", "--transport", redis.url];
    const refused = await runCli([...base, "--run-id", randomUUID()], repo);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('error: the partitioned search checks invariants and deadlock only; "callsComplete" needs the state graph of a one-process check');
    const safety = await runCli([...base, "--run-id", randomUUID(), "--check", "noDoubleListDel"], repo);
    expect(safety.code).toBe(1);
    expect(safety.stdout).toContain("noDoubleListDel");
  }, 60_000);

  it("usage errors: --partition out of range, without --transport or --run-id, with --workers", async () => {
    const spec = ["check", "examples/counter.ts", "--no-lint"];
    const cases: [string[], string][] = [
      [["--partitions", "2", "--partition", "2", "--transport", redis.url, "--run-id", "x"], "--partition 2: expected 0 … 1 (--partitions 2)"],
      [["--partitions", "2", "--partition", "0", "--run-id", "x"], "--partition 0: give the --transport"],
      [["--partitions", "2", "--partition", "0", "--transport", redis.url], "--partition 0: give the --run-id"],
      [["--partitions", "2", "--workers", "2"], "--partitions 2 with --workers"],
      [["--partition", "0"], "add --partitions <n>"],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli([...spec, ...flags], repo);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(message);
    }
  });

  it("an unreachable transport is a usage error naming the URL", async () => {
    const r = await runCli(["check", "examples/counter.ts", "--no-lint", "--partitions", "1", "--partition", "0", "--transport", "redis://127.0.0.1:1", "--run-id", "x"], repo);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("cannot reach the Redis server at redis://127.0.0.1:1");
  });
});
