import path from "node:path";
import { check, selectProperties } from "../check/check.ts";
import { checkVerdicts, simulationVerdicts, type Expectation, type Verdicts } from "../check/verdicts.ts";
import { compile, shapeSchema } from "../dsl/compile.ts";
import type { Spec } from "../dsl/define-spec.ts";
import type { Json, Model } from "../model/model.ts";
import { isSpecError, SpecError } from "../model/spec-error.ts";
import type { Schema } from "../state/schema.ts";
import { checkModel, type ModelSource } from "../parallel/check-source.ts";
import { partitionRefusal, partitionRun } from "./partitioned-check.ts";
import { displayPath, withLocations } from "../analysis/source-locations.ts";
import { localImportGraph } from "../analysis/spec-syntax.ts";
import { toItf } from "../export/itf.ts";
import { jsonOutcome } from "../export/json-result.ts";
import type { ReportSubject } from "../export/json-report.ts";
import { propertyTitle } from "../export/property-title.ts";
import type { CheckJob, CheckPlan, Explored, StageHooks } from "./check-job.ts";
import { primaryRun } from "./check-outputs.ts";
import { toFault } from "./format-error.ts";
import type { CliIO } from "./io.ts";
import { lintGate } from "./lint-command.ts";
import { resolveSetParams } from "./load-model.ts";
import { loadSpec, type LoadedSpec } from "./load-spec.ts";
import { refuseInputsAsOutputs } from "./output-file.ts";
import { UsageError } from "./usage-error.ts";
import { formatProgress } from "./progress.ts";
import { SpecAnalysis } from "./spec-analysis.ts";
import { reportActions } from "../export/process-steps.ts";

/** What the load stage hands on: the spec, and where its actions and properties are defined. */
interface Loaded {
  readonly loaded: LoadedSpec;
  readonly analysis: SpecAnalysis;
}

/** What the compile stage makes of a loaded spec: the model to check, and the plan the report needs. */
interface Compiled<S> {
  readonly spec: Spec;
  readonly model: Model<S>;
  readonly plan: CheckPlan;
  readonly source: ModelSource;
  /** The property names to check (undefined: all). */
  readonly properties?: readonly string[];
}

/** The guard the threads of `--workers` install against the spec ending them (see thread-guard.ts). */
const THREAD_SETUP = new URL(import.meta.url.endsWith(".ts") ? "./thread-guard.ts" : "./thread-guard.js", import.meta.url).href;

/**
 * The load → compile → check stages of `interleave check` for one spec file, in whichever
 * thread runs them; the report stage (check-report.ts) turns the value into output. A spec
 * fault or a usage error that needs the spec to be found (an unknown `--set` name) is a value
 * too, never an exception.
 */
export async function exploreCheck(job: CheckJob, io: CliIO, hooks: StageHooks = {}): Promise<Explored> {
  let subject: ReportSubject = { spec: null, file: path.relative(job.cwd, job.file) || job.file, params: {} };
  let stage: "load" | "check" = "load";
  try {
    const loaded = await loadStage(job, io, hooks);
    if (loaded === "lint-failed") {
      const fault = { code: "lint-error", message: "the spec has lint errors (see the diagnostics)", file: displayPath(job.file, job.cwd), printed: true };
      return { kind: "fault", fault, subject };
    }
    subject = { ...subject, spec: loaded.loaded.spec.name };
    const compiled = compileStage(loaded, job, subject);
    subject = compiled.plan.subject;
    hooks.onPlan?.(compiled.plan);
    stage = "check";
    return await checkStage(compiled, job, io);
  } catch (e) {
    if (e instanceof UsageError) return { kind: "usage", message: e.message };
    const refused = partitionRefusal(e);
    if (refused !== undefined) return { kind: "usage", message: refused };
    if (!isSpecError(e)) throw e;
    // A fault met while checking is in the spec file, whatever module raised it.
    const error = stage === "check" ? e.with({ file: job.file }) : e;
    return { kind: "fault", fault: toFault(error, job.file, job.cwd), subject };
  }
}

/**
 * Load: import the spec while its syntax is analysed (the lint rules, which may refuse the
 * check, and the source line of each action and property); refuse outputs that would
 * overwrite the spec's own modules.
 */
