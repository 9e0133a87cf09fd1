import path from "node:path";
import { type Command, Option } from "commander";
import { selectProperties } from "../check/check.ts";
import { checkModel, type ModelSource } from "../parallel/check-source.ts";
import type { CheckResult } from "../check/result.ts";
import { compile } from "../dsl/compile.ts";
import type { Json, Model } from "../model/model.ts";
import { isSpecError, type SpecError } from "../model/spec-error.ts";
import { errorReport, toJsonReport, type Report, type ReportSubject } from "../export/json-report.ts";
import { formatResult } from "../export/text.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { formatSpecError, specErrorLocation } from "./format-error.ts";
import { loadSpec, noTypecheckOption, typecheckOption } from "./load-spec.ts";
import { collect, positiveInt, UsageError } from "./params.ts";
import { resolveSetParams } from "./load-model.ts";
import { checkTraceDotTarget, writeTraceDot } from "./trace-dot.ts";
import { displayPath, withLocations } from "../analysis/source-locations.ts";
import { SpecAnalysis } from "./spec-analysis.ts";
import { checkVerdicts } from "../check/verdicts.ts";
import { toGithubAnnotation } from "../export/github.ts";
import { checkCiTargets, expectationsOf, primaryRun, REPORTERS, verdictExit, writeCiOutputs, type CiFlags } from "./check-outputs.ts";
import { lintGate } from "./lint-command.ts";
import { watchCheck } from "./watch.ts";
import { checkOutputTarget, writeOutput } from "./output-file.ts";
import { writeHtmlReport, type HtmlFlags } from "./html-report-file.ts";
import { addPartitionOptions, checkPartitionFlags, coordinatePartitions, partitionFailure, partitionRun, type PartitionFlags } from "./partitioned-check.ts";

export interface CheckFlags extends CiFlags, HtmlFlags, PartitionFlags {
  lint: boolean;
  watch?: boolean;
  expectViolated?: string;
  spec?: string;
  set?: string[];
  check?: string;
  json?: string;
  maxStates?: number;
  maxDepth?: number;
  timeout?: number;
  deadlock: boolean;
  typecheck?: boolean;
  traceDot?: string;
  witness?: boolean;
  strict?: boolean;
  workers?: number;
  dfs?: boolean;
  continue?: boolean;
}

/** `interleave check <file>`: explore, check, print the verdict; exit codes as the CLI contract says. */
export function registerCheck(program: Command, io: CliIO, setExit: (code: number) => void): void {
  addPartitionOptions(program.command("check"))
    .description("explore every reachable state of a spec and check its properties")
    .argument("<file>", "spec file (.ts .mts .cts .js .mjs .cjs), loaded directly — no build step")
    .option("--spec <export>", "which exported spec to check (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect)
    .option("--check <names>", "check only these properties (comma-separated names of invariants, sometimes and temporal properties; 'deadlock' included)")
    .option("--json <file>", "write the machine-readable report (schema version 1) to <file>")
    .addOption(new Option("--max-states <n>", "stop after storing <n> distinct states (exit 4)").argParser(positiveInt("--max-states")))
    .addOption(new Option("--max-depth <n>", "do not explore beyond depth <n>; initial states are depth 1 (exit 4)").argParser(positiveInt("--max-depth")))
    .addOption(new Option("--timeout <seconds>", "stop after <seconds> (exit 4)").argParser(positiveNumber))
    .option("--no-deadlock", "do not report states without successors")
    .addOption(
      new Option("--workers <n>", "explore with <n> worker threads (deterministic: same counts, depth and trace)").argParser(positiveInt("--workers")),
    )
    .option("--dfs", "explore depth-first (same states and verdicts; traces not necessarily shortest); with --max-depth, a bounded search")
    .option("--continue", "go on after a violation until every property is decided (each keeps its first, shortest trace)")
    .option("--trace-dot <file>", "draw the counterexample, if any, as a chain diagram: .dot or .svg")
    .addOption(new Option("--reporter <name>", "output style: text, or github (workflow-command annotations at each property's line)").choices([...REPORTERS]).default("text"))
    .option("--junit <file>", "write a JUnit XML report (one testcase per property) to <file>")
    .option("--itf <file>", "write the counterexample as an ITF trace (Apalache/Quint Informal Trace Format) to <file>")
    .option("--html <file>", "write a single-file HTML report (trace stepper, state graph, every property's verdict) to <file>")
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
     not symmetric under its declared symmetry
  3  usage error: unknown flag, bad --set value, unknown --check name, an output file that
     cannot be written, --dfs with --workers
  4  incomplete: a limit (states, depth, time) or Ctrl-C stopped the search with nothing violated
  With expected verdicts (the spec's expect, or --expect-violated), 0 also requires each declared
  property to fail, and 1 also reports one that unexpectedly holds.

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
      setExit(flags.watch ? await watchCheck(path.resolve(io.cwd, file), io, (onImport, rerun) => runCheck(file, { ...flags, typecheck: flags.typecheck === true && !rerun }, io, onImport)) : await runCheck(file, flags, io));
    });

}

