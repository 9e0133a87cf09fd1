import type { CheckJob, Explored, StageHooks } from "./check-job.ts";
import type { GraphJob, GraphOutcome } from "./graph-job.ts";
import type { CliIO } from "./io.ts";

/**
 * Where the commands that run a spec's code do so. In-process (`inProcess`: tests, and inside
 * the supervised thread itself) or in a worker thread the main thread supervises
 * (`supervisedRunner` in supervisor.ts), which stops it whatever the spec's code does.
 */
export interface Runner {
  /** The load, compile and check stages of `check`; the report stage runs in the caller's thread. */
  check(job: CheckJob, io: CliIO, hooks: StageHooks): Promise<Explored>;
  /** `graph` up to the DOT (writing it, and rendering SVG, is left to the main thread). */
  graph(job: GraphJob, io: CliIO): Promise<GraphOutcome>;
  /** Releases what the runner keeps between commands (a thread kept for the next `--watch` run). */
  close?(): Promise<void>;
}

/** Runs the stages in this thread (their modules are loaded on first use). */
export const inProcess: Runner = {
  async check(job, io, hooks) {
    const { exploreCheck } = await import("./check-stages.ts");
    return exploreCheck(job, io, hooks);
  },
  async graph(job, io) {
    const { drawGraph } = await import("./graph-run.ts");
    return drawGraph(job, io);
  },
};
