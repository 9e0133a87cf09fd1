import path from "node:path";
import type { StopReason } from "../check/result.ts";
import type { GraphJob, GraphOutcome } from "./graph-job.ts";
import { ExitCode, MEMORY_HINT, type CliIO } from "./io.ts";
import { writeDiagram } from "./render-svg.ts";

/**
 * The last step of `graph`, in the main thread (Graphviz's WebAssembly renderer does not run in
 * a worker thread): the DOT on stdout, or written to `--out` (rendered for .svg). Returns the
 * exit code.
 */
export async function writeGraph(outcome: GraphOutcome, job: GraphJob, io: CliIO): Promise<number> {
  if (outcome.kind === "exit") return outcome.code;
  const { dot, summary } = outcome;
  if (job.flags.out === undefined) {
    io.stdout(dot);
    io.stderr(`${summary}\n`);
  } else {
    const out = await writeDiagram(job.flags.out, dot, io.cwd, "--out");
    io.stdout(`wrote ${path.relative(io.cwd, out) || out}: ${summary}\n`);
  }
  return ExitCode.ok;
}

/** What `graph` prints when its search was stopped (exit 4). */
export function graphStopped(reason: StopReason): string {
  return reason === "memory" ? `memory ran low: no diagram written\n${MEMORY_HINT}` : `${reason === "timeout" ? "time limit reached" : "interrupted"}: no diagram written\n`;
}
