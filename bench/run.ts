/**
 * `npm run bench [-- --workers 1,2] [--only scalable]`: runs the fixed workloads, each in a
 * fresh process, the start-up of the built command (`--only startup`) and the simulation
 * throughput rows (`--only simulate`, see simulation.ts), and prints distinct and generated states, wall seconds, throughput, peak RSS
 * and bytes per distinct state, as a table and as JSON in bench/results.json.
 * A benchmark, never a test: nothing here asserts a time.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { partitionRows, partitionTable } from "./partitions.ts";
import { fmt, rowsTable } from "./table.ts";
import { simulationRows, simulationTable } from "./simulation.ts";
import { versusTlc, type PairedWorkload } from "./tlc.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Workload {
  readonly name: string;
  readonly file: string;
  readonly exportName?: string;
  readonly params?: Record<string, unknown>;
  /** Only these properties (default: all the spec declares). */
  readonly properties?: readonly string[];
  /** The same model in TLA+ (module, config in TLC's peers folder), for `--vs-tlc`. */
  readonly tla?: readonly [string, string];
}

/** The fixed workloads. Files written on other branches are skipped, with a note, until they exist. */
const WORKLOADS: readonly Workload[] = [
  { name: "Scalable N=5 K=4", file: "examples/scalable.ts", params: { n: 5, k: 4 }, tla: ["Scalable.tla", "Scalable_100k.cfg"] },
  { name: "Scalable N=6 K=4", file: "examples/scalable.ts", params: { n: 6, k: 4 }, tla: ["Scalable.tla", "Scalable_1M.cfg"] },
  { name: "Scalable N=7 K=4", file: "examples/scalable.ts", params: { n: 7, k: 4 }, tla: ["Scalable.tla", "Scalable_10M.cfg"] },
  {
    name: "smp upstreamFix cpus=5 calls=3 fw=3",
    file: "specs/smp-call-function-many.ts",
    exportName: "upstreamFix",
    params: { cpus: 5, calls: 3, foreignWalks: 3 },
    // The safety properties: the temporal one needs the recorded graph of the one-thread search.
    properties: ["refsImpliesOnList", "noDoubleListDel", "runsOncePerCall", "deadlock"],
  },
  // The flagship under each memory model: under sc the plain fields; under tso/pso every step a
  // memory access with stores buffered; under ra loads read older messages and the caller
  // promises its cpumask store. ra's state space is larger (views): 3 CPUs, and runsOncePerCall
  // is left out there because it fails under ra (the stale func, specs/README.md).
  ...(["sc", "tso", "pso"] as const).map((memory) => ({
    name: `smp-memory upstreamFix memory=${memory} cpus=4 calls=2 fw=1`,
    file: "specs/smp-call-function-many.ts",
    exportName: "upstreamFix",
    params: { memory, cpus: 4, calls: 2, foreignWalks: 1 },
    // Properties that hold under every model (refsImpliesOnList fails under PSO within 12 steps).
    properties: ["noDoubleListDel", "runsOncePerCall", "deadlock"],
  })),
  ...(["sc", "tso", "pso", "ra"] as const).map((memory) => ({
    name: `smp-memory upstreamFix memory=${memory} cpus=3 calls=2 fw=1`,
    file: "specs/smp-call-function-many.ts",
    exportName: "upstreamFix",
    params: { memory, cpus: 3, calls: 2, foreignWalks: 1 },
    properties: ["noDoubleListDel", "deadlock"],
  })),
  // The same states with and without promises: what searching each speculative state's future costs.
  ...([1, 0] as const).map((promises) => ({
    name: `smp-memory orderingFix memory=ra promises=${promises} cpus=3 calls=2 fw=1`,
    file: "specs/smp-call-function-many.ts",
    exportName: "orderingFix",
    params: { memory: "ra", promises, cpus: 3, calls: 2, foreignWalks: 1 },
    properties: ["noDoubleListDel", "deadlock"],
  })),
  { name: "PaxosCommit", file: "examples/tla/paxos-commit.ts", tla: ["PaxosCommit.tla", "PaxosCommit.cfg"] },
  // Liveness: a 1000×1000 torus (1M states, 2M transitions). The default export checks □◇p and
  // p ⤳ q by the fast paths; `nested` checks □(p ⇒ ◇(q ∧ ◇r)) in the product with a Büchi automaton.
  { name: "Liveness grid fast paths", file: "test/fixtures/liveness/grid.ts" },
  { name: "Liveness grid nested", file: "test/fixtures/liveness/grid.ts", exportName: "nested" },
  { name: "MCBakery", file: "examples/tla/mc-bakery.ts", tla: ["MCBakery.tla", "MCBakery.cfg"] },
];

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const workerCounts = (option("--workers") ?? "1,2").split(",").map(Number);
const only = option("--only");
const partitionCounts = (option("--partitions") ?? "1,2,4").split(",").map(Number);
/** The partitioned search's workload: Scalable with these parameters (`--partition-workload n=7,k=2`). */
const partitionParams = Object.fromEntries((option("--partition-workload") ?? "n=7,k=4").split(",").map((kv) => [kv.split("=")[0], Number(kv.split("=")[1])]));

