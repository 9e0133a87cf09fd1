import path from "node:path";
import { type Command, Option } from "commander";
import type { CheckFlags, CheckJob } from "./check-job.ts";
import { checkCiTargets, REPORTERS } from "./check-outputs.ts";
import { checkHeader, reportCheck } from "./check-report.ts";
import type { CliIO } from "./io.ts";
import { noTypecheckOption, typecheckOption } from "./typecheck-option.ts";
import { checkOutputTarget, refuseInputsAsOutputs } from "./output-file.ts";
import { collect, MAX_WORKERS, positiveInt, UsageError, workerCount } from "./usage-error.ts";
import type { Runner } from "./runner.ts";
import { diagramFormat } from "./render-svg.ts";
import { addPartitionOptions, checkPartitionFlags, coordinatePartitions } from "./partitioned-check.ts";

export type { CheckFlags } from "./check-job.ts";

/** `interleave check <file>`: explore, check, print the verdict; exit codes as the CLI contract says. */
export function registerCheck(program: Command, io: CliIO, runner: Runner, setExit: (code: number) => void): void {
  addPartitionOptions(program.command("check"))
    .description("explore every reachable state of a spec and check its properties")
    .argument("<file>", "spec file (.ts .mts .cts .js .mjs .cjs), loaded directly — no build step")
    .option("--spec <export>", "which exported spec to check (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect)
    .option("--check <names>", "check only these properties (comma-separated names of invariants, sometimes and temporal properties; 'deadlock' included)")
    .option("--json <file>", "write the machine-readable report (schema version 1) to <file>")
    .addOption(new Option("--max-states <n>", "stop after storing <n> distinct states (exit 4)").argParser(positiveInt("--max-states")))
    .addOption(new Option("--max-depth <n>", "do not explore beyond depth <n>; initial states are depth 1 (exit 4)").argParser(positiveInt("--max-depth")))
    .addOption(new Option("--timeout <seconds>", "stop the search <seconds> after it starts (exit 4)").argParser(positiveNumber))
    .option("--no-deadlock", "do not report states without successors")
    .addOption(
      new Option("--workers <n>", `explore with <n> worker threads, 1 to ${MAX_WORKERS} (deterministic: same counts, depth and trace)`).argParser(workerCount),
    )
    .option("--dfs", "explore depth-first (same states and verdicts; traces not necessarily shortest); with --max-depth, a bounded search")
    .option("--continue", "go on after a violation until every property is decided (each keeps its first, shortest trace)")
    .option("--trace-dot <file>", "draw the counterexample, if any, as a chain diagram: .dot or .svg")
    .addOption(new Option("--reporter <name>", "output style: text, or github (workflow-command annotations at each property's line)").choices([...REPORTERS]).default("text"))
    .option("--junit <file>", "write a JUnit XML report (one testcase per property) to <file>")
    .option("--itf <file>", "write the counterexample as an ITF trace (Apalache/Quint Informal Trace Format) to <file>")
    .option("--html <file>", "write a single-file HTML report (trace stepper, state graph, every property's verdict) to <file>")
    .option("--coverage <file>", "write the full coverage table (per action, per field, per depth) to <file>: Markdown, or JSON for a .json name")
    .addOption(typecheckOption())
    .addOption(noTypecheckOption())
    .option("--no-lint", "skip the fast lint rules that run before checking (errors refuse the check, exit 2)")
    .option("--watch", "re-check whenever the spec file or a file it imports is saved")
    .option("--expect-violated <names>", "these properties are expected to fail (comma-separated; adds to the spec's expect): exit 0 while they do")
    .option("--witness", "print the shortest witness trace of each 'sometimes' property")
    .option("--strict", "treat vacuity warnings (actions that never fire, leadsTo triggers that never hold) as errors (exit 1)")
    .addHelpText(
      "after",
      `
Exit codes:
  0  every checked property holds (the search completed)
  1  a property is violated; the shortest trace is printed (for a temporal property, a lasso:
     a prefix, then a cycle repeated forever); with --strict, also when an action never fired
  2  the spec is wrong: not found, does not compile, throws, leaves its schema, non-deterministic,
     not symmetric under its declared symmetry; or it calls process.exit, leaves a promise
     rejection unhandled, or its top-level code does not finish within 30 s
  3  usage error: unknown flag, bad --set value, unknown --check name, --workers beyond 4 per core,
     an output file that cannot be written or that is the spec or a file it imports, --dfs with
     --workers
  4  incomplete: a limit (states, depth, time), Ctrl-C or the memory guard stopped the search
     with nothing violated; the partial statistics are printed (and in --json)
  With expected verdicts (the spec's expect, or --expect-violated), 0 also requires each declared
  property to fail, and 1 also reports one that unexpectedly holds.

The spec's code runs in a worker thread: --timeout, Ctrl-C (a second one quits at once) and the
memory guard stop the search within a second whatever that code does; what the spec prints goes
to stderr. See "When things go wrong" in the README.

Examples:
  interleave check specs/smp-call-function-many.ts --spec original --check noDoubleListDel
  interleave check examples/counter.ts --set max=5 --json report.json
  interleave check specs/x.ts --reporter github --junit reports/x.xml --itf reports/x.itf.json
  interleave check specs/x.ts --watch`,
    )
    .action(async (file: string, flags: CheckFlags, command: Command) => {
      if (flags.partitions !== undefined && flags.partition === undefined) {
        checkPartitionFlags(flags);
        // The partitions are started with the user's own arguments (commander keeps them, untyped, as rawArgs).
        const argv = (command.parent as Command & { readonly rawArgs: readonly string[] }).rawArgs;
        return setExit(await coordinatePartitions(argv, flags, io));
      }
      if (!flags.watch) return setExit(await runCheck(file, flags, io, runner));
      const { watchCheck } = await import("./watch.ts");
      const rerun = (onImport: (url: string) => void, again: boolean) => runCheck(file, { ...flags, typecheck: flags.typecheck === true && !again }, io, runner, onImport);
      setExit(await watchCheck(path.resolve(io.cwd, file), io, rerun));
    });

}

/**
 * One check of `fileArg`: refuse bad output paths first (exit 3, before any spec code runs), let
 * the runner load, compile and check, then report in this thread. With `onImport` (`--watch`),
 * the spec and its imports are loaded afresh and reported.
 */
export async function runCheck(fileArg: string, flags: CheckFlags, io: CliIO, runner: Runner, onImport?: (url: string) => void): Promise<number> {
  const file = path.resolve(io.cwd, fileArg);
  checkPartitionFlags(flags);
  if (flags.traceDot !== undefined) diagramFormat(flags.traceDot, "--trace-dot");
  checkOutputTarget(flags.traceDot, "--trace-dot", io.cwd);
  checkOutputTarget(flags.json, "--json", io.cwd);
  checkOutputTarget(flags.html, "--html", io.cwd);
  checkOutputTarget(flags.coverage, "--coverage", io.cwd);
  checkCiTargets(flags, io.cwd);
  const outputs: [string, string | undefined][] = [["--json", flags.json], ["--junit", flags.junit], ["--itf", flags.itf], ["--trace-dot", flags.traceDot], ["--html", flags.html], ["--coverage", flags.coverage]];
  refuseInputsAsOutputs(outputs.filter((o): o is [string, string] => o[1] !== undefined), [file], io.cwd);
  const job: CheckJob = { file, cwd: io.cwd, flags };
  const explored = await runner.check(job, io, { onImport, onPlan: (plan) => io.stdout(checkHeader(plan)) });
  return reportCheck(explored, job, io);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout: expected a positive number of seconds, got "${value}"`);
  return n;
}
