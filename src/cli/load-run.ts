import path from "node:path";
import type { Spec } from "../dsl/define-spec.ts";
import { compile } from "../dsl/compile.ts";
import type { Model } from "../model/model.ts";
import { isSpecError, type SpecError } from "../model/spec-error.ts";
import type { Expectation } from "../check/verdicts.ts";
import type { ModelSource } from "../parallel/check-source.ts";
import { displayPath, withLocations } from "../analysis/source-locations.ts";
import { errorReport, type Report, type ReportSubject } from "../export/json-report.ts";
import { toGithubAnnotation } from "../export/github.ts";
import { expectationsOf } from "./check-outputs.ts";
import { formatSpecError, specErrorLocation } from "./format-error.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { lintGate } from "./lint-command.ts";
import { resolveSetParams } from "./load-model.ts";
import { loadSpec } from "./load-spec.ts";
import { writeOutput } from "./output-file.ts";
import { UsageError } from "./params.ts";
import { SpecAnalysis } from "./spec-analysis.ts";

/** The flags the load stage reads. */
export interface LoadFlags {
  readonly spec?: string;
  readonly set?: readonly string[];
  readonly typecheck?: boolean;
  readonly lint: boolean;
  readonly json?: string;
  readonly reporter?: string;
}

/** A spec file loaded, linted and compiled for a run, and how to report a spec fault met later. */
export interface LoadedRun {
  readonly spec: Spec;
  readonly model: Model<unknown>;
  readonly subject: ReportSubject;
  readonly expect: { readonly [property: string]: Expectation };
  /** How worker threads build the same model. */
  readonly source: ModelSource;
  /**
   * Reports a spec fault met while running the spec (text, `--reporter github`, `--json`; it is
   * in the spec file, whatever module raised it) and returns exit code 2; rethrows anything else.
   */
  fail(e: unknown): number;
}

/** What else the load stage is told: `--watch`'s import listener, `--expect-violated`. */
export interface LoadOptions {
  /** Load the spec and its imports afresh, reporting each (for `--watch`); the analysis then runs in this thread. */
  readonly onImport?: (url: string) => void;
  /** `--expect-violated` (comma-separated names; an unknown one is a usage error). */
  readonly expectViolated?: string;
}

/**
 * The load stage of a run on `fileArg`: the lint gate (the fast rules, in a thread
 * while the spec loads), the spec's import and export, `--set` (a bad value is a usage error, exit
 * 3), compilation and the source line of every action and property. Returns the exit code after
 * reporting, when the spec cannot be run.
 */
export async function loadRun(fileArg: string, flags: LoadFlags, io: CliIO, options: LoadOptions = {}): Promise<LoadedRun | number> {
  const file = path.resolve(io.cwd, fileArg);
  let subject: ReportSubject = { spec: null, file: path.relative(io.cwd, file) || file, params: {} };
  const report = (r: Report): void => {
    if (flags.json) writeOutput(flags.json, `${JSON.stringify(r, null, 2)}\n`, "--json", io.cwd);
  };
  const fail = (e: unknown): number => {
    if (!isSpecError(e)) throw e;
    const error: SpecError = e;
    io.stderr(`${formatSpecError(error, file, io.cwd)}\n`);
    const at = specErrorLocation(error, file, io.cwd);
    if (flags.reporter === "github") {
      const where = at ?? { file: displayPath(error.details.file ?? file, io.cwd), line: 1, column: 1 };
      io.stdout(toGithubAnnotation({ severity: "error", code: `spec error ${error.code}`, ...where, message: error.message }));
    }
    report(errorReport(subject, { code: error.code, message: error.message, ...(at ? { details: { location: at } } : {}) }));
    return ExitCode.specError;
  };
  // The lint rules and the property locator load the TypeScript compiler (unless cached): in a
  // worker thread, while the spec loads here.
  const analysing = SpecAnalysis.run(file, { lint: flags.lint, inThread: options.onImport !== undefined });
  try {
    const loading = loadSpec(file, { exportName: flags.spec, typecheck: flags.typecheck, cwd: io.cwd, onImport: options.onImport });
    loading.catch(() => undefined); // awaited after the lint gate
    const analysis = await analysing;
    if (flags.lint && lintGate(file, io, flags.reporter === "github", analysis.lint())) {
      report(errorReport(subject, { code: "lint-error", message: "the spec has lint errors (see the diagnostics)" }));
      return ExitCode.specError;
    }
    const loaded = await loading;
    subject = { ...subject, spec: loaded.spec.name };
    let overrides: Record<string, unknown>;
    try {
      const resolved = resolveSetParams(loaded.spec, flags.set);
      overrides = resolved.overrides;
      subject = { ...subject, params: resolved.params };
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      io.stderr(`error: ${e.message}\n`);
      return ExitCode.usage;
    }
    const model = withLocations(compile(loaded.spec, overrides) as Model<unknown>, analysis.locations(loaded.spec.name, displayPath(file, io.cwd)));
    const expectViolated = options.expectViolated?.split(",").map((n) => n.trim()).filter(Boolean) ?? [];
    const unknownExpected = expectViolated.find((n) => !model.properties.some((p) => p.name === n));
    if (unknownExpected !== undefined) {
      // A name typed on the command line is a usage error (3), like --check; one in the spec's expect is a spec error (2).
      io.stderr(`error: --expect-violated: unknown property "${unknownExpected}"; this spec has ${model.properties.map((p) => `"${p.name}"`).join(", ")}\n`);
      return ExitCode.usage;
    }
    const expect = expectationsOf(loaded.spec, model, expectViolated);
    const source: ModelSource = { file, exportName: loaded.exportName, params: overrides };
    return { spec: loaded.spec, model, subject, expect, source, fail: (e) => fail(isSpecError(e) ? e.with({ file }) : e) };
  } catch (e) {
    if (isSpecError(e)) return fail(e);
    throw e;
  }
}
