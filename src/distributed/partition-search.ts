import type { DeadlockFreedom, Invariant, Json, Model } from "../model/model.ts";
import { SpecError, isSpecError, type SpecErrorCode } from "../model/spec-error.ts";
import { collisionProbability } from "../state/fingerprint.ts";
import { selectProperties, type CheckOptions } from "../check/check-options.ts";
import { Judge } from "../check/judge.ts";
import { Outcome } from "../check/outcome.ts";
import type { CheckResult, StopReason, Trace } from "../check/result.ts";
import { expandLevel, type LevelContext, type LevelWork } from "./partition-level.ts";
import { PartitionStore } from "./partition-store.ts";
import { gatherPath, replayPath, type FingerprintPath } from "./partition-trace.ts";
import { KEY, compareFindings, compareKeyAt, type Finding } from "./order-key.ts";
import { base64Of, intsOfBase64 } from "./int-list.ts";
import { RunAborted, type Transport } from "./transport.ts";
import { checkpointOf, restore, type Totals } from "./partition-checkpoint.ts";

/** Options of {@link checkPartition}: those of `check` it honours, and the batch size. */
export interface PartitionOptions extends CheckOptions {
  /** Bytes of successors gathered for one partition before they are sent (default 256 KiB). */
  readonly batchBytes?: number;
  /** Called once each level is checkpointed, with the depth reached. */
  readonly onLevel?: (depth: number) => void;
  /** Called when this partition resumes from its checkpoint (a restart), with the frontier's depth. */
  readonly onResume?: (depth: number) => void;
}

/**
 * The partitioned search refuses to run: the partitions disagree on what they check, or it is
 * asked for something it does not do (temporal properties, depth-first order, a state limit).
 */
export class PartitionRefusal extends Error {
  override readonly name = "PartitionRefusal";
}

/** A property found violated and how to rebuild its trace (kept in checkpoints). */
interface Reported {
  readonly finding: Finding;
  readonly property: number;
  readonly path: FingerprintPath;
}

/**
 * One partition of the hash-partitioned, level-synchronous breadth-first search (owner computes:
 * a state belongs to the partition its fingerprint hashes to, which deduplicates, stores, judges
 * and later expands it). All partitions of a run call this with the same model and options, each
 * with its own transport; each returns the same result, equal to the one-process `check`'s:
 * counts, depth, verdicts, the first violation and its (shortest) trace. A partition restarted
 * with the same index and run resumes from its last checkpointed level.
 *
 * `identity` describes what is checked (file hash, parameters, options): a partition whose
 * identity differs from the run's refuses, and aborts the run.
 */
