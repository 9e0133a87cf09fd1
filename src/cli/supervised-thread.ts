import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { LiveStatus } from "../check/live-status.ts";
import { asyncError, isSpecError, SpecError, specErrorToWire, wireCause } from "../model/spec-error.ts";
import type { Explored } from "./check-job.ts";
import { exploreCheck } from "./check-stages.ts";
import type { CliIO } from "./io.ts";
import type { SupervisedTask, ThreadMessage } from "./thread-messages.ts";
import { takeExitCall } from "./thread-guard.ts";

/**
 * The thread side of supervision (see supervisor.ts): runs tasks one at a time with the spec's
 * code, sends their output and results as messages, publishes progress through the shared
 * status, and turns what the spec does outside any action — a rejected promise, a throwing
 * timer callback, a caught `exit()` — into a spec fault. The supervisor may end this thread at
 * any moment, or keep it for the next task (`--watch` loads the spec afresh each time).
 */
const port = parentPort!;
const { status: buffer, heapLimitMb } = workerData as { status: SharedArrayBuffer; heapLimitMb: number };
const status = new LiveStatus(buffer);
const post = (message: ThreadMessage) => port.postMessage(message);

/** Above this share of the thread's heap limit the search stops (exit 4) while it can still report exactly. */
const HEAP_SHARE = 0.8;

let asyncFault: SpecError | undefined;
const onAsync = (kind: "rejection" | "exception") => (reason: unknown) => {
  asyncFault ??= asyncError(kind, reason);
  status.requestStop("interrupted");
};
process.on("unhandledRejection", onAsync("rejection"));
process.on("uncaughtException", onAsync("exception"));
setInterval(() => {
  const heap = getHeapStatistics();
  if (heap.used_heap_size > HEAP_SHARE * Math.min(heap.heap_size_limit, heapLimitMb * 2 ** 20)) status.requestStop("memory");
}, 100).unref();

// Started ahead of time, the thread has its modules loaded when a task arrives.
let queue = Promise.resolve();
port.on("message", (task: SupervisedTask) => {
  queue = queue.then(() => runTask(task));
});

async function runTask(task: SupervisedTask): Promise<void> {
  asyncFault = undefined;
  takeExitCall();
  // While a task runs, only its own work keeps the thread alive: a top-level await that can
  // never settle empties the event loop and ends the thread (exit 13), which the supervisor reports.
  port.unref();
  try {
    await runStages(task);
  } finally {
    port.ref();
  }
}

async function runStages(task: SupervisedTask): Promise<void> {
  const io: CliIO = {
    stdout: (text) => post({ kind: "stdout", text }),
    stderr: (text) => post({ kind: "stderr", text }),
    cwd: task.job.cwd,
    status,
  };
  try {
    if (task.kind === "check") {
      const explored = await exploreCheck(task.job, io, {
        onPlan: (plan) => post({ kind: "plan", plan }),
        ...(task.reportImports ? { onImport: (url: string) => post({ kind: "import", url }) } : {}),
      });
      await settled();
      const fault = lateFault(explored);
      post(fault ? { kind: "fault", error: specErrorToWire(fault) } : { kind: "explored", explored });
    } else {
      // The diagram code loads only for `graph` (a check must not pay for it).
      const { drawGraph } = await import("./graph-run.ts");
      const outcome = await drawGraph(task.job, io);
      await settled();
      const fault = lateFault();
      post(fault ? { kind: "fault", error: specErrorToWire(fault) } : { kind: "graphed", outcome });
    }
  } catch (e) {
    if (outOfMemory(e)) post({ kind: "memory" });
    else if (isSpecError(e)) post({ kind: "fault", error: specErrorToWire(e) });
    else post({ kind: "crash", error: wireCause(e) });
  }
}

/**
 * Lets rejections and callbacks still pending from the spec's code surface before the verdict
 * is sent, and what the spec printed reach the supervisor first.
 */
async function settled(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
}

/**
 * A fault that voids the result: an asynchronous error, or an `exit()` the spec caught. A fault
 * or usage error the stages already found is reported as it is.
 */
function lateFault(explored?: Explored): SpecError | undefined {
  if (explored && (explored.kind === "fault" || explored.kind === "usage")) return undefined;
  if (asyncFault) return asyncFault;
  const exit = takeExitCall();
  return exit ? new SpecError("spec-exited", `the spec called exit() on the process (and caught the error interleave threw there): a spec must not end the process`) : undefined;
}

/** An allocation that failed in interleave's own code (a spec's errors arrive as SpecErrors). */
function outOfMemory(e: unknown): boolean {
  if ((e as NodeJS.ErrnoException | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY") return true;
  return e instanceof RangeError && /allocation failed|invalid (typed )?array length|out of memory/i.test(e.message);
}