// The workloads run the built package, as a user's install does (`bench/workload.mjs`).
execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });

if (args.includes("--vs-tlc")) {
  // Default: the three workloads of the TLC comparison (Scalable N=7, PaxosCommit, MCBakery).
  const paired = WORKLOADS.filter((w): w is Workload & PairedWorkload => w.tla !== undefined && existsSync(path.join(root, w.file)));
  const chosen = paired.filter((w) => (only ? w.name.toLowerCase().includes(only.toLowerCase()) : !/N=[56]/.test(w.name)));
  process.stdout.write(versusTlc(root, chosen, Number(option("--repeat") ?? "1")));
  process.exit(0);
}

interface Row {
  workload: string;
  workers: number;
  result: string;
  distinct: number;
  generated: number;
  depth: number;
  wallS: number;
  checkS: number;
  cpuS: number;
  distinctPerS: number;
  generatedPerS: number;
  peakRssBytes: number;
  bytesPerDistinct: number;
  collisionProbability: number;
}

const loadAtStart = os.loadavg()[0];
const rows: Row[] = [];
const notes: string[] = [];
for (const w of WORKLOADS) {
  if (only?.toLowerCase() === "partitions") break;
  if (only && !w.name.toLowerCase().includes(only.toLowerCase())) continue;
  if (!existsSync(path.join(root, w.file))) {
    notes.push(`skipped ${w.name}: ${w.file} does not exist on this branch`);
    continue;
  }
  for (const workers of workerCounts) {
    const out = execFileSync(
      process.execPath,
      [
        "bench/workload.mjs",
        w.file,
        w.exportName ?? "default",
        JSON.stringify(w.params ?? {}),
        String(workers),
        ...(w.properties ? [w.properties.join(",")] : []),
      ],
      { cwd: root, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] },
    );
    const r = JSON.parse(out.trim().split("\n").pop()!);
    const row: Row = {
      workload: w.name,
      workers,
      result: r.result,
      distinct: r.distinct,
      generated: r.generated,
      depth: r.depth,
      wallS: r.wallS,
      checkS: r.checkS,
      cpuS: r.cpuS,
      distinctPerS: r.distinct / r.checkS,
      generatedPerS: r.generated / r.checkS,
      peakRssBytes: r.peakRssBytes,
      bytesPerDistinct: r.peakRssBytes / r.distinct,
      collisionProbability: r.collisionProbability,
    };
    rows.push(row);
    process.stderr.write(`  ${w.name} workers=${workers}: ${row.distinct} states in ${row.wallS.toFixed(2)} s\n`);
  }
}

const partitioned = only?.toLowerCase() === "partitions" ? await partitionRows(root, partitionCounts, partitionParams) : [];
if (!only || "startup".includes(only.toLowerCase()) || only.toLowerCase().includes("startup")) rows.push(...startupRows());
const simulation = simulationRows(root, only, notes);

/**
 * Start-up: `interleave check examples/counter.ts` (8 states) with the built command
 * (dist/cli/bin.js, built first), as a user runs it: the median of 5 fresh processes, first with
 * empty caches (a new TMPDIR: no tsx transform cache, no spec-analysis cache, no compile cache —
 * the first check after an install or an edit), then repeated (caches warm). CPU s is user +
 * system of the child (GNU time); wall s is what the user waits.
 */
