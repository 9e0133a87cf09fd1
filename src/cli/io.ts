import type { LiveStatus } from "../check/live-status.ts";

/** What the CLI may touch: its output streams, working directory, and an interrupt signal. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Aborted on Ctrl-C: the search stops with a partial report (exit 4). */
  readonly signal?: AbortSignal;
  /**
   * Set in a supervised worker thread: the search publishes its progress there and obeys the
   * supervisor's stop requests (time limit, Ctrl-C, memory), which also keeps the clock.
   */
  readonly status?: LiveStatus;
}

/** Exit codes: the CLI contract. */
export const ExitCode = { ok: 0, violation: 1, specError: 2, usage: 3, incomplete: 4 } as const;

/** What to do when the memory guard stopped a run. */
export const MEMORY_HINT =
  "  hint: the search does not fit in memory: bound it (--max-states, --max-depth, a constraint in the spec), check smaller " +
  "parameters (--set), use fewer --workers, or give Node more heap, e.g. NODE_OPTIONS=--max-old-space-size=8192\n";
