/**
 * interleave-spec/vitest: run a spec check as an ordinary vitest assertion, in-process.
 *
 * ```ts
 * import { expect, it } from "vitest";
 * import "interleave-spec/vitest"; // registers the matchers
 * import spec, { buggy } from "../specs/queue.ts";
 *
 * it("holds", async () => { await expect(spec).toHoldAll({ params: { n: 3 } }); });
 * it("finds the bug", async () => { await expect(buggy).toViolate("noLostWrite"); });
 * it("is not vacuous", async () => { await expect(spec).toReach((s) => s.done); });
 * ```
 *
 * Each matcher compiles the spec (a `Spec` from `defineSpec`, or a hand-written `Model`),
 * explores it with {@link check} and fails with the shortest trace, diff-style, and the file and
 * line of the property. The matchers are async: always `await` them.
 */
import { expect } from "vitest";
import { locateSpec } from "./analysis/source-locations.ts";
import { check, type CheckOptions } from "./check/check.ts";
import type { CheckResult } from "./check/result.ts";
import { compile, resolveParams } from "./dsl/compile.ts";
import { isSpec, type ParamOverridesOf, type ParamValues, type PropertyName, type Spec, type StateOf } from "./dsl/define-spec.ts";
import { propertyTitle } from "./export/property-title.ts";
import { formatTraceDiff } from "./export/trace-diff.ts";
import { formatStats } from "./export/text.ts";
import type { Model, SourceLocation } from "./model/model.ts";

/**
 * Parameters and limits for a spec check run by a matcher. Typed from the spec `X` under test
 * (what `expect(x)` receives): a parameter or property name it does not declare is a type error.
 */
export interface SpecCheckOptions<X = unknown> {
  /** Parameter values overriding the spec's defaults (as `--set` does). */
  readonly params?: ParamOverridesOf<X>;
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeoutMs?: number;
  /** `toHoldAll` only: check just these properties (invariant names, `"deadlock"`), as `check --check` does. */
  readonly properties?: readonly PropertyName<X>[];
}

/** The state type of the subject of a matcher: a spec's (inferred from its schema), or a `Model<S>`'s `S`. */
export type SubjectState<X> = X extends Spec<any, any, any> ? StateOf<X> : X extends Model<infer S> ? S : unknown;

/** The parameter values a spec's predicates receive. */
export type SubjectParams<X> = X extends Spec<infer P, any, any> ? ParamValues<P> : unknown;

/**
 * What `toReach` looks for: a state predicate `(s, params) => boolean`, typed from the spec, or
 * the name of one of the spec's `sometimes` properties (`sometimes: { name: (s) => … }`).
 */
export type ReachTarget<X = unknown> = PropertyName<X> | ((s: SubjectState<X>, params: SubjectParams<X>) => boolean);

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The matchers, for `expect.extend(interleaveMatchers)` (importing this module already registers them). */
export const interleaveMatchers = {
  async toHoldAll(this: { isNot?: boolean }, received: unknown, options: SpecCheckOptions<any> = {}): Promise<MatcherResult> {
    const subject = prepare(received, options.params);
    // One search decides every property, so that the message lists all those violated.
    const result = await check(subject.model, { ...limits(options), properties: options.properties, continue: true });
    const name = `spec "${subject.model.name}"`;
    switch (result.result) {
      case "ok":
        return { pass: true, message: () => `expected ${name} to violate a property, but all hold (${result.properties.join(", ")})\n  ${formatStats(result.stats)}` };
      case "incomplete":
        return undecided(this, `expected ${name} ${this.isNot ? "not " : ""}to satisfy all its properties, but the search stopped (${result.stoppedBy}) before deciding them\n  ${formatStats(result.stats)}`);
      case "violation": {
        const violated = result.violations.map((v) => v.property);
        const more = violated.length > 1 ? `${violated.length} properties are violated (${violated.join(", ")}); first, ` : "";
        return { pass: false, message: () => `expected ${name} to satisfy all its properties, but ${more}${describeViolation(subject, result)}` };
      }
    }
  },

  async toViolate(this: { isNot?: boolean }, received: unknown, property: string, options: SpecCheckOptions<any> = {}): Promise<MatcherResult> {
    const subject = prepare(received, options.params);
    const result = await check(subject.model, { ...limits(options), properties: [property] });
    const name = `spec "${subject.model.name}"`;
    const what = propertyTitle(subject.model.properties.find((p) => p.name === property)?.kind ?? "invariant", property);
    switch (result.result) {
      case "violation":
        return { pass: true, message: () => `expected ${name} not to violate ${what}, but ${describeViolation(subject, result)}` };
      case "ok":
        return {
          pass: false,
          message: () => `expected ${name} to violate ${what}${at(locationOf(subject, property))}, but it holds in every reachable state\n  ${formatStats(result.stats)}`,
        };
      case "incomplete":
        return undecided(this, `expected ${name} ${this.isNot ? "not " : ""}to violate ${what}, but the search stopped (${result.stoppedBy}) before deciding it\n  ${formatStats(result.stats)}`);
    }
  },

  async toReach(this: { isNot?: boolean }, received: unknown, target: ReachTarget<any>, options: SpecCheckOptions<any> = {}): Promise<MatcherResult> {
    const subject = prepare(received, options.params);
    const { label, predicate } = reachPredicate(subject, target);
    // The name a fault of the predicate is reported under ("invariant … threw"): the user's words.
    const goal = typeof target === "string" ? target : `toReach(${target.name || "predicate"})`;
    // Reaching a state where P holds = the invariant ¬P is violated there (the trace is the witness).
    // Without the model's view or symmetry: P may tell apart the states they identify.
    const model: Model<unknown> = {
      ...subject.model,
      identity: undefined,
      properties: [{ kind: "invariant", name: goal, holds: (s) => !predicate(s, subject.params) }],
    };
    const result = await check(model, { ...limits(options), properties: [goal] });
    const name = `spec "${subject.model.name}"`;
    switch (result.result) {
      case "violation":
        return {
          pass: true,
          message: () =>
            `expected ${name} never to reach ${label}, but it does after ${result.violation.trace.length - 1} step(s):\n${formatTraceDiff(subject.model, result.violation.trace)}`,
        };
      case "ok":
        return { pass: false, message: () => `expected ${name} to reach ${label}, but no reachable state satisfies it (vacuous?)\n  ${formatStats(result.stats)}` };
      case "incomplete":
        return undecided(this, `expected ${name} ${this.isNot ? "not " : ""}to reach ${label}, but the search stopped (${result.stoppedBy}) before deciding it\n  ${formatStats(result.stats)}`);
    }
  },
};

