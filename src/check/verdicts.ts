import type { Model, Property, SourceLocation } from "../model/model.ts";
import { check, selectProperties, type CheckOptions } from "./check.ts";
import type { CheckResult, Violation } from "./result.ts";

/** What a spec says a property should do: hold (the default) or be violated (a known-bad variant). */
export type Expectation = "holds" | "violated";

/** The verdict on one property. `unknown`: the search stopped (limit) or ended at another violation first. */
export interface PropertyVerdict<S = unknown> {
  readonly property: string;
  readonly kind: Property<S>["kind"];
  readonly location?: SourceLocation;
  readonly status: "holds" | "violated" | "unknown";
  readonly violation?: Violation<S>;
  readonly expected: Expectation;
  /** True when the verdict matches the expectation; false when it contradicts it; undefined when unknown. */
  readonly asExpected?: boolean;
}

/** Every run made and the per-property verdicts they add up to. */
export interface Verdicts<S = unknown> {
  readonly runs: readonly CheckResult<S>[];
  readonly verdicts: readonly PropertyVerdict<S>[];
}

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

/**
 * The per-property verdicts of a sequence of runs as {@link checkVerdicts} makes them: each
 * violation decides its property; the last run, if not a violation, decides the rest (`holds`
 * when it completed, `unknown` when a limit stopped it). Pure.
 */
export function verdictsOf<S>(
  selected: readonly Pick<Property<S>, "name" | "kind" | "location">[],
  runs: readonly CheckResult<S>[],
  expect: { readonly [property: string]: Expectation } = {},
): PropertyVerdict<S>[] {
  const status = new Map<string, { status: PropertyVerdict<S>["status"]; violation?: Violation<S> }>();
  for (const run of runs) {
    if (run.result === "violation") status.set(run.violation.property, { status: "violated", violation: run.violation });
  }
  const last = runs[runs.length - 1];
  if (last !== undefined && last.result !== "violation") {
    for (const p of selected) if (!status.has(p.name)) status.set(p.name, { status: last.result === "ok" ? "holds" : "unknown" });
  }
  return selected.map((p): PropertyVerdict<S> => {
    const s = status.get(p.name) ?? { status: "unknown" as const };
    const expected = expect[p.name] ?? "holds";
    return {
      property: p.name,
      kind: p.kind,
      ...(p.location ? { location: p.location } : {}),
      status: s.status,
      ...(s.violation ? { violation: s.violation } : {}),
      expected,
      ...(s.status === "unknown" ? {} : { asExpected: s.status === expected }),
    };
  });
}
