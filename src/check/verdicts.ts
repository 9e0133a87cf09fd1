import type { Model } from "../model/model.ts";
import { check, selectProperties, type CheckOptions } from "./check.ts";
import type { CheckResult } from "./result.ts";
import { verdictsOf, type Expectation, type PropertyVerdict, type Verdicts } from "./verdicts-of.ts";

export { verdictsOf, type Expectation, type PropertyVerdict, type Verdicts } from "./verdicts-of.ts";

/**
 * Checks each selected property to a verdict: after a violation, the violated property is set
 * aside and the search runs again on the rest, until the rest hold or a limit stops it. With
 * `untilFirst`, one run only (the others stay `unknown` after a violation) — what a plain
 * `check` does. Each run is an ordinary {@link check}, so each trace is still the shortest.
 */
export async function checkVerdicts<S>(
  model: Model<S>,
  options: CheckOptions & {
    readonly expect?: { readonly [property: string]: Expectation };
    readonly untilFirst?: boolean;
    /** How to run one search (default: {@link check}; e.g. a multi-threaded search). */
    readonly run?: (options: CheckOptions) => Promise<CheckResult<S>>;
  } = {},
): Promise<Verdicts<S>> {
  const selected = selectProperties(model.properties, options.properties);
  const runs: CheckResult<S>[] = [];
  let remaining = selected.map((p) => p.name);
  // At least one run, even with no property selected: the search still reports spec faults.
  for (;;) {
    const runOptions = { ...options, properties: remaining };
    const result = await (options.run ? options.run(runOptions) : check(model, runOptions));
    runs.push(result);
    if (result.result !== "violation") break;
    remaining = remaining.filter((n) => n !== result.violation.property);
    if (options.untilFirst || remaining.length === 0) break;
  }
  return { runs, verdicts: verdictsOf(selected, runs, options.expect) };
}
