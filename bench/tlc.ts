/**
 * `npm run bench -- --vs-tlc`: interleave and TLC on the same workloads, one worker each, in
 * one invocation, alternating (interleave, TLC, interleave, TLC, …), each run a fresh process
 * timed by GNU time, so that both CPU figures include the start-up (Node and tsx, the JVM).
 * Prints per workload the medians of the runs and the CPU-time ratio TLC / interleave, with
 * the date and the load average before and after. A benchmark, never a test.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmt, markdownTable } from "./table.ts";

/** A workload both checkers run: the interleave spec and the TLA+ module and config of the same model. */
export interface PairedWorkload {
  readonly name: string;
  readonly file: string;
  readonly exportName?: string;
  readonly params?: Record<string, unknown>;
  /** TLA+ module and config in the peers' `tla/` folder. */
  readonly tla: readonly [module: string, config: string];
}

/** What one run of either checker did. */
interface Run {
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly cpuS: number;
  readonly wallS: number;
  readonly rssBytes: number;
}

/** Where TLC is: `TLC_JAR`, else `shared/peers/tla2tools.jar` in the repository's parent or an ancestor of it; and a `java` to run it. */
export function findTlc(root: string): { jar: string; tla: string } | { missing: string } {
  let jar = process.env.TLC_JAR;
  if (jar === undefined) {
    for (let dir = path.dirname(root); jar === undefined; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "shared", "peers", "tla2tools.jar");
      if (existsSync(candidate)) jar = candidate;
      else if (path.dirname(dir) === dir) break;
    }
  }
  if (jar === undefined || !existsSync(jar)) return { missing: `no TLC: set TLC_JAR, or put tla2tools.jar in ../shared/peers/ (looked for ${jar ?? "shared/peers/tla2tools.jar above " + root})` };
  const tla = process.env.TLC_SPECS ?? path.join(path.dirname(jar), "tla");
  if (!existsSync(tla)) return { missing: `no TLA+ sources of the workloads in ${tla} (set TLC_SPECS)` };
  if (spawnSync("java", ["-version"], { encoding: "utf8" }).status !== 0) return { missing: "no `java` on the PATH to run TLC" };
  return { jar, tla };
}

/** Runs `command` under GNU time: its output, CPU seconds (user + system), wall seconds and peak RSS. */
function timed(command: string, args: readonly string[], cwd: string): { stdout: string; cpuS: number; wallS: number; rssBytes: number } {
  const started = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %U %S %M", command, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const line = r.stderr.split("\n").find((l) => l.startsWith("TIME "));
  if (r.status !== 0 || line === undefined) throw new Error(`${command} ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
  const [user, system, rssKb] = line.slice(5).split(" ").map(Number);
  return { stdout: r.stdout, cpuS: user + system, wallS, rssBytes: rssKb * 1024 };
}

function runInterleave(root: string, w: PairedWorkload): Run {
  const t = timed(process.execPath, ["bench/workload.mjs", w.file, w.exportName ?? "default", JSON.stringify(w.params ?? {}), "1"], root);
  const r = JSON.parse(t.stdout.trim().split("\n").pop()!);
  return { distinct: r.distinct, generated: r.generated, depth: r.depth, cpuS: t.cpuS, wallS: t.wallS, rssBytes: t.rssBytes };
}

function runTlc(jar: string, tla: string, w: PairedWorkload): Run {
  // TLC writes `states/` next to the spec: run it in a copy.
  const dir = mkdtempSync(path.join(os.tmpdir(), "interleave-tlc-"));
  try {
    cpSync(tla, dir, { recursive: true });
    const [module, config] = w.tla;
    const t = timed("java", ["-XX:+UseParallelGC", "-cp", jar, "tlc2.TLC", "-workers", "1", "-fp", "1", "-seed", "1", "-config", config, module], dir);
    const counts = /([\d,]+) states generated, ([\d,]+) distinct states found, 0 states left on queue/.exec(t.stdout);
    const depth = /depth of the complete state graph search is (\d+)/.exec(t.stdout);
    if (!counts || !depth) throw new Error(`TLC on ${module}: no final counts in its output:\n${t.stdout.slice(-2000)}`);
    const n = (s: string) => Number(s.replaceAll(",", ""));
    return { distinct: n(counts[2]), generated: n(counts[1]), depth: Number(depth[1]), cpuS: t.cpuS, wallS: t.wallS, rssBytes: t.rssBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One run as a progress line (so that a run cut short still leaves its figures). */
const progress = (r: Run) =>
  `${fmt(r.distinct)} distinct, ${fmt(r.generated)} generated, depth ${r.depth}, ${r.cpuS.toFixed(2)} CPU s, ${r.wallS.toFixed(1)} wall s (${new Date().toISOString()}, load ${load()})`;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/**
 * The side-by-side table for `workloads`, `repeat` alternating runs of each checker per
 * workload (medians). Without TLC, interleave's figures only, and why. Progress goes to stderr.
 */
export function versusTlc(root: string, workloads: readonly PairedWorkload[], repeat: number): string {
  const tlc = findTlc(root);
  const header = `interleave vs TLC — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version} — load average ${load()} at start`;
  const rows: string[][] = [];
  for (const w of workloads) {
    const mine: Run[] = [];
    const theirs: Run[] = [];
    for (let i = 0; i < repeat; i++) {
      mine.push(runInterleave(root, w));
      process.stderr.write(`  ${w.name} interleave: ${progress(mine[i])}\n`);
      if ("jar" in tlc) {
        theirs.push(runTlc(tlc.jar, tlc.tla, w));
        process.stderr.write(`  ${w.name} TLC: ${progress(theirs[i])}\n`);
      }
    }
    const a = mine[0];
    const b = theirs[0];
    const same = b === undefined ? "" : a.distinct === b.distinct && a.generated === b.generated && a.depth === b.depth ? "yes" : `NO (TLC ${fmt(b.distinct)} / ${fmt(b.generated)} / ${b.depth})`;
    const cpuA = median(mine.map((r) => r.cpuS));
    const cpuB = b === undefined ? NaN : median(theirs.map((r) => r.cpuS));
    rows.push([
      w.name,
      fmt(a.distinct),
      fmt(a.generated),
      String(a.depth),
      same,
      cpuA.toFixed(2),
      b === undefined ? "–" : cpuB.toFixed(2),
      b === undefined ? "–" : `${(cpuB / cpuA).toFixed(2)}×`,
      median(mine.map((r) => r.wallS)).toFixed(2),
      b === undefined ? "–" : median(theirs.map((r) => r.wallS)).toFixed(2),
      fmt(median(mine.map((r) => r.rssBytes)) / 2 ** 20),
      b === undefined ? "–" : fmt(median(theirs.map((r) => r.rssBytes)) / 2 ** 20),
    ]);
  }
  const head = ["workload", "distinct", "generated", "depth", "same counts", "interleave CPU s", "TLC CPU s", "TLC/interleave CPU", "interleave wall s", "TLC wall s", "interleave RSS MiB", "TLC RSS MiB"];
  return [
    header,
    `(one worker each; ${repeat} alternating run${repeat === 1 ? "" : "s"} per checker, medians; CPU s = user + system of the whole process, start-up included, by GNU time; TLC: -workers 1 -fp 1 -seed 1)`,
    ...markdownTable(head, rows, (c) => c === 0),
    "jar" in tlc ? `TLC: ${tlc.jar}` : `interleave only — ${tlc.missing}`,
    `load average at end ${load()}`,
    "",
  ].join("\n");
}
