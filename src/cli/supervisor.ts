import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import { LiveStatus, type LiveSnapshot, type Phase } from "../check/live-status.ts";
import type { StopReason } from "../check/result.ts";
import { SpecError, specErrorFromWire, thrownMessage } from "../model/spec-error.ts";
import { checkEnding, graphEnding, runningCode } from "./supervised-outcome.ts";
import type { CliIO } from "./io.ts";
import { formatProgress } from "./progress.ts";
import type { Runner } from "./runner.ts";
import type { Ending, SupervisedTask, ThreadMessage } from "./thread-messages.ts";

/** Whether the command `argv` asks for runs spec code at once, so that its thread is worth starting before the command line is parsed. */
export function prestarts(argv: readonly string[]): boolean {
  return argv[0] === "check" || argv[0] === "graph" || argv[0] === "report";
}

/** Limits of a supervised run. Defaults suit the CLI; tests shorten them. */
export interface SuperviseOptions {
  /** Heap of the thread running the spec, MiB. Default: this process's limit (raise it with `--max-old-space-size`). */
  readonly heapLimitMb?: number;
  /** How long the spec's top-level code may run while it is imported. Default 30 s. */
  readonly loadTimeoutMs?: number;
  /** How long the search has to honour a stop request before its thread is ended. Default 500 ms. */
  readonly graceMs?: number;
  /** Progress lines on stderr this often. Default 3 s. */
  readonly progressIntervalMs?: number;
  /** Start the first thread at once, before a command asks for it (it loads while the command line is parsed). */
  readonly prestart?: boolean;
}

/** The thread's module: compiled JavaScript in the built package, a bootstrap that runs the TypeScript sources in a checkout. */
const THREAD_ENTRY = import.meta.url.endsWith(".ts") ? new URL("./supervised-thread-entry.mjs", import.meta.url) : new URL("./supervised-thread-start.js", import.meta.url);

/** The phases of the search itself (not of loading the spec), which `--timeout` bounds. */
const SEARCHING = new Set<Phase>(["init", "explore", "liveness", "report"]);

/** The default time a spec's top-level code may take to load. */
export const LOAD_TIMEOUT_MS = 30_000;

type Final = Extract<ThreadMessage, { kind: "explored" | "graphed" | "memory" | "fault" | "crash" }>;
/** The thread's last message kinds. */
const FINAL = new Set<ThreadMessage["kind"]>(["explored", "graphed", "memory", "fault", "crash"]);

/**
 * Runs the commands that execute spec code in a worker thread that this (main) thread
 * supervises: `--timeout`, Ctrl-C and the memory guard first ask the search to stop (it obeys
 * after the current state, with exact statistics); if the spec's code does not return within
 * the grace period, the thread is ended and the counters it published are the partial report.
 * Whatever the spec does — loop, exit, reject, print, exhaust the heap — the CLI reports it.
 */
export function supervisedRunner(options: SuperviseOptions = {}): Runner {
  // Started now, the thread loads interleave's modules while this thread parses the command line;
  // one that finished its task is kept for the next (a `--watch` re-run).
  let spare: Thread | undefined = options.prestart ? startThread(options) : undefined;
  const supervise = async (task: SupervisedTask, io: CliIO, onMessage: (m: ThreadMessage) => void, actionName?: (i: number) => string | undefined) => {
    const thread = spare ?? startThread(options);
    spare = undefined;
    const ending = await superviseThread(thread, task, io, options, onMessage, actionName);
    // Kept for a `--watch` re-run (which loads the spec afresh); else ended, with its output delivered.
    const reusable = ending.kind === "message" || (ending.kind === "fault" && ending.reusable);
    if (reusable && task.kind === "check" && task.reportImports) spare = thread;
    else if (reusable) await stopThread(thread);
    else void thread.worker.terminate(); // already ending; the report does not wait for it
    return ending;
  };
  return {
    check: (job, io, hooks) =>
      checkEnding(job, hooks, (onMessage, actionName) => supervise({ kind: "check", job, reportImports: hooks.onImport !== undefined }, io, onMessage, actionName)),
    graph: async (job, io) => graphEnding(await supervise({ kind: "graph", job }, io, () => {}), job, io),
    close: async () => {
      if (spare) await stopThread(spare);
      spare = undefined;
    },
  };
}

/** Ends a thread whose task is over, once what it printed has arrived. */
async function stopThread({ worker }: Thread): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await worker.terminate();
}

