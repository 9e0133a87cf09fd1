import { type Command, Option } from "commander";
import { check, selectProperties } from "../check/check.ts";
import type { CheckResult } from "../check/result.ts";
import { SIMULATION_DEFAULTS } from "../check/simulation-run.ts";
import { propertyVerdict, type PropertyVerdict, type Verdicts } from "../check/verdicts.ts";
import { formatResult } from "../export/text.ts";
import { toJsonReport, type Report } from "../export/json-report.ts";
import { checkCiTargets, REPORTERS, writeCiOutputs, type CiFlags } from "./check-outputs.ts";
import { writeCoverage } from "./coverage-file.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { checkOutputTarget, writeOutput } from "./output-file.ts";
import { collect, positiveInt, UsageError } from "./params.ts";
import { freshSeed, parseBehaviour, parseBytes, parseSeed, parseShard, parseShorten } from "./simulate-flags.ts";
import { loadRun, type LoadedRun } from "./load-run.ts";
import { noTypecheckOption, typecheckOption } from "./load-spec.ts";

/** The flags of `interleave simulate`. */
export interface SimulateFlags extends CiFlags {
  lint: boolean;
  spec?: string;
  set?: string[];
  check?: string;
  json?: string;
  coverage?: string;
  deadlock: boolean;
  typecheck?: boolean;
  continue?: boolean;
  witness?: boolean;
  seed?: number;
  behaviours?: number;
  depth?: number;
  behaviour?: number;
  timeout?: number;
  shard?: { index: number; count: number };
  bitstate?: number;
  shorten?: number;
}

/** `interleave simulate <file>`: random behaviours, every state met judged; exit 1 on a violation, else 4 (never 0). */
export function registerSimulate(program: Command, io: CliIO, setExit: (code: number) => void): void {
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
    .action(async (file: string, flags: SimulateFlags) => setExit(await runSimulate(file, flags, io)));
}

/** One simulation of `fileArg`. */
export async function runSimulate(fileArg: string, flags: SimulateFlags, io: CliIO): Promise<number> {
  checkOutputTarget(flags.json, "--json", io.cwd);
  checkOutputTarget(flags.coverage, "--coverage", io.cwd);
  checkCiTargets(flags, io.cwd);
  const loaded = await loadRun(fileArg, flags, io);
  if (typeof loaded === "number") return loaded;
  const { model, subject, expect } = loaded;
  const properties = selected(loaded, flags);
  const seed = flags.seed ?? freshSeed();
  const paramText = Object.entries(subject.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ");
  io.stdout(
    `interleave simulate ${subject.file}${subject.spec ? ` — spec "${subject.spec}"` : ""}${paramText ? ` (${paramText})` : ""} — seed ${seed}` +
      `${flags.shard ? `, shard ${flags.shard.index}/${flags.shard.count}` : ""}${flags.behaviour !== undefined ? `, behaviour ${flags.behaviour}` : ""}\n`,
  );
  let result: CheckResult<unknown>;
  try {
    result = await check(model, {
      strategy: "simulation",
      simulation: {
        seed,
        behaviours: flags.behaviours,
        depth: flags.depth,
        behaviour: flags.behaviour,
        shard: flags.shard,
        ...(flags.bitstate ? { bitstate: { bytes: flags.bitstate } } : {}),
        shortenBudget: flags.shorten,
      },
      properties,
      continue: flags.continue,
      coverage: true,
      timeoutMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
      signal: io.signal,
      onProgress: (p) =>
        io.stderr(`  … ${p.queue.toLocaleString("en-US")} behaviours to go, ${p.distinctStates.toLocaleString("en-US")} states, ${(p.elapsedMs / 1000).toFixed(0)} s\n`),
    });
  } catch (e) {
    return loaded.fail(e);
  }
  const outcome = simulationVerdicts(result, model.properties.filter((p) => result.properties.includes(p.name)), expect);
  io.stdout(`${formatResult(model, result, undefined, { witnesses: flags.witness })}\n`);
  for (const v of outcome.verdicts) if (v.expected === "violated" && v.status === "violated") io.stdout(`  expected: ${v.property} is declared violated, and it is\n`);
  const sim = result.simulation!;
  const seconds = result.stats.durationMs / 1000;
  io.stderr(`  ${seconds.toFixed(2)} s${seconds > 0 ? ` (${Math.round(sim.steps / seconds).toLocaleString("en-US")} steps/s)` : ""}\n`);
  if (flags.json) {
    const report: Report = { ...toJsonReport(subject, model, result), verdicts: outcome.verdicts.map((v) => ({ property: v.property, status: v.status, expected: v.expected })) } as Report;
    writeOutput(flags.json, `${JSON.stringify(report, null, 2)}\n`, "--json", io.cwd);
  }
  writeCoverage(flags.coverage, result, model.name, io);
  const annotations = writeCiOutputs(flags, io.cwd, { spec: loaded.spec, model, outcome, file: subject.file, params: subject.params });
  if (annotations) io.stdout(annotations);
  return outcome.verdicts.some((v) => v.asExpected === false) ? ExitCode.violation : ExitCode.incomplete;
}

/** The properties to judge: `--check`, without deadlock under `--no-deadlock` (usage errors as for check). */
function selected(loaded: LoadedRun, flags: SimulateFlags): string[] | undefined {
  const { model } = loaded;
  let properties = flags.check?.split(",").map((s) => s.trim()).filter(Boolean);
  const names = model.properties.map((p) => `"${p.name}"`).join(", ");
  if (properties?.length === 0) throw new UsageError(`--check "${flags.check}": expected property names (comma-separated); this spec has ${names}`);
  if (!flags.deadlock && properties?.includes("deadlock")) throw new UsageError(`--check ${flags.check} asks for deadlock, which --no-deadlock turns off: drop one of the two`);
  if (!flags.deadlock) properties = (properties ?? model.properties.map((p) => p.name)).filter((n) => n !== "deadlock");
  try {
    selectProperties(model.properties, properties);
  } catch (e) {
    throw new UsageError(`--check: ${(e as Error).message}`);
  }
  return properties;
}

/**
 * The verdicts a simulation reaches: violated (found), holds only for a `sometimes` property
 * some state witnessed, and unknown for everything else — a simulation never shows that an
 * invariant or a temporal property holds.
 */
export function simulationVerdicts<S>(
  result: CheckResult<S>,
  properties: readonly { readonly name: string; readonly kind: PropertyVerdict["kind"]; readonly location?: PropertyVerdict["location"] }[],
  expect: { readonly [property: string]: "holds" | "violated" },
): Verdicts<S> {
  const violations = new Map((result.result === "violation" ? result.violations : []).map((v) => [v.property, v]));
  const witnessed = new Set((result.witnesses ?? []).map((w) => w.property));
  const verdicts = properties.map((p) => {
    const violation = violations.get(p.name);
    return propertyVerdict(p, violation ? "violated" : witnessed.has(p.name) ? "holds" : "unknown", violation, expect[p.name] ?? "holds");
  });
  return { runs: [result], verdicts };
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout: expected a positive number of seconds, got "${value}"`);
  return n;
}
