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

/** The search made and the per-property verdicts it reached. */
export interface Verdicts<S = unknown> {
  /** The search's result (one search; a list so that reports can add runs without changing shape). */
  readonly runs: readonly CheckResult<S>[];
  readonly verdicts: readonly PropertyVerdict<S>[];
}

/**
 * Checks each selected property to a verdict in one search that goes on after violations
 * (`continue`): each violated property keeps its first violation, with breadth-first search a
 * shortest trace, and the others are decided by the same search, unless a limit stops it
 * first. With `untilFirst`, the search stops at the first violation (the others stay `unknown`)
 * — what a plain `check` does.
 */
export async function checkVerdicts<S>(
  model: Model<S>,
  options: CheckOptions & {
    readonly expect?: { readonly [property: string]: Expectation };
    readonly untilFirst?: boolean;
    /** How to run the search (default: {@link check}; e.g. a multi-threaded search). */
    readonly run?: (options: CheckOptions) => Promise<CheckResult<S>>;
  } = {},
): Promise<Verdicts<S>> {
  const selected = selectProperties(model.properties, options.properties);
  const runOptions: CheckOptions = { ...options, properties: selected.map((p) => p.name), continue: !options.untilFirst };
  const result = await (options.run ? options.run(runOptions) : check(model, runOptions));
  const violations = new Map((result.result === "violation" ? result.violations : []).map((v) => [v.property, v]));
  const decided = result.result === "ok" || (result.result === "violation" && !options.untilFirst && result.stoppedBy === undefined);
  const verdicts = selected.map((p) => {
    const violation = violations.get(p.name);
    return propertyVerdict(p, violation ? "violated" : decided ? "holds" : "unknown", violation, options.expect?.[p.name] ?? "holds");
  });
  return { runs: [result], verdicts };
}

/** The verdict on property `p`: its status (and violation), and whether that is what the spec expects. */
export function propertyVerdict<S>(
  p: Pick<Property<S>, "name" | "kind" | "location">,
  status: PropertyVerdict["status"],
  violation: Violation<S> | undefined,
  expected: Expectation,
): PropertyVerdict<S> {
  return {
    property: p.name,
    kind: p.kind,
    ...(p.location ? { location: p.location } : {}),
    status,
    ...(violation ? { violation } : {}),
    expected,
    ...(status === "unknown" ? {} : { asExpected: status === expected }),
  };
}

/**
 * The verdicts a simulation reaches: violated (found), holds only for a `sometimes` property
 * some state witnessed, and unknown for everything else — a simulation never shows that an
 * invariant or a temporal property holds.
 */
export function simulationVerdicts<S>(
  result: CheckResult<S>,
  properties: readonly { readonly name: string; readonly kind: PropertyVerdict["kind"]; readonly location?: PropertyVerdict["location"] }[],
  expect: { readonly [property: string]: "holds" | "violated" },
): Verdicts<S> {
  const violations = new Map((result.result === "violation" ? result.violations : []).map((v) => [v.property, v]));
  const witnessed = new Set((result.witnesses ?? []).map((w) => w.property));
  const verdicts = properties.map((p) => {
    const violation = violations.get(p.name);
    return propertyVerdict(p, violation ? "violated" : witnessed.has(p.name) ? "holds" : "unknown", violation, expect[p.name] ?? "holds");
  });
  return { runs: [result], verdicts };
}
