import { checkVerdicts, type Verdicts } from "../../src/check/verdicts.ts";
import { compile, type Model, type Spec } from "interleave-spec";
import { displayPath, locateSpec, withLocations } from "../../src/analysis/source-locations.ts";
import type { CheckResult } from "../../src/check/result.ts";

const root = new URL("../../", import.meta.url).pathname;

/** A spec compiled with source locations (paths relative to the repository) and checked to per-property verdicts. */
export async function verdictsOf(
  spec: Spec<any, any>,
  options: { untilFirst?: boolean; maxStates?: number } = {},
): Promise<{ model: Model<unknown>; outcome: Verdicts<unknown>; file: string }> {
  const file = displayPath(spec.file!, root);
  const model = withLocations(compile(spec) as Model<unknown>, locateSpec(spec.file!, spec.name, file));
  const outcome = await checkVerdicts(model, { expect: { ...(spec.definition.expect ?? {}) }, ...options });
  return { model, outcome: zeroTimes(outcome), file };
}

/** Durations vary run to run; goldens pin everything else. */
function zeroTimes(outcome: Verdicts<unknown>): Verdicts<unknown> {
  const runs = outcome.runs.map((r) => Object.assign(r as CheckResult<unknown>, { stats: { ...r.stats, durationMs: 0 } }));
  return { runs, verdicts: outcome.verdicts };
}