function startupRows(): Row[] {
  const measure = (tmp: string) => {
    const started = process.hrtime.bigint();
    const r = spawnSync("/usr/bin/time", ["-f", "%U %S %M", process.execPath, "dist/cli/bin.js", "check", "examples/counter.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, TMPDIR: tmp, INTERLEAVE_CACHE_DIR: "" },
    });
    const wallS = Number(process.hrtime.bigint() - started) / 1e9;
    const [user, system, rssKb] = (r.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
    const counts = /(\d+) distinct states · (\d+) generated · depth (\d+)/.exec(r.stdout);
    if (r.status !== 0 || !counts) throw new Error(`startup: the check failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    return { wallS, cpuS: user + system, rssBytes: rssKb * 1024, distinct: Number(counts[1]), generated: Number(counts[2]), depth: Number(counts[3]) };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const row = (workload: string, runs: ReturnType<typeof measure>[]): Row => {
    const wallS = median(runs.map((r) => r.wallS));
    process.stderr.write(`  ${workload}: ${runs.map((r) => r.wallS.toFixed(2)).join(" ")} s\n`);
    return {
      workload,
      workers: 1,
      result: "ok",
      distinct: runs[0].distinct,
      generated: runs[0].generated,
      depth: runs[0].depth,
      wallS,
      checkS: wallS,
      cpuS: median(runs.map((r) => r.cpuS)),
      distinctPerS: runs[0].distinct / wallS,
      generatedPerS: runs[0].generated / wallS,
      peakRssBytes: median(runs.map((r) => r.rssBytes)),
      bytesPerDistinct: median(runs.map((r) => r.rssBytes)) / runs[0].distinct,
      collisionProbability: 0,
    };
  };
  const first: ReturnType<typeof measure>[] = [];
  for (let i = 0; i < 5; i++) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "interleave-startup-"));
    first.push(measure(tmp));
    rmSync(tmp, { recursive: true, force: true });
  }
  const warm = mkdtempSync(path.join(os.tmpdir(), "interleave-startup-"));
  measure(warm);
  const repeated = Array.from({ length: 5 }, () => measure(warm));
  rmSync(warm, { recursive: true, force: true });
  return [row("startup: check counter.ts, first run", first), row("startup: check counter.ts, repeated", repeated)];
}

const table = rowsTable(rows, [
  ["workload", (r) => r.workload, "text"],
  ["workers", (r) => String(r.workers)],
  ["result", (r) => r.result, "text"],
  ["distinct", (r) => fmt(r.distinct)],
  ["generated", (r) => fmt(r.generated)],
  ["depth", (r) => String(r.depth)],
  ["wall s", (r) => r.wallS.toFixed(2)],
  ["CPU s", (r) => r.cpuS.toFixed(2)],
  ["distinct/s", (r) => fmt(r.distinctPerS)],
  ["generated/s", (r) => fmt(r.generatedPerS)],
  ["peak RSS MiB", (r) => fmt(r.peakRssBytes / 2 ** 20)],
  ["RSS B/state", (r) => fmt(r.bytesPerDistinct)],
]);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
process.stdout.write(
  [
    `interleave bench — ${new Date().toISOString()} — ${machine}`,
    `(distinct/s and generated/s over the check's own duration; wall s includes process start, spec loading and worker start-up; CPU s is user + system of all threads; load average at start ${loadAtStart.toFixed(1)})`,
    ...(rows.length === 0
      ? []
      : table),
    ...(simulation.length ? ["", ...simulationTable(simulation)] : []),
    ...notes,
    ...(partitioned.length > 0
      ? [
          "",
          `Partitioned search, Scalable ${JSON.stringify(partitionParams)}, local partitions over a private redis-server (distinct/s over partition 0's check duration):`,
          ...partitionTable(partitioned),
        ]
      : []),
    "",
  ].join("\n"),
);
writeFileSync(path.join(root, "bench/results.json"), `${JSON.stringify({ date: new Date().toISOString(), machine, rows, simulation, partitioned, notes }, null, 2)}\n`);
