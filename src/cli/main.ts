import { Command, CommanderError } from "commander";
import { registerCheck } from "./check-command.ts";
import { registerGraph } from "./graph-command.ts";
import { registerExplore } from "./explore-command.ts";
import { registerInit } from "./init-command.ts";
import { registerLint } from "./lint-command.ts";
import { registerReport } from "./report-command.ts";
import { registerSimulate } from "./simulate-command.ts";
import { registerMerge } from "./merge-command.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { UsageError } from "./usage-error.ts";
import { inProcess, type Runner } from "./runner.ts";
import { prestarts, supervisedRunner } from "./supervisor.ts";

export { ExitCode, type CliIO } from "./io.ts";

/** How {@link run} runs the commands that execute a spec's code. */
export interface RunOptions {
  /** Default {@link inProcess}; the `interleave` binary supervises them in a worker thread (supervisor.ts). */
  readonly runner?: Runner;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code. By
 * default everything runs in this thread (as the tests do).
 */
export async function run(argv: readonly string[], io: CliIO, options: RunOptions = {}): Promise<number> {
  const runner = options.runner ?? inProcess;
  let code: number = ExitCode.ok;
  const program = new Command("interleave")
    .description("TLA+-style specs in TypeScript, checked exhaustively.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  registerCheck(program, io, runner, (exit) => (code = exit));
  registerSimulate(program, io, runner, (exit) => (code = exit));
  registerMerge(program, io, (exit) => (code = exit));
  registerGraph(program, io, runner, (exit) => (code = exit));
  registerLint(program, io, (exit) => (code = exit));
  registerInit(program, io, (exit) => (code = exit));
  registerReport(program, io, runner, (exit) => (code = exit));
  registerExplore(program, io, (exit) => (code = exit));

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return ExitCode.ok;
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n`);
      return ExitCode.usage;
    }
    throw e;
  }
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
  }
  return code;
}

/**
 * The process entry: real streams (`runner` defaults to a supervised one, started at once for the
 * commands that need it — `bin.ts` starts it before this module's graph loads); the commands that run a spec's code run supervised in a
 * worker thread (see supervisor.ts); Ctrl-C stops the search, a second Ctrl-C exits at once.
 */
export async function main(argv: readonly string[], runner: Runner = supervisedRunner({ prestart: prestarts(argv) })): Promise<number> {
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
