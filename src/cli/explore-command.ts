import { Option, type Command } from "commander";
import type { CliIO } from "./io.ts";
import { noTypecheckOption, typecheckOption } from "./typecheck-option.ts";
import { collect, UsageError } from "./usage-error.ts";

/** The flags of `interleave explore`. */
export interface ExploreFlags {
  spec?: string;
  set?: string[];
  trace?: string;
  port: number;
  typecheck?: boolean;
}

/** `interleave explore <file>`: a local web page to walk a spec's behaviours by hand. */
export function registerExplore(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("explore")
    .description("explore a spec interactively in the browser: choose actions, go back, see invariants on each state")
    .argument("<file>", "spec file (.ts), loaded directly — no build step")
    .option("--spec <export>", "which exported spec to explore (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect)
    .option("--trace <file>", "start on a saved counterexample: a --json report or an ITF trace (--itf, Apalache, Quint)")
    .addOption(new Option("--port <n>", "port on 127.0.0.1 (default: a free one)").argParser(port).default(0))
    .addOption(typecheckOption())
    .addOption(noTypecheckOption())
    .addHelpText(
      "after",
      `
Serves one page on http://127.0.0.1:<port>/ (printed at start) until Ctrl-C: start from an
initial state, see every enabled action with its binding and what it changes, choose one, go
back or jump to any step, and see every invariant evaluated on the current state. With --trace
the page opens on the saved counterexample's last step; choose another action anywhere to
branch off it.

Exit codes: 0 stopped with Ctrl-C, 2 spec error, 3 usage error (bad --trace file, port in use).

Examples:
  interleave explore specs/smp-call-function-many.ts --spec original
  interleave check specs/x.ts --json report.json; interleave explore specs/x.ts --trace report.json`,
    )
    .action(async (file: string, flags: ExploreFlags) => {
      // The explorer's server and session load only for this command.
      const { runExplore } = await import("./explore-run.ts");
      setExit(await runExplore(file, flags, io));
    });
}

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port: expected a port number 0..65535, got "${value}"`);
  return Number(value);
}
