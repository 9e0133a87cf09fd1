import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { selectProperties } from "../check/check.ts";
import { checkModel, type ModelSource } from "../parallel/check-source.ts";
import type { CheckResult } from "../check/result.ts";
import { compile, resolveParams } from "../dsl/compile.ts";
import type { Json, Model } from "../model/model.ts";
import { isSpecError, type SpecError } from "../model/spec-error.ts";
import { errorReport, toJsonReport, type Report, type ReportSubject } from "../export/json-report.ts";
import { formatResult } from "../export/text.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { formatSpecError } from "./format-error.ts";
import { loadSpec } from "./load-spec.ts";
import { parseSetOptions, UsageError } from "./params.ts";

export interface CheckFlags {
  spec?: string;
  set: string[];
  check?: string;
  json?: string;
  maxStates?: number;
  maxDepth?: number;
  timeout?: number;
  deadlock: boolean;
  typecheck: boolean;
  workers?: number;
}

/** `interleave check <file>`: explore, check, print the verdict; exit codes as the CLI contract says. */
export function registerCheck(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("check")
    .description("explore every reachable state of a spec and check its properties")
    .argument("<file>", "spec file (.ts), loaded directly — no build step")
    .option("--spec <export>", "which exported spec to check (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect, [])
    .option("--check <names>", "check only these properties (comma-separated; 'deadlock' included)")
    .option("--json <file>", "write the machine-readable report (schema version 1) to <file>")
    .addOption(new Option("--max-states <n>", "stop after storing <n> distinct states (exit 4)").argParser(positiveInt))
    .addOption(new Option("--max-depth <n>", "do not explore beyond depth <n>; initial states are depth 1 (exit 4)").argParser(positiveInt))
    .addOption(new Option("--timeout <seconds>", "stop after <seconds> (exit 4)").argParser(positiveNumber))
    .option("--no-deadlock", "do not report states without successors")
    .addOption(
      new Option("--workers <n>", "explore with <n> worker threads (deterministic: same counts, depth and trace)").argParser(positiveInt),
    )
    .option("--no-typecheck", "skip type-checking the spec file before loading it")
    .addHelpText(
      "after",
      `
Exit codes:
  0  every checked property holds (the search completed)
  1  a property is violated; the shortest trace is printed
  2  the spec is wrong: not found, does not compile, throws, leaves its schema, non-deterministic
  3  usage error: unknown flag, bad --set value
  4  incomplete: a limit (states, depth, time) or Ctrl-C stopped the search with nothing violated

Examples:
  interleave check specs/smp-call-function-many.ts --spec original --check noDoubleListDel
  interleave check examples/counter.ts --set max=5 --json report.json`,
    )
    .action(async (file: string, flags: CheckFlags) => {
      setExit(await runCheck(file, flags, io));
    });

}

async function runCheck(fileArg: string, flags: CheckFlags, io: CliIO): Promise<number> {
  const file = path.resolve(io.cwd, fileArg);
  const relFile = path.relative(io.cwd, file) || file;
  let subject: ReportSubject = { spec: null, file: relFile, params: {} };
  const fail = (error: SpecError, exit: number): number => {
    io.stderr(`${formatSpecError(error, file, io.cwd)}\n`);
    writeReport(flags.json, io, errorReport(subject, { code: error.code, message: error.message }));
    return exit;
  };

  let model: Model<unknown>;
  let source: ModelSource = { file };
  try {
    const loaded = await loadSpec(file, { exportName: flags.spec, typecheck: flags.typecheck });
    const declared = loaded.spec.definition.params ?? {};
    subject = { ...subject, spec: loaded.spec.name };
    let overrides: Record<string, unknown>;
    try {
      overrides = parseSetOptions(flags.set, declared);
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`error: ${e.message}\n`);
        return ExitCode.usage;
      }
      throw e;
    }
    try {
      subject = { ...subject, params: resolveParams(declared, overrides) as { [k: string]: Json } };
    } catch (e) {
      if (isSpecError(e) && e.code === "invalid-param" && e.details.param !== undefined && e.details.param in overrides) {
        io.stderr(`error: --set ${e.message}\n`);
        return ExitCode.usage;
      }
      throw e;
    }
    model = compile(loaded.spec, overrides) as Model<unknown>;
    source = { file, exportName: loaded.exportName, params: overrides };
  } catch (e) {
    if (isSpecError(e)) return fail(e, ExitCode.specError);
    throw e;
  }

  let properties: string[] | undefined = flags.check?.split(",").map((s) => s.trim()).filter(Boolean);
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

  let result: CheckResult<unknown>;
  try {
    result = await checkModel(model, source, {
      workers: flags.workers,
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
    throw e;
  }
  io.stdout(`${formatResult(model, result)}\n`);
  writeReport(flags.json, io, toJsonReport(subject, model, result));
  switch (result.result) {
    case "ok":
      return ExitCode.ok;
    case "violation":
      return ExitCode.violation;
    case "incomplete":
      return ExitCode.incomplete;
  }
}

function writeReport(target: string | undefined, io: CliIO, report: Report): void {
  if (!target) return;
  const out = path.resolve(io.cwd, target);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`expected a positive integer, got "${value}"`);
  return Number(value);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`expected a positive number of seconds, got "${value}"`);
  return n;
}
