import { supervisedRunner } from "./supervisor.ts";

/**
 * The process entry: real streams; the commands that run a spec's code run supervised in a
 * worker thread (see supervisor.ts); Ctrl-C stops the search, a second Ctrl-C exits at once.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const runner = supervisedRunner({ prestart: argv[0] === "check" || argv[0] === "graph" });
  const { run } = await import("./main.ts");
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\ninterrupted: stopping after the current state (Ctrl-C again to quit now)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  // `interleave graph x.ts | head`: once the reader has gone, drop further output (no EPIPE
  // stack trace) and still finish with the verdict's exit code. The handlers stay installed:
  // the pipe's error can arrive after the last write has returned.
  const closed = { stdout: false, stderr: false };
  const onStdoutError = (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    closed.stdout = true;
  };
  const onStderrError = (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    closed.stderr = true;
  };
  process.stdout.on("error", onStdoutError);
  process.stderr.on("error", onStderrError);
  try {
    return await run(argv, {
      stdout: (s) => void (closed.stdout || process.stdout.write(s)),
      stderr: (s) => void (closed.stderr || process.stderr.write(s)),
      cwd: process.cwd(),
      signal: controller.signal,
    }, { runner });
  } finally {
    process.off("SIGINT", onSigint);
    await runner.close?.();
  }
}
