import type { Property, SourceLocation } from "../model/model.ts";
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
