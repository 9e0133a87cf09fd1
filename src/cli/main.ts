import { Command, CommanderError } from "commander";
import { registerCheck } from "./check-command.ts";
import { registerGraph } from "./graph-command.ts";
import { registerInit } from "./init-command.ts";
import { registerLint } from "./lint-command.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { UsageError } from "./params.ts";
import { inProcess, type Runner } from "./runner.ts";

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
  registerGraph(program, io, runner, (exit) => (code = exit));
  registerLint(program, io, (exit) => (code = exit));
  registerInit(program, io, (exit) => (code = exit));

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
