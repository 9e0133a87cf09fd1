/**
 * `npm run bench -- --only partitions [--partitions 1,2,4] [--partition-workload n=7,k=2]`: the
 * partitioned search on one machine. For each partition count p: a private redis-server (no
 * persistence), p partition processes of the CLI (`check --partitions p --partition i`), each
 * under GNU time for its peak RSS. Prints, per p: distinct and generated states, the search's
 * duration (partition 0's --json durationMs), distinct states/s, the bytes the partitions sent to
 * Redis per distinct state (INFO total_net_input_bytes: batches, checkpoints and barriers), the
 * largest peak RSS of one partition, Redis's peak memory, and the CPU seconds of the partitions
 * (together, start-up included) and of Redis — the steadier figures on a shared machine. A benchmark, never a test.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { startLocalRedis } from "../src/cli/local-redis.ts";
import { fmt, rowsTable } from "./table.ts";

/** One row of the partitioned benchmark. */
export interface PartitionRow {
  readonly partitions: number;
  readonly result: string;
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly checkS: number;
  readonly wallS: number;
  readonly distinctPerS: number;
  readonly bytesSentPerState: number;
  /** User + system CPU seconds of all partition processes together (start-up included), and of Redis. */
  readonly cpuS: number;
  readonly redisCpuS: number;
  readonly peakRssPerPartitionBytes: number;
  readonly redisPeakBytes: number;
  readonly loadAverage: number;
}

/** Runs the workload (Scalable with `params`) with each partition count; returns the rows. */
export async function partitionRows(root: string, counts: readonly number[], params: Record<string, number>): Promise<PartitionRow[]> {
  const rows: PartitionRow[] = [];
  for (const p of counts) {
    const redis = await startLocalRedis();
    const dir = mkdtempSync(path.join(os.tmpdir(), "interleave-bench-partitions-"));
    const client = new Redis(redis.url);
    try {
      const loadAverage = os.loadavg()[0];
      const inputBefore = await netInput(client);
      const redisCpuBefore = await redisCpu(client);
      const started = process.hrtime.bigint();
      const sets = Object.entries(params).flatMap(([k, v]) => ["--set", `${k}=${v}`]);
      const children = Array.from({ length: p }, (_, i) =>
        timed(root, [
          path.join(root, "bin/interleave.js"),
          "check",
          "examples/scalable.ts",
          ...sets,
          "--no-lint",
          "--partitions",
          String(p),
          "--partition",
          String(i),
          "--transport",
          redis.url,
          "--run-id",
          "bench",
          ...(i === 0 ? ["--json", path.join(dir, "report.json")] : []),
        ]),
      );
      const measured = await Promise.all(children);
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      const report = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8"));
      const sent = (await netInput(client)) - inputBefore;
      const redisCpuS = (await redisCpu(client)) - redisCpuBefore;
      const info = await client.info("memory");
      const redisPeakBytes = Number(/used_memory_peak:(\d+)/.exec(info)?.[1] ?? 0);
      const checkS = report.stats.durationMs / 1000;
      rows.push({
        partitions: p,
        result: report.result,
        distinct: report.stats.distinctStates,
        generated: report.stats.statesGenerated,
        depth: report.stats.depth,
        checkS,
        wallS,
        distinctPerS: report.stats.distinctStates / checkS,
        bytesSentPerState: sent / report.stats.distinctStates,
        cpuS: measured.reduce((t, m) => t + m.cpuS, 0),
        redisCpuS,
        peakRssPerPartitionBytes: Math.max(...measured.map((m) => m.rssBytes)),
        redisPeakBytes,
        loadAverage,
      });
      process.stderr.write(`  partitions=${p}: ${report.stats.distinctStates} states in ${checkS.toFixed(2)} s (load ${loadAverage.toFixed(1)})\n`);
    } finally {
      await client.quit();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** The rows as a Markdown table (its lines). */
export function partitionTable(rows: readonly PartitionRow[]): string[] {
  const mib = (n: number) => fmt(n / 2 ** 20);
  return rowsTable(rows, [
    ["partitions", (r) => String(r.partitions)],
    ["result", (r) => r.result, "text"],
    ["distinct", (r) => fmt(r.distinct)],
    ["generated", (r) => fmt(r.generated)],
    ["depth", (r) => String(r.depth)],
    ["check s", (r) => r.checkS.toFixed(2)],
    ["wall s", (r) => r.wallS.toFixed(2)],
    ["distinct/s", (r) => fmt(r.distinctPerS)],
    ["CPU s (partitions)", (r) => r.cpuS.toFixed(2)],
    ["CPU s (Redis)", (r) => r.redisCpuS.toFixed(2)],
    ["bytes sent/state", (r) => fmt(r.bytesSentPerState)],
    ["peak RSS/partition MiB", (r) => mib(r.peakRssPerPartitionBytes)],
    ["Redis peak MiB", (r) => mib(r.redisPeakBytes)],
    ["load avg", (r) => r.loadAverage.toFixed(1)],
  ]);
}

async function redisCpu(client: Redis): Promise<number> {
  const info = await client.info("cpu");
  return Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0);
}

async function netInput(client: Redis): Promise<number> {
  return Number(/total_net_input_bytes:(\d+)/.exec(await client.info("stats"))?.[1] ?? 0);
}

/** Runs node with `args` under GNU time; resolves with its peak RSS and CPU seconds (rejects on failure). */
function timed(root: string, args: string[]): Promise<{ rssBytes: number; cpuS: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "%M %U %S", process.execPath, ...args], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("exit", (code) => {
      const [kb, user, system] = (stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
      if (code !== 0 && code !== 1) reject(new Error(`partition exited ${code}:\n${stderr}`));
      else resolve({ rssBytes: kb * 1024, cpuS: user + system });
    });
  });
}
