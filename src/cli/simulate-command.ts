import path from "node:path";
import { type Command, Option } from "commander";
import { SIMULATION_DEFAULTS } from "../check/simulation-defaults.ts";
import type { CheckFlags, CheckJob, CheckPlan, SimulationFlags } from "./check-job.ts";
import { checkCiTargets, REPORTERS } from "./check-outputs.ts";
import { checkHeader, reportCheck } from "./check-report.ts";
import type { CliIO } from "./io.ts";
import { checkOutputTarget, refuseInputsAsOutputs } from "./output-file.ts";
import { collect, positiveInt, UsageError } from "./usage-error.ts";
import type { Runner } from "./runner.ts";
import { freshSeed, parseBehaviour, parseBytes, parseSeed, parseShard, parseShorten } from "./simulate-flags.ts";
import { noTypecheckOption, typecheckOption } from "./typecheck-option.ts";

/** `interleave simulate <file>`: random behaviours, every state met judged; exit 1 on a violation, else 4 (never 0). */
export function registerSimulate(program: Command, io: CliIO, runner: Runner, setExit: (code: number) => void): void {
  program
    .command("simulate")
    .description("run random behaviours of a spec (seeded, reproducible) and check every state they meet")
    .argument("<file>", "spec file (.ts .mts .cts .js .mjs .cjs), loaded directly — no build step")
    .option("--spec <export>", "which exported spec to simulate (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect)
    .option("--check <names>", "check only these properties (comma-separated; 'deadlock' included)")
    .addOption(new Option("--seed <n>", "the seed (default: a random one, printed): the same seed gives the same behaviours and output").argParser(parseSeed))
    .addOption(new Option("--behaviours <n>", `how many behaviours to run (default ${SIMULATION_DEFAULTS.behaviours})`).argParser(positiveInt("--behaviours")))
    .addOption(new Option("--depth <n>", `the most states a behaviour has (default ${SIMULATION_DEFAULTS.depth})`).argParser(positiveInt("--depth")))
    .addOption(new Option("--behaviour <k>", "replay only behaviour <k> of the seed (and shard): what a violation says").argParser(parseBehaviour))
    .addOption(new Option("--timeout <seconds>", "stop after <seconds>").argParser(positiveSeconds))
    .addOption(new Option("--shard <i/N>", "run shard i of N of a swarm: its own behaviours, its own favoured actions, its own bitstate hashes").argParser(parseShard))
    .addOption(new Option("--bitstate <bytes>", "keep the visited set in a bit array of this size (e.g. 16M) instead of exactly: bounded memory, some states unjudged").argParser(parseBytes))
    .addOption(new Option("--shorten <states>", `states the search that shortens a trace may expand (default ${SIMULATION_DEFAULTS.shortenBudget}; 0: keep the behaviour's trace)`).argParser(parseShorten))
    .option("--continue", "go on after a violation, to find violations of the other properties")
    .option("--no-deadlock", "do not report states without successors")
    .option("--json <file>", "write the machine-readable report (schema version 1, with coverage sketches for `interleave merge`)")
    .option("--coverage <file>", "write the full coverage table to <file>: Markdown, or JSON for a .json name")
    .addOption(new Option("--reporter <name>", "output style: text, or github (workflow-command annotations)").choices([...REPORTERS]).default("text"))
    .option("--junit <file>", "write a JUnit XML report (one testcase per property) to <file>")
    .option("--itf <file>", "write the counterexample as an ITF trace to <file>")
    .option("--witness", "print the trace that witnessed each 'sometimes' property")
    .addOption(typecheckOption())
    .addOption(noTypecheckOption())
    .option("--no-lint", "skip the fast lint rules that run first (errors refuse the run, exit 2)")
    .addHelpText(
      "after",
      `
A simulation checks invariants and deadlock on every state it meets (each behaviour's states
and every successor they could have taken), temporal properties on the lassos each behaviour's
graph holds, and witnesses 'sometimes' properties. It never shows that a property holds.

Exit codes:
  1  a property is violated: the trace, and the seed and behaviour that reproduce it
  2  the spec is wrong (as for check)
  3  usage error
  4  no violation found in the behaviours run (a simulation never completes: never 0)

Examples:
  interleave simulate specs/x.ts --seed 7 --behaviours 10000
  interleave simulate specs/x.ts --seed 7 --behaviour 312        # replay behaviour 312
  interleave simulate specs/x.ts --seed 7 --shard 3/8 --json reports/shard-3.json`,
    )
    .action(async (file: string, flags: SimulateFlags) => setExit(await runSimulate(file, flags, io, runner)));
}

/** The flags of `interleave simulate`, as commander parses them: check's, and the simulation's own. */
export type SimulateFlags = Omit<CheckFlags, "simulation"> & Omit<SimulationFlags, "seed"> & { seed?: number };

/**
 * One simulation of `fileArg`: refuse bad output paths first (exit 3), let the runner load,
 * compile and simulate (in the supervised thread, as `check` does), then report here.
 */
export async function runSimulate(fileArg: string, flags: SimulateFlags, io: CliIO, runner: Runner): Promise<number> {
  const file = path.resolve(io.cwd, fileArg);
  checkOutputTarget(flags.json, "--json", io.cwd);
  checkOutputTarget(flags.coverage, "--coverage", io.cwd);
  checkCiTargets(flags, io.cwd);
  const outputs: [string, string | undefined][] = [["--json", flags.json], ["--junit", flags.junit], ["--itf", flags.itf], ["--coverage", flags.coverage]];
  refuseInputsAsOutputs(outputs.filter((o): o is [string, string] => o[1] !== undefined), [file], io.cwd);
  const { seed = freshSeed(), behaviours, depth, behaviour, shard, bitstate, shorten, ...shared } = flags;
  const simulation: SimulationFlags = { seed, behaviours, depth, behaviour, shard, bitstate, shorten };
  const job: CheckJob = { file, cwd: io.cwd, flags: { ...shared, simulation } };
  const header = (plan: CheckPlan) =>
    checkHeader(plan, "simulate").replace(/\n$/, ` — seed ${seed}${shard ? `, shard ${shard.index}/${shard.count}` : ""}${behaviour !== undefined ? `, behaviour ${behaviour}` : ""}\n`);
  const explored = await runner.check(job, io, { onPlan: (plan) => io.stdout(header(plan)) });
  return reportCheck(explored, job, io);
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout: expected a positive number of seconds, got "${value}"`);
  return n;
}
