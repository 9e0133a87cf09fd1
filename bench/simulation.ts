/**
 * Simulation throughput rows of `npm run bench` (`--only simulate`): seeded random behaviours on
 * PaxosCommit and the flagship, in fresh processes, and — where the TLC jar and `java` are
 * available (shared/peers/ beside the checkout, or $TLC_JAR) — `tlc -simulate` on the same TLA+ spec with the same
 * number of behaviours and depth. A benchmark, never a test: nothing here asserts a time.
 *
 * The two tools count differently: a step is one transition taken along a behaviour in both; at
 * each step interleave expands every successor of the state (each one judged once, as in a full
 * search: "generated"), while TLC's simulator draws a random action and checks the states it
 * draws ("states checked"). Compare steps/s, and read the generated column beside it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmt, markdownTable } from "./table.ts";

interface SimWorkload {
  readonly name: string;
  readonly file: string;
  readonly exportName?: string;
  readonly params?: Record<string, unknown>;
  readonly behaviours: number;
  readonly depth: number;
  /** The TLA+ module and config of the same spec among the peers' sources, when there is one. */
  readonly tla?: { readonly module: string; readonly config: string };
}

const SIM_WORKLOADS: readonly SimWorkload[] = [
  { name: "PaxosCommit", file: "examples/tla/paxos-commit.ts", behaviours: 1000, depth: 100, tla: { module: "PaxosCommit.tla", config: "PaxosCommit.cfg" } },
  {
    name: "smp upstreamFix cpus=5 calls=3 fw=3",
    file: "specs/smp-call-function-many.ts",
    exportName: "upstreamFix",
    params: { cpus: 5, calls: 3, foreignWalks: 3 },
    behaviours: 1000,
    depth: 100,
  },
];

/** One simulation row: which tool, how many behaviours and steps, and how fast. */
export interface SimulationRow {
  readonly workload: string;
  readonly tool: "interleave" | "TLC";
  readonly result: string;
  readonly behaviours: number;
  readonly steps: number;
  /** interleave: states generated (every successor of every step); TLC: states checked. */
  readonly states: number;
  readonly distinct: number | null;
  readonly wallS: number;
  /** The simulation's own seconds (interleave: without start-up; TLC: its "Finished in"). */
  readonly simS: number;
  readonly cpuS: number;
  readonly stepsPerS: number;
}

/** Runs the simulation workloads whose name contains `only` (all without it); `notes` gets what was skipped. */
export function simulationRows(root: string, only: string | undefined, notes: string[]): SimulationRow[] {
  const rows: SimulationRow[] = [];
  if (only && !only.toLowerCase().includes("simulate")) return rows;
  // The peers sit in ../shared/peers/ beside the main checkout, ../../shared/peers/ beside a worktree.
  const jar = process.env.TLC_JAR ?? ["../shared", "../../shared"].map((d) => path.resolve(root, d, "peers/tla2tools.jar")).find(existsSync) ?? "../shared/peers/tla2tools.jar";
  const peers = path.join(path.dirname(jar), "tla");
  const java = spawnSync("java", ["-version"], { encoding: "utf8" }).status === 0;
  for (const w of SIM_WORKLOADS) {
    if (only && !`simulate ${w.name}`.toLowerCase().includes(only.toLowerCase())) continue;
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "bench/simulate-workload.ts", w.file, w.exportName ?? "default", JSON.stringify(w.params ?? {}), String(w.behaviours), String(w.depth), "1"],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    const r = JSON.parse(out.trim().split("\n").pop()!);
    rows.push({ workload: w.name, tool: "interleave", result: r.result, behaviours: r.behaviours, steps: r.steps, states: r.generated, distinct: r.distinct, wallS: r.wallS, simS: r.simS, cpuS: r.cpuS, stepsPerS: r.steps / r.simS });
    process.stderr.write(`  simulate ${w.name}: ${r.steps} steps in ${r.simS.toFixed(2)} s\n`);
    if (!w.tla) continue;
    if (!existsSync(jar) || !java || !existsSync(path.join(peers, w.tla.module))) {
      notes.push(`no TLC row for ${w.name}: needs java and ${jar} with ${path.join(peers, w.tla.module)}`);
      continue;
    }
    rows.push(tlcSimulate(w, jar, peers));
  }
  return rows;
}

/** `tlc -simulate num=B -depth D -seed 1 -workers 1` in a scratch copy of the TLA+ sources (TLC writes next to the spec). */
function tlcSimulate(w: SimWorkload, jar: string, peers: string): SimulationRow {
  const tla = w.tla!;
  const dir = mkdtempSync(path.join(os.tmpdir(), "interleave-tlc-sim-"));
  cpSync(peers, dir, { recursive: true });
  const started = process.hrtime.bigint();
  const r = spawnSync(
    "/usr/bin/time",
    ["-f", "%U %S", "java", "-XX:+UseParallelGC", "-cp", jar, "tlc2.TLC", "-simulate", `num=${w.behaviours}`, "-depth", String(w.depth), "-seed", "1", "-workers", "1", "-config", tla.config, tla.module],
    { cwd: dir, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  const progress = /Progress: (\d+) states checked, (\d+) traces generated \(trace length: mean=(\d+)/.exec(r.stdout);
  const finished = /Finished in (\d+)s/.exec(r.stdout);
  if (!progress) throw new Error(`tlc -simulate ${tla.module}: no progress line (exit ${r.status}):\n${r.stdout.slice(-2000)}${r.stderr}`);
  const [user, system] = (r.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
  const traces = Number(progress[2]);
  const steps = traces * (Number(progress[3]) - 1); // a trace of n states takes n − 1 steps
  const simS = finished ? Math.max(1, Number(finished[1])) : wallS;
  process.stderr.write(`  tlc -simulate ${w.name}: ${steps} steps in ${simS} s\n`);
  return { workload: w.name, tool: "TLC", result: /Error:/.test(r.stdout) ? "violation" : "incomplete", behaviours: traces, steps, states: Number(progress[1]), distinct: null, wallS, simS, cpuS: user + system, stepsPerS: steps / simS };
}

/** The rows as a Markdown table. */
export function simulationTable(rows: readonly SimulationRow[]): string[] {
  return markdownTable(
    ["simulation", "tool", "result", "behaviours", "steps", "states generated/checked", "distinct", "wall s", "sim s", "CPU s", "steps/s"],
    rows.map((r) => [r.workload, r.tool, r.result, fmt(r.behaviours), fmt(r.steps), fmt(r.states), r.distinct === null ? "—" : fmt(r.distinct), r.wallS.toFixed(2), r.simS.toFixed(2), r.cpuS.toFixed(2), fmt(r.stepsPerS)]),
    (c) => c <= 2,
  );
}