export async function checkPartition<S>(model: Model<S>, transport: Transport, identity: Readonly<Record<string, Json>>, options: PartitionOptions = {}): Promise<CheckResult<S>> {
  const started = Date.now();
  const selected = selectProperties(model.properties, options.properties);
  refuseUnsupported(selected.filter((p) => p.kind !== "invariant" && p.kind !== "deadlock").map((p) => p.name), options);
  await claim(transport, { ...identity, partitions: transport.partitions });
  const invariants = selected.filter((p): p is Invariant<S> => p.kind === "invariant");
  const keepGoing = options.continue ?? false;
  const judge = new Judge(invariants, selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock"), model.codec, !keepGoing);
  const outcome = new Outcome(model, judge, keepGoing);
  const store = new PartitionStore(model.codec.width, transport.partition);
  const fired = new Uint8Array(model.actions.length);
  const reported: Reported[] = [];
  const report = (r: Reported, trace: Trace<S>): void => {
    reported.push(r);
    if (r.property === invariants.length) outcome.deadlock(() => trace);
    else {
      judge.violated[0] = r.property;
      outcome.invariants(1, () => trace);
    }
  };
  const saved = await restore(transport, store);
  let totals: Totals = { generated: 0, distinct: 0, depth: 0, queue: 0 };
  if (saved) {
    totals = saved.totals;
    fired.set(saved.fired);
    judge.merge(Uint8Array.from(saved.applied));
    for (const r of saved.reported) report(r, replayPath(model, r.path, r.finding.kind === "rejected"));
    options.onResume?.(store.frontier.depth);
  }
  const ctx: LevelContext<S> = { model, judge, transport, store, keepGoing, batchBytes: options.batchBytes ?? 1 << 18, verify: options.verifyFirst ?? 256, stash: [] };
  const maxDepth = options.maxDepth ?? Infinity;
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  let last = { at: started, distinct: totals.distinct };

  for (;;) {
    const depth = store.frontier.depth;
    if (depth > 0 && totals.queue === 0) break;
    if (depth >= maxDepth) {
      outcome.stoppedBy = "max-depth";
      totals = { ...totals, queue: 0 };
      break;
    }
    const work = await expandOrAbort(ctx);
    const halt: StopReason | undefined = options.signal?.aborted ? "interrupted" : Date.now() >= deadline ? "timeout" : undefined;
    // The new level's sorted keys travel in the barrier, so that every partition can rank its own states.
    const keys = transport.partitions > 1 ? base64Of(store.frontier.keys) : "";
    const all = (await transport.gather(`${depth}:level`, JSON.stringify({ n: store.frontier.count, g: work.generated, fired: bits(work.fired), applied: bits(judge.applied), findings: work.findings, halt, keys }))).map(
      (a) => JSON.parse(a) as { n: number; g: number; fired: string; applied: string; findings: Finding[]; halt?: StopReason; keys: string },
    );
    for (const a of all) {
      orBits(fired, a.fired);
      judge.merge(Uint8Array.from(a.applied, Number));
    }
    const findings = all.flatMap((a) => a.findings).sort(compareFindings);
    if (!keepGoing && findings.length > 0) {
      const first = findings[0];
      totals = await stopAt(transport, store, work, first, totals, depth);
      const path = await pathOf(transport, store, first, `${depth}:first`);
      report({ finding: first, property: first.properties[0], path }, replayPath(model, path, first.kind === "rejected"));
      break;
    }
    // Each property still undecided is reported at its first finding, in sequential order.
    const decided = new Set<number>();
    for (const [k, finding] of findings.entries()) {
      const fresh = finding.properties.filter((p) => judge.active[p] && !decided.has(p));
      if (fresh.length === 0) continue;
      for (const p of fresh) decided.add(p);
      const path = await pathOf(transport, store, finding, `${depth}:found:${k}`);
      const trace = replayPath(model, path, finding.kind === "rejected");
      for (const property of fresh) report({ finding, property, path }, trace);
    }
    const added = all.reduce((n, a) => n + a.n, 0);
    totals = {
      generated: totals.generated + (depth === 0 ? all[0].g : all.reduce((n, a) => n + a.g, 0)),
      distinct: totals.distinct + added,
      depth: added > 0 ? depth + 1 : totals.depth,
      queue: added,
    };
    const stop = all.find((a) => a.halt !== undefined)?.halt;
    if (stop) {
      outcome.stoppedBy = stop;
      break;
    }
    store.rank(all.map((a) => intsOfBase64(a.keys)));
    await transport.save(checkpointOf(store, { totals, fired: Array.from(fired), applied: Array.from(judge.applied), reported }));
    await transport.acknowledge(work.handled);
    options.onLevel?.(depth + 1);
    const now = Date.now();
    if (options.onProgress && now - last.at >= (options.progressIntervalMs ?? 3000)) {
      const statesPerSecond = ((totals.distinct - last.distinct) * 1000) / Math.max(1, now - last.at);
      options.onProgress({ distinctStates: totals.distinct, statesGenerated: totals.generated, queue: totals.queue, depth: totals.depth, elapsedMs: now - started, statesPerSecond });
      last = { at: now, distinct: totals.distinct };
    }
  }
  const stats = {
    distinctStates: totals.distinct,
    statesGenerated: totals.generated,
    depth: totals.depth,
    durationMs: Date.now() - started,
    queue: totals.queue,
    fingerprintCollisionProbability: collisionProbability(totals.distinct),
  };
  return outcome.result(stats, selected, fired);
}

/**
 * The counts the one-process search shows when it stops at `first` (found while expanding the
 * frontier of depth `depth`, the states before it in sequential order counted, those after it
 * not): summed over the partitions in one more all-gather round.
 */
async function stopAt(transport: Transport, store: PartitionStore, work: LevelWork, first: Finding, totals: Totals, depth: number): Promise<Totals> {
  const [parentRank, emission] = first.key;
  const expanded = work.emits.length; // the frontier that was expanded
  let generatedBefore = 0;
  let after = 0;
  for (let j = 0; j < expanded; j++) {
    if (work.ranks[j] < parentRank) generatedBefore += work.emits[j];
    else if (work.ranks[j] > parentRank) after++;
  }
  const next = store.frontier;
  let storedBefore = 0;
  while (storedBefore < next.count && compareKeyAt(next.keys, KEY * storedBefore, parentRank, emission) < 0) storedBefore++;
  const sums = (await transport.gather(`${depth}:stop`, JSON.stringify([generatedBefore, storedBefore, after])))
    .map((a) => JSON.parse(a) as number[])
    .reduce((s, a) => s.map((v, i) => v + a[i]), [0, 0, 0]);
  const stored = first.kind === "stored" ? 1 : 0;
  return {
    generated: totals.generated + sums[0] + (first.kind === "deadlock" ? 0 : emission + 1),
    distinct: totals.distinct + sums[1] + stored,
    depth: sums[1] + stored > 0 ? depth + 1 : depth,
    queue: sums[2] + sums[1],
  };
}

/** The fingerprint path of a finding's trace: to the violating state, or through the parent to a rejected one. */
async function pathOf(transport: Transport, store: PartitionStore, finding: Finding, round: string): Promise<FingerprintPath> {
  if (finding.kind !== "rejected") return gatherPath(transport, store, round, finding.state);
  if (finding.parent === null) return [finding.state];
  return [...(await gatherPath(transport, store, round, finding.parent)), finding.state];
}

/** Expands a level; a spec fault here aborts the whole run (the other partitions report it too). */
async function expandOrAbort<S>(ctx: LevelContext<S>): Promise<LevelWork> {
  try {
    return await expandLevel(ctx);
  } catch (e) {
    if (isSpecError(e)) await ctx.transport.abort(`fault:${JSON.stringify({ code: e.code, message: e.message, partition: ctx.transport.partition })}`);
    throw e;
  }
}

/** A run aborted elsewhere, as this partition reports it: the other partition's spec fault, or a refusal. */
export function abortedRun(e: RunAborted): SpecError | PartitionRefusal {
  if (e.message.startsWith("fault:")) {
    const { code, message, partition } = JSON.parse(e.message.slice(6)) as { code: SpecErrorCode; message: string; partition: number };
    return new SpecError(code, `(found by partition ${partition}) ${message}`);
  }
  return new PartitionRefusal(e.message.replace(/^refused:/, ""));
}

async function claim(transport: Transport, identity: Record<string, Json>): Promise<void> {
  const own = JSON.stringify(identity);
  const run = await transport.claim(own);
  if (run === own) return;
  const theirs = JSON.parse(run) as Record<string, Json>;
  const differences = Object.keys({ ...theirs, ...identity })
    .filter((k) => JSON.stringify(theirs[k]) !== JSON.stringify(identity[k]))
    .map((k) => `${k}: ${JSON.stringify(identity[k]) ?? "(none)"} here, ${JSON.stringify(theirs[k]) ?? "(none)"} in the run`);
  const message = `partition ${transport.partition} refuses to join the run: it checks something else than the partitions already started (${differences.join("; ")})`;
  await transport.abort(`refused:${message}`);
  throw new PartitionRefusal(message);
}

function refuseUnsupported(temporal: string[], options: PartitionOptions): void {
  if (temporal.length > 0) {
    throw new PartitionRefusal(
      `the partitioned search checks invariants and deadlock only; ${temporal.map((n) => `"${n}"`).join(", ")} ${temporal.length === 1 ? "needs" : "need"} the state graph of a one-process check (select safety properties with --check)`,
    );
  }
  if ((options.strategy ?? "bfs") !== "bfs") throw new PartitionRefusal("the partitioned search is breadth-first (drop --dfs)");
  if (options.maxStates !== undefined) throw new PartitionRefusal("the partitioned search stops at level boundaries only: use --max-depth, not --max-states");
  if (options.observer) throw new PartitionRefusal("the partitioned search does not record the state graph");
}

function bits(flags: Uint8Array): string {
  return Array.from(flags).join("");
}

function orBits(into: Uint8Array, flags: string): void {
  for (let i = 0; i < into.length; i++) if (flags[i] === "1") into[i] = 1;
}
