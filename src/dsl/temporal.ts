import type { Fairness, Json } from "../model/model.ts";

const TEMPORAL = Symbol.for("interleave.temporal");

/** A state predicate as specs write it. */
export type StatePredicate<S, P> = (s: S, params: P) => boolean;

/**
 * A property over behaviours, built by {@link always}, {@link eventually}, {@link leadsTo},
 * {@link alwaysEventually} or {@link eventuallyAlways}, and declared under `properties`.
 */
export interface TemporalDef<S, P> {
  readonly [TEMPORAL]: true;
  readonly op: "always" | "eventually" | "alwaysEventually" | "eventuallyAlways" | "leadsTo";
  readonly p: StatePredicate<S, P>;
  readonly q?: StatePredicate<S, P>;
}

function def<S, P>(op: TemporalDef<S, P>["op"], p: StatePredicate<S, P>, q?: StatePredicate<S, P>): TemporalDef<S, P> {
  return { [TEMPORAL]: true, op, p, ...(q ? { q } : {}) };
}

/** □p: p holds in every reachable state. Checked and reported exactly like an invariant. */
export function always<S, P = any>(p: StatePredicate<S, P>): TemporalDef<S, P> {
  return def("always", p);
}

/** ◇p: every fair behaviour reaches a state where p holds. */
export function eventually<S, P = any>(p: StatePredicate<S, P>): TemporalDef<S, P> {
  return def("eventually", p);
}

/** p ⤳ q (TLA+'s `p ~> q`, □(p ⇒ ◇q)): whenever p holds, q holds then or later. */
export function leadsTo<S, P = any>(p: StatePredicate<S, P>, q: StatePredicate<S, P>): TemporalDef<S, P> {
  return def("leadsTo", p, q);
}

/** □◇p: p holds infinitely often (never false forever from some point on). */
export function alwaysEventually<S, P = any>(p: StatePredicate<S, P>): TemporalDef<S, P> {
  return def("alwaysEventually", p);
}

/** ◇□p: from some point on, p holds forever. */
export function eventuallyAlways<S, P = any>(p: StatePredicate<S, P>): TemporalDef<S, P> {
  return def("eventuallyAlways", p);
}

/** The temporal operators for one spec's state and parameters (what `properties: (ops) => …` receives). */
export interface TemporalOps<S, P> {
  always(p: StatePredicate<S, P>): TemporalDef<S, P>;
  eventually(p: StatePredicate<S, P>): TemporalDef<S, P>;
  leadsTo(p: StatePredicate<S, P>, q: StatePredicate<S, P>): TemporalDef<S, P>;
  alwaysEventually(p: StatePredicate<S, P>): TemporalDef<S, P>;
  eventuallyAlways(p: StatePredicate<S, P>): TemporalDef<S, P>;
}

/** The operators, as passed to `properties: (ops) => …`. */
export const temporalOps: TemporalOps<any, any> = { always, eventually, leadsTo, alwaysEventually, eventuallyAlways };

export function isTemporalDef(value: unknown): value is TemporalDef<unknown, unknown> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[TEMPORAL] === true;
}

/** Options of {@link weak} and {@link strong}. */
export interface FairnessOptions {
  /**
   * One condition per instance (e.g. per process) instead of one for the whole action:
   * `\A p : WF_vars(A(p) \/ B(p))`. With `true`, the instances of the listed actions are matched
   * by the tuple of their `exists` values, by position (parameter names do not matter), and all
   * the actions must bind the same number of values. A function of the values picks the
   * instance instead — `(p) => p` keeps one condition per process when an action also binds a
   * message in a nested `exists` (otherwise each (process, message) pair is its own instance).
   */
  readonly perInstance?: boolean | ((...values: any[]) => Json);
}

/**
 * Weak fairness, TLA+'s `WF_vars(A)`: a behaviour may not stay forever in states where `A` can
 * change the state without taking such a step. `A` is the named action, the disjunction of
 * several (an array), or — with no name — the whole next-state relation (`WF_vars(Next)`: the
 * system never stops while some step is possible).
 *
 * ```ts
 * fairness: [weak()],                                   // WF_vars(Next)
 * fairness: [weak("send", { perInstance: true })],      // \A p : WF_vars(send(p))
 * fairness: [weak(["a", "b"], { perInstance: true })], // \A p : WF_vars(a(p) \/ b(p)), instances by position
 * fairness: [weak(["acquire", "release"])],             // WF_vars(acquire \/ release)
 * ```
 */
export function weak(actions?: string | readonly string[], options: FairnessOptions = {}): Fairness {
  return fairness("weak", actions, options);
}

/**
 * Strong fairness, TLA+'s `SF_vars(A)`: if `A` is enabled infinitely often (even if not
 * continuously), an `A` step is eventually taken. Arguments as for {@link weak}.
 */
export function strong(actions?: string | readonly string[], options: FairnessOptions = {}): Fairness {
  return fairness("strong", actions, options);
}

function fairness(kind: "weak" | "strong", actions: string | readonly string[] | undefined, options: FairnessOptions): Fairness {
  const list = actions === undefined ? undefined : typeof actions === "string" ? [actions] : [...actions];
  const by = options.perInstance;
  const instanceKey = typeof by === "function" ? (values: readonly Json[]) => by(...values) : undefined;
  return { kind, perInstance: by === undefined ? false : by !== false, ...(list ? { actions: list } : {}), ...(instanceKey ? { instanceKey } : {}) };
}
