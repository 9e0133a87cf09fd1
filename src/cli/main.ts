import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { check } from "../check/check.ts";
import { selectProperties } from "../check/check.ts";
import type { CheckResult } from "../check/result.ts";
import { compile, resolveParams } from "../dsl/compile.ts";
import type { Json, Model } from "../model/model.ts";
import { isSpecError, SpecError } from "../model/spec-error.ts";
import { errorReport, toJsonReport, type Report, type ReportSubject } from "../export/json-report.ts";
import { formatResult } from "../export/text.ts";
import { formatSpecError } from "./format-error.ts";
import { loadSpec } from "./load-spec.ts";
import { parseSetOptions, UsageError } from "./params.ts";

/** What the CLI may touch: its output streams, working directory, and an interrupt signal. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Aborted on Ctrl-C: the search stops with a partial report (exit 4). */
  readonly signal?: AbortSignal;
}

/** Exit codes: the CLI contract. */
export const ExitCode = { ok: 0, violation: 1, specError: 2, usage: 3, incomplete: 4 } as const;

interface CheckFlags {
  spec?: string;
  set: string[];
  check?: string;
  json?: string;
  maxStates?: number;
  maxDepth?: number;
  timeout?: number;
  deadlock: boolean;
  typecheck: boolean;
}

/** Runs the CLI in-process on `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let code: number = ExitCode.ok;
  const program = new Command("interleave")
    .description("TLA+-style specs in TypeScript, checked exhaustively.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

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
      code = await runCheck(file, flags, io);
    });

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
    result = await check(model, {
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

/** The process entry: real streams, Ctrl-C → abort (a second Ctrl-C exits at once). */
export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\ninterrupted: stopping after the current state (Ctrl-C again to quit now)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    return await run(argv, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      cwd: process.cwd(),
      signal: controller.signal,
    });
  } finally {
    process.off("SIGINT", onSigint);
  }
}
