import { Worker } from "node:worker_threads";
import type { ExploreJob, ExploreOp, ExploreThreadMessage } from "./explore-job.ts";
import { LOAD_TIMEOUT_MS } from "./supervisor.ts";

/** The thread's module: compiled JavaScript in the built package, a bootstrap that runs the TypeScript sources in a checkout. */
const THREAD_ENTRY = import.meta.url.endsWith(".ts") ? new URL("./explore-thread-entry.mjs", import.meta.url) : new URL("./explore-thread.js", import.meta.url);

type Ready = Extract<ExploreThreadMessage, { kind: "ready" }>;

/** An answer for the page: HTTP status and JSON body. */
export interface HostAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The server's side of `explore`: the spec runs in a worker thread (explore-thread.ts), asked
 * one request at a time. A request the spec's code does not answer within `timeoutMs` (an
 * action, invariant or view that never returns) is answered 504 with a sentence saying so;
 * the thread is ended and a fresh one loads the spec, and every tab's session is restored by
 * replaying the requests that had changed it (the spec is deterministic), so the tab is back on
 * the step before the request that hung.
 */
export class ExploreHost {
  private worker!: Worker;
  private pending = new Map<number, (m: HostAnswer) => void>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** Per tab, the changes that succeeded, in order: replayed after a restart. */
  private readonly history = new Map<string, { op: ExploreOp; index: number }[]>();

  private constructor(
    private readonly job: ExploreJob,
    private readonly timeoutMs: number,
    private readonly note: (text: string) => void,
  ) {}

  /** Starts the thread and waits until it has loaded the spec; a load failure is returned as `failed`. */
  static async start(
    job: ExploreJob,
    timeoutMs: number,
    note: (text: string) => void,
  ): Promise<{ host: ExploreHost; ready: Ready } | Extract<ExploreThreadMessage, { kind: "failed" }>> {
    const host = new ExploreHost(job, timeoutMs, note);
    const first = await host.spawn();
    return first.kind === "ready" ? { host, ready: first } : first;
  }

  /** Runs `op` on the session of tab `session`, after the requests before it. */
  request(session: string, op: ExploreOp, index: number): Promise<HostAnswer> {
    const run = this.queue.then(() => this.send(session, op, index));
    this.queue = run.catch(() => {});
    return run;
  }

  /** Ends the thread. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private spawn(): Promise<Ready | Extract<ExploreThreadMessage, { kind: "failed" }>> {
    const worker = new Worker(THREAD_ENTRY, { workerData: this.job, stdout: true, stderr: true });
    this.worker = worker;
    // What the spec prints is not the page's: drained, so that the thread never waits on it.
    worker.stdout.resume();
    worker.stderr.resume();
    return new Promise((resolve) => {
      const loading = setTimeout(() => {
        void worker.terminate();
        resolve({ kind: "failed", code: 2, text: `error: the spec's top-level code did not finish loading within ${LOAD_TIMEOUT_MS / 1000} s\n` });
      }, LOAD_TIMEOUT_MS);
      const end = (why: string) => {
        clearTimeout(loading);
        for (const reply of this.pending.values()) reply({ status: 500, body: { error: why } });
        this.pending.clear();
        resolve({ kind: "failed", code: 2, text: `error: ${why}\n` });
      };
      worker.on("message", (m: ExploreThreadMessage) => {
        switch (m.kind) {
          case "ready":
          case "failed":
            clearTimeout(loading);
            resolve(m);
            return;
          case "note":
            this.note(m.text);
            return;
          case "reply": {
            const reply = this.pending.get(m.id);
            this.pending.delete(m.id);
            reply?.({ status: m.status, body: m.body });
            return;
          }
          default:
            return ((x: never) => x)(m);
        }
      });
      worker.on("error", (e) => end(`the spec's thread failed: ${e instanceof Error ? e.message : String(e)}`));
      worker.on("exit", (code) => {
        if (this.worker === worker) end(`the spec's thread ended (exit code ${code})`);
      });
    });
  }

  private send(session: string, op: ExploreOp, index: number, replay = false): Promise<HostAnswer> {
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise<HostAnswer>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(this.restart(session, op, index));
      }, this.timeoutMs);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        if (answer.status === 200 && op !== "view" && !replay) {
          const log = this.history.get(session) ?? [];
          // start and follow begin afresh: what came before them no longer matters.
          this.history.set(session, op === "start" || op === "follow" ? [{ op, index }] : [...log, { op, index }]);
        }
        resolve(answer);
      });
      worker.postMessage({ id, session, op, index });
    });
  }

  /** Ends the stuck thread, starts another and restores every tab; answers the request that hung. */
  private async restart(session: string, op: ExploreOp, index: number): Promise<HostAnswer> {
    const stuck = this.worker;
    const replaced = this.spawn();
    void stuck.terminate();
    const seconds = this.timeoutMs / 1000;
    const what = `${op}${op === "view" ? "" : ` ${index}`}`;
    const ready = await replaced;
    if (ready.kind !== "ready") return { status: 500, body: { error: `the spec's code did not return within ${seconds} s (${what}), and reloading it failed: ${ready.text.trim()}` } };
    for (const [tab, log] of this.history) {
      for (const step of log) {
        const r = await this.send(tab, step.op, step.index, true);
        if (r.status !== 200) break;
      }
    }
    return {
      status: 504,
      body: {
        error:
          `the spec's code did not return within ${seconds} s (request: ${what}): an action, invariant or view that never returns? ` +
          `The explorer reloaded the spec and went back to the step before (--timeout sets the limit).`,
      },
    };
  }
}
