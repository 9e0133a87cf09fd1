import { Worker } from "node:worker_threads";
import type { LevelJob, LevelOutput } from "../check/level-expansion.ts";
import type { LevelExpander } from "../check/parallel-bfs.ts";
import { SpecError, specErrorFromWire, thrownMessage, type WireSpecError } from "../model/spec-error.ts";
import type { ModelSource } from "./model-source.ts";

type Reply =
  | { ready: true }
  | LevelOutput
  | { error: { spec: WireSpecError } | { other: { name: string; message: string; stack?: string } } };

/** The thread's module: compiled JavaScript in the built package, a bootstrap that runs the TypeScript sources in a checkout. */
const WORKER_ENTRY = import.meta.url.endsWith(".ts") ? new URL("./level-worker-entry.mjs", import.meta.url) : new URL("./level-worker.js", import.meta.url);

/** Worker threads, each loading the model from its {@link ModelSource}, serving as level expanders. */
export class WorkerPool {
  private constructor(readonly expanders: readonly LevelExpander[], private readonly workers: readonly Worker[]) {}

  /**
   * Starts `size` threads checking `properties`; each imports `setup` (a module URL), if given,
   * before the spec, and has a heap of `heapLimitMb` MiB if given (running out ends the search).
   */
  static async start(
    source: ModelSource,
    size: number,
    options: { readonly properties?: readonly string[]; readonly setup?: string; readonly heapLimitMb?: number } = {},
  ): Promise<WorkerPool> {
    const { properties, setup, heapLimitMb } = options;
    const workers: Worker[] = [];
    const expanders: LevelExpander[] = [];
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_ENTRY, {
        workerData: { source, properties, setup },
        ...(heapLimitMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } }),
      });
      workers.push(worker);
      expanders.push(expander(worker));
    }
    const pool = new WorkerPool(expanders, workers);
    try {
      await Promise.all(workers.map((w) => reply(w)));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Lets each thread end by itself (delivering what the spec printed); one that does not within a second is ended. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.threadId === -1) return resolve(); // already ended
            const timer = setTimeout(() => void w.terminate().then(() => resolve()), 1000);
            w.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            w.postMessage({ close: true });
          }),
      ),
    );
  }
}

function expander(worker: Worker): LevelExpander {
  return {
    async expand(job: LevelJob): Promise<LevelOutput> {
      const done = reply(worker);
      worker.postMessage(job);
      return (await done) as LevelOutput;
    },
  };
}

/** The worker's next message; rejects with the SpecError (or Error) it reports, or if it dies or exits. */
function reply(worker: Worker): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    const onMessage = (m: Reply) => {
      cleanup();
      if ("error" in m) reject("spec" in m.error ? specErrorFromWire(m.error.spec) : revive(m.error.other));
      else resolve(m);
    };
    // An uncaught error in the thread: the spec's own asynchronous code (a timer, a rejected
    // promise), since expansion errors are replied as messages. Running out of memory stays an Error.
    const onError = (e: Error) => {
      cleanup();
      if ((e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") reject(e);
      else reject(new SpecError("async-error", `the spec failed in a worker thread outside any action: ${thrownMessage(e)}`, { cause: e }));
    };
    // A thread that ends without an error event (the spec calls exit, the thread is terminated)
    // would otherwise leave this promise, and the whole search, waiting forever.
    const onExit = (code: number) => {
      cleanup();
      reject(new SpecError("spec-exited", `a worker thread running the spec exited with code ${code} before replying: does the spec exit the process?`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

/** An error another thread reported that is not a spec fault (an interleave bug, memory): kept whole. */
function revive(other: { name: string; message: string; stack?: string }): Error {
  const error = new Error(`worker thread: ${other.message}`);
  error.name = other.name;
  if (other.stack !== undefined) error.stack = other.stack;
  return error;
}