/** A supervised thread, started before its task is known (it waits for tasks as messages). */
interface Thread {
  readonly worker: Worker;
  readonly status: LiveStatus;
  readonly heapLimitMb: number;
  /** Where what the spec prints goes: the current task's stderr (stdout carries the report, and `graph`'s DOT). */
  printed: (text: string) => void;
}

function startThread(options: SuperviseOptions): Thread {
  const status = new LiveStatus();
  const heapLimitMb = options.heapLimitMb ?? Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  const worker = new Worker(THREAD_ENTRY, {
    workerData: { status: status.buffer, heapLimitMb },
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
  });
  worker.unref(); // an idle thread must not keep the process alive
  const thread: Thread = { worker, status, heapLimitMb, printed: () => {} };
  worker.stdout.on("data", (chunk) => thread.printed(String(chunk)));
  worker.stderr.on("data", (chunk) => thread.printed(String(chunk)));
  return thread;
}

/**
 * Gives `task` to the thread and resolves with how it ended. Output messages go to `io`; the
 * others to `onMessage`. `actionName` names an action index for progress lines.
 */
function superviseThread(
  thread: Thread,
  task: SupervisedTask,
  io: CliIO,
  options: SuperviseOptions,
  onMessage: (message: ThreadMessage) => void,
  actionName: (index: number) => string | undefined = () => undefined,
): Promise<Ending> {
  const { worker, status, heapLimitMb } = thread;
  const graceMs = options.graceMs ?? 500;
  const loadTimeoutMs = options.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  thread.printed = io.stderr;
  status.reset();
  worker.ref();
  // Each thread of `--workers` gets the same heap as this one.
  worker.postMessage(task.kind === "check" ? { ...task, job: { ...task.job, heapLimitMb } } : task);

  return new Promise<Ending>((resolve, reject) => {
    let forced: Ending | undefined;
    let stopping: StopReason | undefined;
    const timers: ReturnType<typeof setTimeout>[] = [];
    const onAbort = () => stop("interrupted");
    const done = () => {
      clearInterval(watch);
      for (const t of timers) clearTimeout(t);
      io.signal?.removeEventListener("abort", onAbort);
      worker.off("message", onWorkerMessage).off("error", onError).off("exit", onExit);
      worker.unref();
    };
    // Ending the thread can take a while (its own --workers threads stop with it): the report,
    // made from the counters published so far, does not wait for that.
    const end = (ending: { kind: "halted"; reason: StopReason } | { kind: "fault"; error: SpecError }) => {
      if (forced) return;
      forced = { ...ending, snapshot: status.snapshot() };
      done();
      void worker.terminate();
      resolve(forced);
    };
    const stop = (reason: StopReason) => {
      if (stopping !== undefined) return;
      stopping = reason;
      if (reason !== "interrupted") io.stderr(`${reason === "timeout" ? "time limit reached" : "memory low"}: stopping the search\n`);
      status.requestStop(reason);
      timers.push(setTimeout(() => end({ kind: "halted", reason }), graceMs));
    };
    // The time limit counts from the start of the search, as in-process (loading has its own limit).
    const timeoutMs = task.kind === "check" && task.job.flags.timeout !== undefined ? task.job.flags.timeout * 1000 : undefined;
    let deadline: number | undefined;
    const progress = progressPrinter(options.progressIntervalMs ?? 3000, actionName, io);
    const watch = setInterval(() => {
      const now = Date.now();
      const snapshot = status.snapshot();
      if (deadline === undefined && timeoutMs !== undefined && SEARCHING.has(snapshot.phase)) {
        deadline = (snapshot.phase === "init" ? snapshot.phaseStartedAt : now) + timeoutMs;
      }
      if (deadline !== undefined && now >= deadline) stop("timeout");
      if (snapshot.phase === "import" && now - snapshot.phaseStartedAt > loadTimeoutMs) end({ kind: "fault", error: loadTimeout(loadTimeoutMs) });
      if (processMemoryLow()) stop("memory");
      progress(now, snapshot);
    }, 100);

    function onWorkerMessage(message: ThreadMessage): void {
      if (forced) return;
      if (message.kind === "stdout") io.stdout(message.text);
      else if (message.kind === "stderr") io.stderr(message.text);
      else if (!FINAL.has(message.kind)) onMessage(message);
      else {
        // A result that arrives first stands: a stop or limit after it changes nothing.
        done();
        finalEnding(message as Final, status.snapshot()).then(resolve, reject);
      }
    }
    function onError(e: Error): void {
      if (forced) return;
      // The heap limit (the memory guard's last resort), or an error the thread could not catch.
      if ((e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") forced ??= { kind: "halted", reason: "memory", snapshot: status.snapshot() };
      else forced ??= { kind: "fault", error: new SpecError("async-error", `the spec failed outside any action: ${thrownMessage(e)}`, { cause: e }), snapshot: status.snapshot() };
    }
    async function onExit(code: number): Promise<void> {
      done();
      await Promise.all([drained(worker.stdout), drained(worker.stderr)]);
      if (forced) return resolve(forced);
      // The thread ended without a word: not through interleave's code. While the spec is
      // imported, that is an event loop left empty by a top-level await that cannot settle.
      const error =
        status.snapshot().phase === "import" && (code === 0 || code === 13)
          ? new SpecError("spec-load-failed", "the spec's top-level await never settles: it waits for something that will never happen (nothing is left to wait for)")
          : new SpecError("spec-exited", `the thread running the spec ended with exit code ${code} before the spec was checked: a spec must not end the process`);
      resolve({ kind: "fault", error, snapshot: status.snapshot() });
    }
    worker.on("message", onWorkerMessage).on("error", onError).on("exit", onExit);
    io.signal?.addEventListener("abort", onAbort);
    if (io.signal?.aborted) stop("interrupted");
  });
}

async function finalEnding(final: Final, snapshot: LiveSnapshot): Promise<Ending> {
  switch (final.kind) {
    case "memory":
      return { kind: "halted", reason: "memory", snapshot };
    case "fault":
      return { kind: "fault", error: specErrorFromWire(final.error), snapshot, reusable: true };
    case "crash": {
      const error = new Error(`internal error in the supervised thread: ${final.error.message}`);
      error.stack = final.error.stack;
      throw error;
    }
    default:
      return { kind: "message", message: final, snapshot };
  }
}

function loadTimeout(ms: number): SpecError {
  return new SpecError(
    "load-timeout",
    `the spec's top-level code did not finish within ${ms / 1000} s: an await that never settles (a timer, a server that does not answer) or an endless computation`,
  );
}

/** True when the process as a whole (all threads, typed arrays included) nears the machine's or the container's memory. */
function processMemoryLow(): boolean {
  const constrained = process.constrainedMemory?.() ?? 0;
  return process.memoryUsage.rss() > 0.9 * (constrained > 0 ? constrained : totalmem());
}

/** Resolves when `stream` has ended (its data delivered), or after 200 ms at most. */
function drained(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 200);
    stream.once("end", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Prints a progress line every `intervalMs` of the search (not of loading the spec), from the
 * status: states and rate; the initial states found so far; an action that does not return.
 */
function progressPrinter(intervalMs: number, actionName: (i: number) => string | undefined, io: CliIO) {
  let since = 0; // when the search started
  let last = { at: 0, distinct: 0, generated: 0 };
  let movedAt = 0;
  return (now: number, s: LiveSnapshot): void => {
    if (s.phase !== "init" && s.phase !== "explore" && s.phase !== "liveness") {
      since = movedAt = now;
      last = { at: now, distinct: 0, generated: 0 };
      return;
    }
    if (now - last.at < intervalMs) return;
    const elapsed = `${((now - since) / 1000).toFixed(0)} s`;
    if (s.statesGenerated !== last.generated || s.distinctStates !== last.distinct) movedAt = now;
    const running = s.phase === "explore" && movedAt !== now ? runningCode(s, actionName) : undefined;
    if (running !== undefined) {
      io.stderr(`  … no new state for ${((now - movedAt) / 1000).toFixed(0)} s: ${running} is still running on one state, ${elapsed}\n`);
    } else if (s.phase === "explore") {
      io.stderr(formatProgress({ ...s, elapsedMs: now - since, statesPerSecond: ((s.distinctStates - last.distinct) * 1000) / (now - last.at) }));
    } else if (s.phase === "init") {
      io.stderr(`  … computing the initial states: ${s.distinctStates.toLocaleString("en-US")} so far, ${elapsed}\n`);
    } else {
      io.stderr(`  … checking the temporal properties on the explored graph, ${elapsed}\n`);
    }
    last = { at: now, distinct: s.distinctStates, generated: s.statesGenerated };
  };
}