declare module "vitest" {
  interface Matchers<T = any> {
    /** Every property of the spec holds in every reachable state (the search must complete). */
    toHoldAll(options?: SpecCheckOptions<T>): Promise<void>;
    /** The named property (or `"deadlock"`) is violated in some reachable state; the message shows the trace. */
    toViolate(property: PropertyName<T>, options?: SpecCheckOptions<T>): Promise<void>;
    /** Some reachable state satisfies the predicate or named `sometimes` property (the spec is not vacuous). */
    toReach(target: ReachTarget<T>, options?: SpecCheckOptions<T>): Promise<void>;
  }
}

expect.extend(interleaveMatchers);

interface Subject {
  readonly model: Model<unknown>;
  readonly spec?: Spec;
  readonly params: unknown;
}

function prepare(received: unknown, overrides: { readonly [name: string]: unknown } = {}): Subject {
  if (isSpec(received)) {
    const model = compile(received, overrides) as Model<unknown>;
    return { model, spec: received, params: resolveParams(received.definition.params ?? {}, overrides) };
  }
  if (typeof received === "object" && received !== null && "codec" in received && "actions" in received) {
    return { model: received as Model<unknown>, params: {} };
  }
  throw new TypeError(`expected a spec (from defineSpec) or a Model, got ${typeof received}`);
}

/** An incomplete search fails the matcher whether or not it is negated (`.not` must not turn "undecided" into a pass). */
function undecided(context: { isNot?: boolean }, message: string): MatcherResult {
  return { pass: context.isNot === true, message: () => message };
}

function limits(options: SpecCheckOptions): CheckOptions {
  return { maxStates: options.maxStates, maxDepth: options.maxDepth, timeoutMs: options.timeoutMs };
}

function reachPredicate(subject: Subject, target: ReachTarget): { label: string; predicate: (s: unknown, p: unknown) => boolean } {
  if (typeof target === "function") return { label: `a state satisfying ${target.name || "the predicate"}`, predicate: target };
  const declared = (subject.spec?.definition as { sometimes?: Record<string, unknown> } | undefined)?.sometimes?.[target];
  const fn = typeof declared === "function" ? declared : (declared as { holds?: unknown } | undefined)?.holds;
  if (typeof fn !== "function") {
    const known = Object.keys((subject.spec?.definition as { sometimes?: object } | undefined)?.sometimes ?? {});
    throw new TypeError(
      `toReach("${target}"): the spec declares no sometimes-property "${target}"${known.length ? ` (it declares ${known.join(", ")})` : ""}; pass a predicate instead: toReach((s) => …)`,
    );
  }
  return { label: `sometimes-property ${target}`, predicate: fn as (s: unknown, p: unknown) => boolean };
}

/**
 * Where `property` is defined: the model's own location, else read from the spec file. Only
 * failure messages need it, so the TypeScript compiler (which reading the file loads) is not
 * loaded for the matchers that pass.
 */
function locationOf(subject: Subject, property: string): SourceLocation | undefined {
  const p = subject.model.properties.find((q) => q.name === property);
  if (p?.location || !subject.spec?.file) return p?.location;
  const located = locateSpec(subject.spec.file, subject.spec.name);
  if (p?.kind === "deadlock") return located.deadlock ?? located.spec;
  return located.invariants.get(property) ?? located.properties?.get(property);
}

function at(location: SourceLocation | undefined): string {
  return location ? ` (${location.file}:${location.line}:${location.column})` : "";
}

function describeViolation(subject: Subject, result: CheckResult<unknown> & { result: "violation" }): string {
  const model = subject.model;
  const v = result.violation;
  const head = v.kind === "deadlock" ? "a deadlock is reachable" : `${propertyTitle(v.kind, v.property)} is violated`;
  const steps = v.trace.length - 1;
  return (
    `${head}${at(v.location ?? locationOf(subject, v.property))} after ${steps} step${steps === 1 ? "" : "s"}${v.message ? `: ${v.message}` : ""}\n` +
    `${formatTraceDiff(model, v.trace)}\n\n  ${formatStats(result.stats)}`
  );
}
