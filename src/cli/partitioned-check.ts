import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";
import type { CheckOptions } from "../check/check-options.ts";
import type { CheckResult } from "../check/result.ts";
import type { Json, Model } from "../model/model.ts";
import type { LocalRedis } from "./local-redis.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { positiveInt, UsageError } from "./usage-error.ts";

// The search and its Redis client are loaded only when a partitioned search runs: importing the
// client costs every other `check` a noticeable part of its start-up.
const distributed = async () => {
  const [search, redis, transport, local] = await Promise.all([
    import("../distributed/partition-search.ts"),
    import("../distributed/redis-transport.ts"),
    import("../distributed/transport.ts"),
    import("./local-redis.ts"),
  ]);
  return { ...search, ...redis, ...transport, ...local };
};

/** The flags of the partitioned search (`check --partitions N [--partition i] --transport URL --run-id ID`). */
export interface PartitionFlags {
  partitions?: number;
  partition?: number;
  transport?: string;
  runId?: string;
}

/** Adds the partitioned search's flags to `check`. */
export function addPartitionOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--partitions <n>", "partitioned search over <n> processes (hash of each state's fingerprint → owner); without --partition, starts them here").argParser(
        positiveInt("--partitions"),
      ),
    )
    .addOption(new Option("--partition <i>", "run partition <i> (0-based) of a partitioned search started elsewhere (e.g. a Kubernetes Indexed Job)").argParser(index))
    .option("--transport <url>", "the Redis server connecting the partitions, redis://host:port (default with --partitions alone: a private redis-server)")
    .option("--run-id <id>", "names the run on the transport: partitions with the same id form one run (a restarted partition resumes it)");
}

/** Refuses flag combinations the partitioned search cannot honour (usage errors). */
export function checkPartitionFlags(flags: PartitionFlags & { workers?: number; dfs?: boolean; maxStates?: number; watch?: boolean }): void {
  if (flags.partitions === undefined) {
    if (flags.partition !== undefined || flags.transport !== undefined || flags.runId !== undefined) {
      throw new UsageError("--partition, --transport and --run-id belong to a partitioned search: add --partitions <n>");
    }
    return;
  }
  const clash = flags.workers !== undefined && flags.workers > 1 ? "--workers" : flags.dfs ? "--dfs" : flags.maxStates !== undefined ? "--max-states" : flags.watch ? "--watch" : undefined;
  if (clash) throw new UsageError(`--partitions ${flags.partitions} with ${clash}: the partitioned search is breadth-first, level by level, over processes (drop one of the two)`);
  if (flags.partition === undefined) return;
  if (flags.partition >= flags.partitions) throw new UsageError(`--partition ${flags.partition}: expected 0 … ${flags.partitions - 1} (--partitions ${flags.partitions})`);
  if (flags.transport === undefined) throw new UsageError(`--partition ${flags.partition}: give the --transport every partition of the run connects to (redis://host:port)`);
  if (flags.runId === undefined) throw new UsageError(`--partition ${flags.partition}: give the --run-id every partition of the run shares`);
}

/**
 * How `checkVerdicts` runs the search in one partition: connect, check the partition's share
 * (the result is the whole run's), disconnect. `identity` adds the hash of the spec file, so
 * that partitions started on different files refuse to run together.
 */
export function partitionRun<S>(
  model: Model<S>,
  file: string,
  identity: Readonly<Record<string, Json>>,
  flags: PartitionFlags,
  io: CliIO,
): (options: CheckOptions) => Promise<CheckResult<S>> {
  const partition = flags.partition!;
  return async (options) => {
    const { RedisTransport, checkPartition, abortedRun, RunAborted } = await distributed();
    const transport = await RedisTransport.connect({ url: flags.transport!, runId: flags.runId!, partition, partitions: flags.partitions! });
    const fileHash = createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);
    const what = { ...identity, fileHash, properties: options.properties ?? null, continue: options.continue ?? false, maxDepth: options.maxDepth ?? null };
    try {
      return await checkPartition(model, transport, what, {
        ...options,
        onProgress: partition === 0 ? options.onProgress : undefined,
        onResume: (depth) => io.stderr(`partition ${partition}: resuming run "${flags.runId}" from its checkpoint (frontier at depth ${depth})\n`),
      });
    } catch (e) {
      throw e instanceof RunAborted ? abortedRun(e) : e;
    } finally {
      await transport.close();
    }
  };
}

