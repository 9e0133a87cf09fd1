/** What the CLI may touch: its output streams, working directory, and an interrupt signal. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Aborted on Ctrl-C: the search stops with a partial report (exit 4). */
  readonly signal?: AbortSignal;
}

/** Exit codes: the CLI contract. */
export const ExitCode = { ok: 0, violation: 1, specError: 2, usage: 3, incomplete: 4 } as const;
