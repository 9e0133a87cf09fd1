import { Worker } from "node:worker_threads";
import type { LevelJob, LevelOutput } from "../check/level-expansion.ts";
import type { LevelExpander } from "../check/parallel-bfs.ts";
import { SpecError, type SpecErrorCode } from "../model/spec-error.ts";
import type { ModelSource } from "./check-source.ts";

type Reply =
  | { ready: true }
  | { records: Int32Array; count: number; generated: number }
  | { error: { code?: SpecErrorCode; message: string; details?: Record<string, unknown> } };

/** The thread's module: compiled JavaScript in the built package, a bootstrap that runs the TypeScript sources in a checkout. */
const WORKER_ENTRY = import.meta.url.endsWith(".ts") ? new URL("./level-worker-entry.mjs", import.meta.url) : new URL("./level-worker.js", import.meta.url);

/** Worker threads, each loading the model from its {@link ModelSource}, serving as level expanders. */
export class WorkerPool {
  private constructor(readonly expanders: readonly LevelExpander[], private readonly workers: readonly Worker[]) {}

  static async start(source: ModelSource, size: number, properties?: readonly string[]): Promise<WorkerPool> {
    const workers: Worker[] = [];
    const expanders: LevelExpander[] = [];
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_ENTRY, {
        workerData: { source, properties },
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

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
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
      if ("error" in m) {
        const { code, message, details } = m.error;
        reject(code ? new SpecError(code, message, details ?? {}) : new Error(`worker: ${message}`));
      } else resolve(m);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    // A thread that ends without an error event (the spec calls exit, the thread is terminated)
    // would otherwise leave this promise, and the whole search, waiting forever.
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`worker: the thread exited with code ${code} before replying`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}