async function loadStage(job: CheckJob, io: CliIO, hooks: StageHooks): Promise<Loaded | "lint-failed"> {
  const { file, flags } = job;
  // The analysis loads the TypeScript compiler (unless cached): in a thread of its own, while
  // the spec loads here (in-thread for --watch, which keeps the compiler for its re-runs).
  const analysing = SpecAnalysis.run(file, { lint: flags.lint, inThread: hooks.onImport !== undefined });
  io.status?.enter(flags.typecheck ? "typecheck" : "import");
  const loading = loadSpec(file, {
    exportName: flags.spec,
    typecheck: flags.typecheck,
    cwd: job.cwd,
    onImport: hooks.onImport,
    onTypechecked: () => io.status?.enter("import"),
  });
  loading.catch(() => undefined); // awaited below, after the lint gate
  const analysis = await analysing;
  // Lint first: a file that does not parse is reported at its syntax errors' lines.
  if (flags.lint && lintGate(file, io, flags.reporter === "github", analysis.lint())) return "lint-failed";
  const loaded = await loading;
  io.status?.enter("compile");
  const outputs = outputFlags(job);
  if (outputs.length > 0) refuseInputsAsOutputs(outputs, [file, ...localImportGraph(file)], job.cwd);
  return { loaded, analysis };
}

/** Compile: resolve `--set`, build the model with source locations, settle which properties to check and what to expect. */
function compileStage({ loaded, analysis }: Loaded, job: CheckJob, subject: ReportSubject) {
  const { flags, file, cwd } = job;
  const { overrides, params } = resolveSetParams(loaded.spec, flags.set);
  const model = withLocations(compile(loaded.spec, overrides), analysis.locations(loaded.spec.name, displayPath(file, cwd)));
  const names = model.properties.map((p) => `"${p.name}"`).join(", ");
  const expectViolated = flags.expectViolated?.split(",").map((n) => n.trim()).filter(Boolean) ?? [];
  const unknownExpected = expectViolated.find((n) => !model.properties.some((p) => p.name === n));
  // A name typed on the command line is a usage error (3), like --check; one in the spec's expect is a spec error (2).
  if (unknownExpected !== undefined) throw new UsageError(`--expect-violated: unknown property "${unknownExpected}"; this spec has ${names}`);
  const expect = expectationsOf(loaded.spec, model, expectViolated);

  let properties = flags.check?.split(",").map((s) => s.trim()).filter(Boolean);
  if (properties?.length === 0) throw new UsageError(`--check "${flags.check}": expected property names (comma-separated); this spec has ${names}`);
  if (flags.dfs && (flags.workers ?? 1) > 1) {
    throw new UsageError(`--dfs --workers ${flags.workers}: the multi-worker search is breadth-first; a depth-first search runs in one thread (drop one of the two)`);
  }
  if (!flags.deadlock && properties?.includes("deadlock")) {
    throw new UsageError(`--check ${flags.check} asks for deadlock, which --no-deadlock turns off: drop one of the two`);
  }
  if (!flags.deadlock) properties = (properties ?? model.properties.map((p) => p.name)).filter((n) => n !== "deadlock");
  let selected;
  try {
    selected = selectProperties(model.properties, properties);
  } catch (e) {
    throw new UsageError(`--check: ${(e as Error).message}`);
  }
  const plan: CheckPlan = {
    subject: { ...subject, spec: loaded.spec.name, params },
    properties: selected.map((p) => ({ name: p.name, kind: p.kind, ...(p.location ? { location: p.location } : {}) })),
    expect,
    actions: model.actions.map((a) => a.name),
    fairness: (model.fairness ?? []).map((f) => f.kind),
    steps: reportActions(model.actions),
  };
  return staged({ spec: loaded.spec, model, plan, source: { file, exportName: loaded.exportName, params: overrides }, properties });
}

/** Types a compiled stage by its model's state type (inferred from the spec's schema). */
function staged<S>(compiled: Compiled<S>): Compiled<S> {
  return compiled;
}

/** Check: decide every selected property, then what the report needs of the model (states as JSON, ITF, the HTML report's data). */
async function checkStage<S>(compiled: Compiled<S>, job: CheckJob, io: CliIO): Promise<Explored> {
  const { model, source, plan } = compiled;
  const { flags } = job;
  const supervised = io.status !== undefined;
  const outcome = flags.simulation ? await simulationStage(compiled, job, io) : await checkVerdicts(model, {
    expect: plan.expect,
    // Stop at the first violation, unless asked to go on; expectations, JUnit and the HTML report need every property decided.
    untilFirst: !flags.continue && Object.keys(plan.expect).length === 0 && !flags.junit && !flags.html,
    strategy: flags.dfs ? "dfs" : "bfs",
    run:
      flags.partition === undefined
        ? (options) => checkModel(model, source, { ...options, workers: flags.workers, threadSetup: THREAD_SETUP, threadHeapLimitMb: job.heapLimitMb })
        : partitionRun(model, job.file, { spec: source.exportName ?? null, params: plan.subject.params as Json }, flags, io),
    properties: compiled.properties,
    coverage: true,
    maxStates: flags.maxStates,
    maxDepth: flags.maxDepth,
    // A supervisor keeps the clock and prints progress itself, whatever the spec's code does.
    timeoutMs: supervised || flags.timeout === undefined ? undefined : flags.timeout * 1000,
    signal: io.signal,
    live: io.status,
    onProgress: supervised ? undefined : (p) => io.stderr(formatProgress(p)),
  });
  io.status?.enter("report");
  const itf = flags.itf ? itfOf(compiled, outcome) : undefined;
  // The HTML report's graph and page code load only for --html.
  const html = flags.html ? await (await import("./html-report-file.ts")).htmlReportData(flags, { model, outcome, run: primaryRun(outcome), subject: plan.subject }, io) : undefined;
  return { kind: "checked", plan, outcome: jsonOutcome(model, outcome), ...(itf ? { itf } : {}), ...(html ? { html } : {}) };
}