/** One check of `fileArg`; with `onImport`, the spec and its imports are loaded afresh and reported (for `--watch`). */
export async function runCheck(fileArg: string, flags: CheckFlags, io: CliIO, onImport?: (url: string) => void): Promise<number> {
  const file = path.resolve(io.cwd, fileArg);
  checkPartitionFlags(flags);
  checkTraceDotTarget(flags.traceDot);
  checkOutputTarget(flags.traceDot, "--trace-dot", io.cwd);
  checkOutputTarget(flags.json, "--json", io.cwd);
  checkOutputTarget(flags.html, "--html", io.cwd);
  checkCiTargets(flags, io.cwd);
  const relFile = path.relative(io.cwd, file) || file;
  let subject: ReportSubject = { spec: null, file: relFile, params: {} };
  const fail = (error: SpecError, exit: number): number => {
    io.stderr(`${formatSpecError(error, file, io.cwd)}\n`);
    const at = specErrorLocation(error, file, io.cwd);
    if (flags.reporter === "github") {
      const where = at ?? { file: displayPath(error.details.file ?? file, io.cwd), line: 1, column: 1 };
      io.stdout(toGithubAnnotation({ severity: "error", code: `spec error ${error.code}`, ...where, message: error.message }));
    }
    writeReport(flags.json, io, errorReport(subject, { code: error.code, message: error.message, ...(at ? { details: { location: at } } : {}) }));
    return exit;
  };

  let model: Model<unknown>;
  let loaded: Awaited<ReturnType<typeof loadSpec>>;
  let expect: ReturnType<typeof expectationsOf>;
  let source: ModelSource = { file };
  // The lint rules and the property locator load the TypeScript compiler (unless cached): in a
  // worker thread, while the spec loads here.
  const analysing = SpecAnalysis.run(file, { lint: flags.lint, inThread: onImport !== undefined });
  try {
    const loading = loadSpec(file, { exportName: flags.spec, typecheck: flags.typecheck, cwd: io.cwd, onImport });
    loading.catch(() => undefined); // awaited below, after the lint gate
    const analysis = await analysing;
    // Lint first: a file that does not parse is reported at its syntax errors' lines.
    if (flags.lint && lintGate(file, io, flags.reporter === "github", analysis.lint())) {
      writeReport(flags.json, io, errorReport(subject, { code: "lint-error", message: "the spec has lint errors (see the diagnostics)" }));
      return ExitCode.specError;
    }
    loaded = await loading;
    subject = { ...subject, spec: loaded.spec.name };
    let overrides: Record<string, unknown>;
    try {
      const resolved = resolveSetParams(loaded.spec, flags.set);
      overrides = resolved.overrides;
      subject = { ...subject, params: resolved.params };
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`error: ${e.message}\n`);
        return ExitCode.usage;
      }
      throw e;
    }
    model = compile(loaded.spec, overrides) as Model<unknown>;
    model = withLocations(model, analysis.locations(loaded.spec.name, displayPath(file, io.cwd)));
    const expectViolated = flags.expectViolated?.split(",").map((n) => n.trim()).filter(Boolean) ?? [];
    const unknownExpected = expectViolated.filter((n) => !model.properties.some((p) => p.name === n));
    if (unknownExpected.length > 0) {
      // A name typed on the command line is a usage error (3), like --check; one in the spec's expect is a spec error (2).
      io.stderr(
        `error: --expect-violated: unknown property "${unknownExpected[0]}"; this spec has ${model.properties.map((p) => `"${p.name}"`).join(", ")}\n`,
      );
      return ExitCode.usage;
    }
    expect = expectationsOf(loaded.spec, model, expectViolated);
    source = { file, exportName: loaded.exportName, params: overrides };
  } catch (e) {
    if (isSpecError(e)) return fail(e, ExitCode.specError);
    throw e;
  }

  let properties: string[] | undefined = flags.check?.split(",").map((s) => s.trim()).filter(Boolean);
  if (properties?.length === 0) {
    io.stderr(`error: --check "${flags.check}": expected property names (comma-separated); this spec has ${model.properties.map((p) => `"${p.name}"`).join(", ")}\n`);
    return ExitCode.usage;
  }
  if (flags.dfs && (flags.workers ?? 1) > 1) {
    io.stderr(`error: --dfs --workers ${flags.workers}: the multi-worker search is breadth-first; a depth-first search runs in one thread (drop one of the two)\n`);
    return ExitCode.usage;
  }
  if (!flags.deadlock && properties?.includes("deadlock")) {
    io.stderr(`error: --check ${flags.check} asks for deadlock, which --no-deadlock turns off: drop one of the two\n`);
    return ExitCode.usage;
  }
  if (!flags.deadlock) {
    const all = model.properties.map((p) => p.name).filter((n) => n !== "deadlock");
    properties = (properties ?? all).filter((n) => n !== "deadlock");
  }
  try {
    selectProperties(model.properties, properties);
  } catch (e) {
    io.stderr(`error: --check: ${(e as Error).message}\n`);
    return ExitCode.usage;
  }

  const paramText = Object.entries(subject.params)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
  io.stdout(`interleave check ${relFile}${subject.spec ? ` — spec "${subject.spec}"` : ""}${paramText ? ` (${paramText})` : ""}\n`);

  let outcome: Awaited<ReturnType<typeof checkVerdicts<unknown>>>;
  try {
    outcome = await checkVerdicts(model, {
      expect,
      // Stop at the first violation, unless asked to go on; expectations, JUnit and the HTML report need every property decided.
      untilFirst: !flags.continue && Object.keys(expect).length === 0 && !flags.junit && !flags.html,
      strategy: flags.dfs ? "dfs" : "bfs",
      run:
        flags.partition === undefined
          ? (options) => checkModel(model, source, { ...options, workers: flags.workers })
          : partitionRun(model, file, { spec: loaded.exportName, params: subject.params as Json }, flags, io),
      properties,
      maxStates: flags.maxStates,
      maxDepth: flags.maxDepth,
      timeoutMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
      signal: io.signal,
      onProgress: (p) =>
        io.stderr(
          `  … ${p.distinctStates.toLocaleString("en-US")} states, ${Math.round(p.statesPerSecond).toLocaleString("en-US")} states/s, ` +
            `queue ${p.queue.toLocaleString("en-US")}, depth ${p.depth}, ${(p.elapsedMs / 1000).toFixed(0)} s\n`,
        ),
    });
  } catch (e) {
    if (isSpecError(e)) return fail(e.with({ file }), ExitCode.specError);
    const failure = partitionFailure(e, io);
    if (failure !== undefined) return failure;
    throw e;
  }
  for (const result of outcome.runs) io.stdout(`${formatResult(model, result, undefined, { witnesses: flags.witness, shortest: !flags.dfs })}\n`);
  const held = outcome.verdicts.filter((v) => v.status === "holds").map((v) => v.property);
  if (outcome.runs.some((r) => r.result === "violation") && held.length > 0) {
    io.stdout(`✓ the other ${held.length === 1 ? "property holds" : "properties hold"}: ${held.join(", ")}\n`);
  }
  for (const v of outcome.verdicts) {
    if (v.expected !== "violated") continue;
    io.stdout(v.status === "violated" ? `  expected: ${v.property} is declared violated, and it is\n` : v.status === "holds" ? `✗ ${v.property} holds, but the spec declares it violated (expect)\n` : "");
  }
  const result: CheckResult<unknown> = primaryRun(outcome);
  writeReport(flags.json, io, {
    ...toJsonReport(subject, model, result),
    verdicts: outcome.verdicts.map((v) => ({ property: v.property, status: v.status, expected: v.expected })),
  } as Report);
  await writeTraceDot(flags.traceDot, model, result, subject.params, io);
  await writeHtmlReport(flags, { model, outcome, run: result, subject }, io);
  const annotations = writeCiOutputs(flags, io.cwd, { spec: loaded.spec, model, outcome, file: relFile, params: subject.params });
  if (annotations) io.stdout(annotations);
  if (flags.itf && !outcome.verdicts.some((v) => v.violation)) io.stderr(`--itf: no counterexample, ${flags.itf} not written\n`);
  const exit = verdictExit(outcome);
  if (exit === ExitCode.ok && flags.strict) {
    const vacuous = (result.warnings ?? []).filter((w) => w.kind === "vacuous-action" || w.kind === "vacuous-property");
    if (vacuous.length > 0) {
      io.stdout(`✗ --strict: ${vacuous.length} vacuity warning${vacuous.length === 1 ? "" : "s"} (${vacuous.map((w) => w.subject).join(", ")})\n`);
      return ExitCode.violation;
    }
  }
  return exit;
}

function writeReport(target: string | undefined, io: CliIO, report: Report): void {
  if (!target) return;
  writeOutput(target, `${JSON.stringify(report, null, 2)}\n`, "--json", io.cwd);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout: expected a positive number of seconds, got "${value}"`);
  return n;
}
