import { parentPort, workerData } from "node:worker_threads";
import { selectProperties } from "../check/check.ts";
import { expandLevel, levelBuffers, type LevelChecks, type LevelJob } from "../check/level-expansion.ts";
import type { DeadlockFreedom, Invariant } from "../model/model.ts";
import { asyncError, isSpecError, type SpecError, specErrorToWire, wireCause } from "../model/spec-error.ts";
import { loadModel, type ModelSource } from "./model-source.ts";

/** The thread side of {@link WorkerPool}: builds the model from its source, then expands slices on request. */
const { source, properties, setup } = workerData as { source: ModelSource; properties?: string[]; setup?: string };
const port = parentPort!;
// The module its creator names, if any (e.g. a guard against the spec exiting), before the spec.
if (setup !== undefined) await import(setup);

// The spec's asynchronous faults in this thread, reported with the next reply: an uncaught one
// would end the thread (and racing its termination can abort the whole process).
let asyncFault: SpecError | undefined;
process.on("unhandledRejection", (reason) => void (asyncFault ??= asyncError("rejection", reason)));
process.on("uncaughtException", (error) => void (asyncFault ??= asyncError("exception", error)));

/** Lets rejections and callbacks still pending from the spec's code surface before a reply. */
async function settled(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

try {
  const model = await loadModel(source);
  const selected = selectProperties(model.properties, properties);
  const checks: LevelChecks<unknown> = {
    invariants: selected.filter((p): p is Invariant<unknown> => p.kind === "invariant"),
    deadlock: selected.find((p): p is DeadlockFreedom<unknown> => p.kind === "deadlock"),
  };
  // Records stay in shared memory, reused level after level: the coordinator reads them in place.
  const buffers = levelBuffers(true);
  port.on("message", async (job: LevelJob | { close: true }) => {
    // Closing the port lets the thread end by itself, after what the spec printed is delivered.
    if ("close" in job) return port.close();
    try {
      const out = expandLevel(model, checks, job, buffers);
      await settled();
      if (asyncFault) throw asyncFault;
      port.postMessage(out);
    } catch (e) {
      port.postMessage({ error: describe(e) });
    }
  });
  await settled();
  if (asyncFault) throw asyncFault;
  port.postMessage({ ready: true });
} catch (e) {
  port.postMessage({ error: describe(e) });
}

/**
 * A fault as data the coordinator turns back into the same error: a SpecError with all its
 * details (the spec line is found from the cause's stack), anything else as name, message, stack.
 */
function describe(e: unknown): unknown {
  return isSpecError(e) ? { spec: specErrorToWire(e) } : { other: wireCause(e) };
}
