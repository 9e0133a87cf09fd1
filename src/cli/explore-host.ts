import { getHeapStatistics } from "node:v8";
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
  /** Whether the current thread has loaded the spec and not ended since. */
  private alive = false;
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
    // The same heap limit as the main thread's: a spec that allocates without bound ends its thread, not the server.
    const heapLimitMb = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
    const worker = new Worker(THREAD_ENTRY, { workerData: this.job, stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
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
        if (this.worker === worker) this.alive = false;
        for (const reply of this.pending.values()) reply({ status: 500, body: { error: why } });
        this.pending.clear();
        resolve({ kind: "failed", code: 2, text: `error: ${why}\n` });
      };
      worker.on("message", (m: ExploreThreadMessage) => {
        switch (m.kind) {
          case "ready":
          case "failed":
            clearTimeout(loading);
            this.alive = m.kind === "ready";
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
    // The thread ended (the spec called process.exit, or ran out of memory): that request was
    // answered with the reason; this one gets a fresh thread with every tab restored.
    if (!this.alive && !replay) return this.revive(session, op, index);
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

  /** Starts a fresh thread in place of the current one and replays every tab's changes; the reload's failure, if any. */
  private async replace(): Promise<string | undefined> {
    const old = this.worker;
    const replaced = this.spawn();
    void old.terminate();
    const ready = await replaced;
    if (ready.kind !== "ready") return ready.text.trim();
    for (const [tab, log] of this.history) {
      for (const step of log) {
        const r = await this.send(tab, step.op, step.index, true);
        if (r.status !== 200) break;
      }
    }
    return undefined;
  }

  /** After the thread ended: a fresh one, every tab restored, then the request itself. */
  private async revive(session: string, op: ExploreOp, index: number): Promise<HostAnswer> {
    const failed = await this.replace();
    if (failed !== undefined) return { status: 500, body: { error: `the spec's thread had ended, and reloading the spec failed: ${failed}` } };
    return this.send(session, op, index);
  }

  /** Ends the stuck thread, starts another and restores every tab; answers the request that hung. */
  private async restart(session: string, op: ExploreOp, index: number): Promise<HostAnswer> {
    const seconds = this.timeoutMs / 1000;
    const what = `${op}${op === "view" ? "" : ` ${index}`}`;
    const failed = await this.replace();
    if (failed !== undefined) return { status: 500, body: { error: `the spec's code did not return within ${seconds} s (${what}), and reloading it failed: ${failed}` } };
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