/** The simulation of `interleave simulate`: random behaviours, its verdicts (never "holds" but for witnessed `sometimes` properties). */
async function simulationStage<S>(compiled: Compiled<S>, job: CheckJob, io: CliIO): Promise<Verdicts<S>> {
  const { model, plan } = compiled;
  const { flags } = job;
  const sim = flags.simulation!;
  const supervised = io.status !== undefined;
  const result = await check(model, {
    strategy: "simulation",
    simulation: {
      seed: sim.seed,
      behaviours: sim.behaviours,
      depth: sim.depth,
      behaviour: sim.behaviour,
      shard: sim.shard,
      ...(sim.bitstate ? { bitstate: { bytes: sim.bitstate } } : {}),
      shortenBudget: sim.shorten,
    },
    properties: compiled.properties,
    continue: flags.continue,
    coverage: true,
    timeoutMs: supervised || flags.timeout === undefined ? undefined : flags.timeout * 1000,
    signal: io.signal,
    live: io.status,
    onProgress: supervised ? undefined : (p) => io.stderr(formatProgress(p)),
  });
  return simulationVerdicts(result, plan.properties, plan.expect);
}

/** The spec's declared expectations plus `--expect-violated` names, validated against the model's property names. */
export function expectationsOf<S>(spec: Spec, model: Model<S>, violated: readonly string[] = []): { [property: string]: Expectation } {
  const declared: { [property: string]: string } = { ...(spec.definition.expect ?? {}) };
  for (const name of violated) declared[name] = "violated";
  const names = model.properties.map((p) => p.name);
  for (const [name, verdict] of Object.entries(declared)) {
    if (!names.includes(name)) {
      throw new SpecError("invalid-spec", `expect names "${name}", which is not a property of the spec (its properties: ${names.join(", ")})`, {
        property: name,
      });
    }
    if (verdict !== "violated" && verdict !== "holds") {
      throw new SpecError("invalid-spec", `expect.${name} must be "violated" or "holds", not ${JSON.stringify(verdict)}`, { property: name });
    }
  }
  return declared as { [property: string]: Expectation };
}

/** The schema of a spec's state for these parameter values (what ITF values are written from). */
export function stateSchema(spec: Spec, params: { readonly [name: string]: Json }): Schema {
  const shape = typeof spec.definition.state === "function" ? (spec.definition.state as (p: unknown) => unknown)(params) : spec.definition.state;
  return shapeSchema(shape, "state");
}

/** The `--itf` document of the counterexample the report leads with (the first unexpected violation, else the first). */
function itfOf<S>(compiled: Compiled<S>, outcome: Verdicts<S>): Json | undefined {
  const { spec, plan } = compiled;
  const violated = outcome.verdicts.find((v) => v.status === "violated" && v.asExpected === false) ?? outcome.verdicts.find((v) => v.violation);
  if (!violated?.violation) return undefined;
  const params = plan.subject.params;
  return toItf(stateSchema(spec, params), violated.violation.trace, {
    source: plan.subject.file,
    description: `${violated.kind === "deadlock" ? "deadlock" : `violation of ${propertyTitle(violated.kind, violated.property)}`} in spec "${spec.name}", found by interleave`,
    extra: { spec: spec.name, property: violated.property, kind: violated.kind, params },
  });
}

/** The output flags in use, as `[flag, path]`. */
function outputFlags(job: CheckJob): [string, string][] {
  const { flags } = job;
  const all: [string, string | undefined][] = [["--json", flags.json], ["--junit", flags.junit], ["--itf", flags.itf], ["--trace-dot", flags.traceDot], ["--html", flags.html], ["--coverage", flags.coverage]];
  return all.filter((o): o is [string, string] => o[1] !== undefined);
}
