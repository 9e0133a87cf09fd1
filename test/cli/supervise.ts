import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../../src/cli/main.ts";
import { supervisedRunner, type SuperviseOptions } from "../../src/cli/supervisor.ts";

export interface SupervisedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The `--json` report, if one was written. */
  readonly report?: any;
  /** Milliseconds from the abort (Ctrl-C), or from the supervisor's "stopping the search" (time limit, memory), to the CLI's return. */
  readonly stopMs?: number;
  /** Milliseconds from the header (the search starts) to the CLI's return. */
  readonly searchMs?: number;
}

/**
 * Runs the CLI as the binary does — the spec's code in a supervised worker thread — but
 * in-process, capturing output. `--json` goes to a temporary file, parsed into `report`.
 * `abortAfterMs` aborts (as Ctrl-C does) that long after the header is printed (for `graph`,
 * after the start); `abortOn` aborts once stderr shows that text (e.g. what the spec prints).
 */
export async function supervised(
  argv: readonly string[],
  options: { readonly abortAfterMs?: number; readonly abortOn?: string; readonly supervise?: SuperviseOptions; readonly json?: boolean } = {},
): Promise<SupervisedRun> {
  const json = options.json === false ? undefined : path.join(mkdtempSync(path.join(tmpdir(), "interleave-supervised-")), "report.json");
  let stdout = "";
  let stderr = "";
  let headerAt: number | undefined;
  let abortedAt: number | undefined;
  const runner = supervisedRunner({ loadTimeoutMs: 3000, ...options.supervise });
  const controller = new AbortController();
  const abort = () => {
    abortedAt = Date.now();
    controller.abort();
  };
  // `graph` prints no header: its abort counts from the start.
  if (options.abortAfterMs !== undefined && argv[0] === "graph") setTimeout(abort, options.abortAfterMs);
  const code = await run(
    [...argv, ...(json ? ["--json", json] : [])],
    {
      stdout: (text) => {
        stdout += text;
        if (headerAt === undefined && /^interleave (check|simulate|graph)/.test(text)) {
          headerAt = Date.now();
          if (options.abortAfterMs !== undefined) setTimeout(abort, options.abortAfterMs);
        }
      },
      stderr: (text) => {
        stderr += text;
        if (abortedAt === undefined && text.includes(": stopping the search")) abortedAt = Date.now();
        if (options.abortOn !== undefined && abortedAt === undefined && stderr.includes(options.abortOn)) abort();
      },
      cwd: process.cwd(),
      signal: controller.signal,
    },
    { runner },
  );
  await runner.close?.();
  const end = Date.now();
  return {
    code,
    stdout,
    stderr,
    ...(json && existsSync(json) ? { report: JSON.parse(readFileSync(json, "utf8")) } : {}),
    ...(abortedAt !== undefined ? { stopMs: end - abortedAt } : {}),
    ...(headerAt !== undefined ? { searchMs: end - headerAt } : {}),
  };
}