/** The message of a failure of the partitioned search that is a usage error (exit 3): a refusal, an unreachable transport; undefined for other errors. */
export function partitionRefusal(e: unknown): string | undefined {
  return e instanceof Error && (e.name === "PartitionRefusal" || e.name === "TransportUnavailable") ? e.message : undefined;
}

/** Restarts of a partition process killed by a signal, before the run is given up. */
const RESTARTS = 3;
const OUTPUT_FLAGS = new Set(["--json", "--junit", "--itf", "--html", "--trace-dot"]);

/**
 * `check --partitions N` without `--partition`: the local mode. Starts N partition processes of
 * this CLI on this machine (and a private redis-server unless `--transport` names one), shows
 * partition 0's report — the whole run's, in the same text and `--json` shape as a one-process
 * check — and exits with its code. A partition killed by a signal is restarted with the same
 * index and resumes from its last checkpointed level.
 */
export async function coordinatePartitions(rawArgs: readonly string[], flags: PartitionFlags, io: CliIO): Promise<number> {
  const n = flags.partitions!;
  const { RedisTransport, startLocalRedis } = await distributed();
  let local: LocalRedis | undefined;
  try {
    if (flags.transport === undefined) local = await startLocalRedis();
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}\n`);
    return ExitCode.usage;
  }
  const url = flags.transport ?? local!.url;
  const runId = flags.runId ?? randomUUID();
  const entry = fileURLToPath(new URL(import.meta.url.endsWith(".ts") ? "../../bin/interleave.js" : "./bin.js", import.meta.url));
  try {
    const codes = await Promise.all(Array.from({ length: n }, (_, i) => runChild(entry, childArgs(rawArgs, i, url, runId), i, io)));
    const failed = codes.find((c) => c === ExitCode.specError || c === ExitCode.usage);
    return codes[0] === ExitCode.ok || codes[0] === ExitCode.violation || codes[0] === ExitCode.incomplete ? (failed ?? codes[0]) : codes[0];
  } finally {
    await RedisTransport.connect({ url, runId, partition: 0, partitions: n })
      .then(async (t) => {
        await t.dropRun();
        await t.close();
      })
      .catch(() => undefined);
    await local?.stop();
  }
}

/** Partition i's arguments: the user's, with the partition, transport and run; output files only for partition 0. */
function childArgs(rawArgs: readonly string[], i: number, url: string, runId: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < rawArgs.length; k++) {
    const [name] = rawArgs[k].split("=", 1);
    if (["--transport", "--run-id"].includes(name) || (i > 0 && OUTPUT_FLAGS.has(name))) {
      if (!rawArgs[k].includes("=")) k++;
      continue;
    }
    out.push(rawArgs[k]);
  }
  return [...out, "--partition", String(i), "--transport", url, "--run-id", runId];
}

/** Runs partition i to its end (restarting it when killed); its exit code. */
async function runChild(entry: string, args: string[], i: number, io: CliIO): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const child = spawn(process.execPath, [entry, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let errors = "";
    child.stdout.on("data", (d: Buffer) => i === 0 && io.stdout(d.toString()));
    child.stderr.on("data", (d: Buffer) => (i === 0 ? io.stderr(d.toString()) : (errors += d.toString())));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once("exit", (c, s) => resolve([c, s])));
    if (signal !== null && attempt < RESTARTS) {
      io.stderr(`partition ${i} was stopped by ${signal}: restarting it (it resumes from its last checkpointed level)\n`);
      continue;
    }
    if (i > 0 && code !== ExitCode.ok && code !== ExitCode.violation && code !== ExitCode.incomplete) io.stderr(errors.replace(/^(?=.)/gm, `[partition ${i}] `));
    return code ?? ExitCode.specError;
  }
}

function index(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--partition: expected a partition index (0, 1, …), got "${value}"`);
  return n;
}
