import type { Spec } from "../dsl/define-spec.ts";
import { shapeSchema } from "../dsl/compile.ts";
import type { Json, Model } from "../model/model.ts";
import type { Schema } from "../state/schema.ts";
import { SpecError } from "../model/spec-error.ts";
import type { CheckResult } from "../check/result.ts";
import type { Expectation, Verdicts } from "../check/verdicts.ts";
import { toGithubAnnotations } from "../export/github.ts";
import { toItf } from "../export/itf.ts";
import { propertyTitle } from "../export/property-title.ts";
import { toJunitXml } from "../export/junit.ts";
import { ExitCode } from "./io.ts";
import { checkOutputTarget, writeOutput } from "./output-file.ts";

/** The CI-facing flags of `check`. */
export interface CiFlags {
  reporter?: string;
  junit?: string;
  itf?: string;
}

export const REPORTERS = ["text", "github"] as const;

/** The spec's declared expectations plus `--expect-violated` names, validated against the model's property names. */
export function expectationsOf(spec: Spec, model: Model<unknown>, violated: readonly string[] = []): { [property: string]: Expectation } {
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

/** Exit code of a set of verdicts: 1 for any verdict contradicting its expectation, 4 when undecided, else 0. */
export function verdictExit(outcome: Verdicts<unknown>): number {
  if (outcome.verdicts.some((v) => v.asExpected === false)) return ExitCode.violation;
  if (outcome.runs.some((r) => r.result === "incomplete")) return ExitCode.incomplete;
  return ExitCode.ok;
}

/**
 * The result the single-violation outputs (`--json`'s `violation`, `--trace-dot`) describe: the
 * search's, with its first unexpected violation as `violation` (else its first).
 */
export function primaryRun(outcome: Verdicts<unknown>): CheckResult<unknown> {
  const run = outcome.runs[0];
  const unexpected = outcome.verdicts.find((v) => v.status === "violated" && v.asExpected === false)?.violation;
  return unexpected && run.result === "violation" ? { ...run, violation: unexpected } : run;
}

/** Writes `--junit` / `--itf` files and returns the `--reporter github` text (empty for the text reporter). */
export function writeCiOutputs(
  flags: CiFlags,
  cwd: string,
  context: {
    spec: Spec;
    model: Model<unknown>;
    outcome: Verdicts<unknown>;
    file: string;
    params: { [name: string]: Json };
  },
): string {
  const { spec, model, outcome, file, params } = context;
  if (flags.junit) writeOutput(flags.junit, toJunitXml(model, outcome.verdicts, outcome.runs, { spec: spec.name, file, params }), "--junit", cwd);
  if (flags.itf) {
    const violated = outcome.verdicts.find((v) => v.status === "violated" && v.asExpected === false) ?? outcome.verdicts.find((v) => v.violation);
    if (violated?.violation) {
      const itf = toItf(stateSchema(spec, params), violated.violation.trace, {
        source: file,
        description: `${violated.kind === "deadlock" ? "deadlock" : `violation of ${propertyTitle(violated.kind, violated.property)}`} in spec "${spec.name}", found by interleave`,
        extra: { spec: spec.name, property: violated.property, kind: violated.kind, params },
      });
      writeOutput(flags.itf, `${JSON.stringify(itf, null, 2)}\n`, "--itf", cwd);
    }
  }
  const stopped = outcome.runs.find((r) => r.result === "incomplete");
  return flags.reporter === "github"
    ? toGithubAnnotations(model, outcome.verdicts, {
        file,
        spec: spec.name,
        ...(stopped?.result === "incomplete" ? { stoppedBy: stopped.stoppedBy } : {}),
      })
    : "";
}

/** The schema of a spec's state for these parameter values (what ITF values are written from). */
export function stateSchema(spec: Spec, params: { readonly [name: string]: Json }): Schema {
  const shape = typeof spec.definition.state === "function" ? (spec.definition.state as (p: unknown) => unknown)(params) : spec.definition.state;
  return shapeSchema(shape, "state");
}

/** Fails early (UsageError) when a CI output file cannot be written. */
export function checkCiTargets(flags: CiFlags, cwd: string): void {
  checkOutputTarget(flags.junit, "--junit", cwd);
  checkOutputTarget(flags.itf, "--itf", cwd);
}
