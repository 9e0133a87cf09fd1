import type { Binding, Json } from "../model/model.ts";

const TEMPORAL = Symbol.for("interleave.temporal");

/** A state predicate as specs write it. */
export type StatePredicate<S, P> = (s: S, params: P) => boolean;

/** What a step predicate learns of a step besides its two states. */
export interface StepInfo {
  /** The action taken, or null for a stuttering step (the state repeats; `t` is `s`). */
  readonly action: string | null;
  /** Its `exists` binding, as traces show it (null without one). */
  readonly binding: Binding;
  /** The instance's `exists` values by position, outermost first, as the action bound them. */
  readonly values: readonly unknown[];
}

/**
 * An action predicate (TLA+'s action formula A): true of a step `s → t`. When several action
 * instances lead from `s` to the same `t`, the step satisfies it if one of them does.
 */
export type StepPredicate<S, P> = (s: S, t: S, step: StepInfo, params: P) => boolean;

/** An action as a set of steps: an action name, names (their disjunction), or a step predicate. */
export type ActionRef<S, P> = string | readonly string[] | StepPredicate<S, P>;

/** Which steps of the named actions count. */
export interface StepOptions<S> {
  /**
   * Only the steps of instances this accepts, given the state and the instance's `exists`
   * values by position — TLA+'s `Return(c, alloc[c])` is `where: (s, c, S) => equals(S, s.alloc.get(c))`.
   */
  readonly where?: (s: S, ...values: any[]) => boolean;
  /** Only the instance with these `exists` values, by position (TLA+'s `Send(1)`: `instance: [1]`). */
  readonly instance?: readonly unknown[];
}

/** TLA+'s subscript `v` of `[A]_v`, `⟨A⟩_v`, `WF_v(A)`: default the whole state. */
export interface SubscriptOption<S> {
  readonly subscript?: (s: S) => unknown;
}

/** Options of {@link enabled}. */
export interface EnabledOptions<S> extends StepOptions<S>, SubscriptOption<S> {
  /** Count successors equal to the state too: TLA+'s plain `ENABLED A` instead of `ENABLED ⟨A⟩_v`. */
  readonly selfLoops?: boolean;
}

/** A step set as the DSL records it, compiled against the spec's actions. */
export interface StepsDef<S, P> {
  readonly actions?: ActionRef<S, P>;
  readonly options: EnabledOptions<S>;
}

/** A node of a temporal formula, as the operators build it. */
export type TemporalNode<S, P> =
  | { readonly op: "step"; readonly steps: StepsDef<S, P> }
  | { readonly op: "unchanged"; readonly subscript?: (s: S) => unknown }
  | { readonly op: "enabled"; readonly steps: StepsDef<S, P> }
  | { readonly op: "not" | "always" | "eventually" | "alwaysEventually" | "eventuallyAlways"; readonly arg: Formula<S, P> }
  | { readonly op: "and" | "or"; readonly args: readonly Formula<S, P>[] }
  | { readonly op: "implies" | "leadsTo"; readonly args: readonly [Formula<S, P>, Formula<S, P>] };

/**
 * A temporal formula built by the operators ({@link always}, {@link eventually}, {@link leadsTo},
 * {@link not}, {@link and}, {@link or}, {@link implies}, {@link step}, {@link orKeep},
 * {@link mustChange}, {@link enabled}, …) and declared under `properties`.
 */
export type TemporalDef<S, P> = TemporalNode<S, P> & { readonly [TEMPORAL]: true };

/** What the operators take: a state predicate `(s, params) => boolean` or a formula. */
export type Formula<S, P> = StatePredicate<S, P> | TemporalDef<S, P>;

function node<S, P>(n: TemporalNode<S, P>): TemporalDef<S, P> {
  return { [TEMPORAL]: true, ...n } as TemporalDef<S, P>;
}

/** □f: f holds from every point on. `always(p)` of a state formula is checked as an invariant. */
export function always<S, P = any>(f: Formula<S, P>): TemporalDef<S, P> {
  return node({ op: "always", arg: f });
}

/** ◇f: f holds from some point on (for a state predicate: a state where it holds is reached). */
export function eventually<S, P = any>(f: Formula<S, P>): TemporalDef<S, P> {
  return node({ op: "eventually", arg: f });
}

/** p ⤳ q (TLA+'s `p ~> q`, □(p ⇒ ◇q)): whenever p holds, q holds then or later. */
export function leadsTo<S, P = any>(p: Formula<S, P>, q: Formula<S, P>): TemporalDef<S, P> {
  return node({ op: "leadsTo", args: [p, q] });
}

/** □◇f: f holds infinitely often. */
export function alwaysEventually<S, P = any>(f: Formula<S, P>): TemporalDef<S, P> {
  return node({ op: "alwaysEventually", arg: f });
}

/** ◇□f: from some point on, f holds forever. */
export function eventuallyAlways<S, P = any>(f: Formula<S, P>): TemporalDef<S, P> {
  return node({ op: "eventuallyAlways", arg: f });
}

/** ¬f. */
export function not<S, P = any>(f: Formula<S, P>): TemporalDef<S, P> {
  return node({ op: "not", arg: f });
}

/** f₁ ∧ f₂ ∧ …. */
export function and<S, P = any>(...fs: Formula<S, P>[]): TemporalDef<S, P> {
  return node({ op: "and", args: fs });
}

/** f₁ ∨ f₂ ∨ …. */
export function or<S, P = any>(...fs: Formula<S, P>[]): TemporalDef<S, P> {
  return node({ op: "or", args: fs });
}

/**
 * f ⇒ g. Outside every temporal operator f speaks of the first state: `implies(init, eventually(q))`
 * is TLA+'s `Init => <>Q`, not `[](Init => <>Q)`.
 */
export function implies<S, P = any>(f: Formula<S, P>, g: Formula<S, P>): TemporalDef<S, P> {
  return node({ op: "implies", args: [f, g] });
}

/**
 * An action as a formula (TLA+'s `A`), true of the step to the next state: a step of the named
 * action(s) (restricted by `where`/`instance`), or the steps a predicate `(s, t, step) => …`
 * accepts — which is also asked about stuttering steps (`t` is `s`, `step.action` null).
 * Usually wrapped: `always(orKeep(A))` is `[][A]_v`, `eventually(mustChange(A))` is `<><<A>>_v`.
 */
export function step<S, P = any>(actions: ActionRef<S, P>, options: StepOptions<S> = {}): TemporalDef<S, P> {
  return node({ op: "step", steps: { actions, options } });
}

/** `v' = v` for the subscript `v` (default: the whole state): the step leaves it unchanged. */
export function unchanged<S, P = any>(subscript?: (s: S) => unknown): TemporalDef<S, P> {
  return node({ op: "unchanged", ...(subscript ? { subscript } : {}) });
}

/** TLA+'s `[A]_v`: an A step, or one that leaves `v` unchanged. `always(orKeep(A))` is `[][A]_v`. */
export function orKeep<S, P = any>(actions: ActionRef<S, P> | TemporalDef<S, P>, options: StepOptions<S> & SubscriptOption<S> = {}): TemporalDef<S, P> {
  return or(asStep(actions, options), unchanged<S, P>(options.subscript));
}

/** TLA+'s `⟨A⟩_v`: an A step that changes `v`. `eventually(mustChange(A))` is `<><<A>>_v`. */
export function mustChange<S, P = any>(actions: ActionRef<S, P> | TemporalDef<S, P>, options: StepOptions<S> & SubscriptOption<S> = {}): TemporalDef<S, P> {
  return and(asStep(actions, options), not(unchanged<S, P>(options.subscript)));
}

function asStep<S, P>(actions: ActionRef<S, P> | TemporalDef<S, P>, options: StepOptions<S>): Formula<S, P> {
  return isTemporalDef(actions) ? actions : step(actions as ActionRef<S, P>, options);
}

/**
 * TLA+'s `ENABLED ⟨A⟩_v`, a state formula: some successor the model's actions generate from the
 * state is a step of A (all actions when absent) that changes `v` (`selfLoops: true`: any
 * successor, TLA+'s `ENABLED A`). Computed from the actions; with a state constraint, successors
 * outside it count (as in TLC). Usable in temporal formulas, and in invariants: `always(…)` of a
 * state formula with `enabled` is checked as an invariant.
 */
export function enabled<S, P = any>(actions?: ActionRef<S, P>, options: EnabledOptions<S> = {}): TemporalDef<S, P> {
  return node({ op: "enabled", steps: { ...(actions === undefined ? {} : { actions }), options } });
}

/** The temporal operators for one spec's state and parameters (what `properties: (ops) => …` receives). */
export interface TemporalOps<S, P> {
  always(f: Formula<S, P>): TemporalDef<S, P>;
  eventually(f: Formula<S, P>): TemporalDef<S, P>;
  leadsTo(p: Formula<S, P>, q: Formula<S, P>): TemporalDef<S, P>;
  alwaysEventually(f: Formula<S, P>): TemporalDef<S, P>;
  eventuallyAlways(f: Formula<S, P>): TemporalDef<S, P>;
  not(f: Formula<S, P>): TemporalDef<S, P>;
  and(...fs: Formula<S, P>[]): TemporalDef<S, P>;
  or(...fs: Formula<S, P>[]): TemporalDef<S, P>;
  implies(f: Formula<S, P>, g: Formula<S, P>): TemporalDef<S, P>;
  step(actions: ActionRef<S, P>, options?: StepOptions<S>): TemporalDef<S, P>;
  unchanged(subscript?: (s: S) => unknown): TemporalDef<S, P>;
  orKeep(actions: ActionRef<S, P> | TemporalDef<S, P>, options?: StepOptions<S> & SubscriptOption<S>): TemporalDef<S, P>;
  mustChange(actions: ActionRef<S, P> | TemporalDef<S, P>, options?: StepOptions<S> & SubscriptOption<S>): TemporalDef<S, P>;
  enabled(actions?: ActionRef<S, P>, options?: EnabledOptions<S>): TemporalDef<S, P>;
}

/** The operators, as passed to `properties: (ops) => …`. */
export const temporalOps: TemporalOps<any, any> = {
  always,
  eventually,
  leadsTo,
  alwaysEventually,
  eventuallyAlways,
  not,
  and,
  or,
  implies,
  step,
  unchanged,
  orKeep,
  mustChange,
  enabled,
};

export function isTemporalDef(value: unknown): value is TemporalDef<unknown, unknown> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[TEMPORAL] === true;
}

/** Options of {@link weak} and {@link strong}. */
export interface FairnessOptions<S = any> extends StepOptions<S>, SubscriptOption<S> {
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
 * A fairness condition as declared (`weak(…)`, `strong(…)`); compiled against the spec's
 * actions into the kernel's `Fairness`.
 */
export interface FairnessDef<S = any> {
  readonly kind: "weak" | "strong";
  /** Action names; absent = the whole next-state relation. */
  readonly actions?: readonly string[];
  /** A step predicate instead of names: the steps it accepts. */
  readonly predicate?: StepPredicate<S, any>;
  readonly perInstance: boolean;
  readonly instanceKey?: (values: readonly Json[]) => Json;
  readonly where?: (s: S, ...values: any[]) => boolean;
  readonly instance?: readonly unknown[];
  readonly subscript?: (s: S) => unknown;
}

/**
 * Weak fairness, TLA+'s `WF_v(A)`: a behaviour may not stay forever in states where an ⟨A⟩_v
 * step is possible without taking one. `A` is the named action, the disjunction of several (an
 * array), a step predicate, or — with no name — the whole next-state relation (`WF_vars(Next)`).
 * `where`/`instance` restrict it to some instances, `subscript` is `v` (default: the whole state).
 *
 * ```ts
 * fairness: [weak()],                                       // WF_vars(Next)
 * fairness: [weak("send", { perInstance: true })],          // \A p : WF_vars(send(p))
 * fairness: [weak(["a", "b"], { perInstance: true })],     // \A p : WF_vars(a(p) \/ b(p)), instances by position
 * fairness: [weak("return", { perInstance: (c) => c, where: (s, c, S) => equals(S, s.alloc.get(c)) })],
 *                                                           // \A c : WF_vars(Return(c, alloc[c]))
 * fairness: [weak("move", { subscript: (s) => s.cat })],    // WF_cat(Move)
 * ```
 */
export function weak<S = any>(actions?: ActionRef<S, any>, options: FairnessOptions<S> = {}): FairnessDef<S> {
  return fairness("weak", actions, options);
}

/**
 * Strong fairness, TLA+'s `SF_v(A)`: if ⟨A⟩_v is enabled infinitely often (even if not
 * continuously), an ⟨A⟩_v step is eventually taken. Arguments as for {@link weak}.
 */
export function strong<S = any>(actions?: ActionRef<S, any>, options: FairnessOptions<S> = {}): FairnessDef<S> {
  return fairness("strong", actions, options);
}

function fairness<S>(kind: "weak" | "strong", actions: ActionRef<S, any> | undefined, options: FairnessOptions<S>): FairnessDef<S> {
  const list = actions === undefined || typeof actions === "function" ? undefined : typeof actions === "string" ? [actions] : [...actions];
  const { perInstance: by, where, instance, subscript } = options;
  const instanceKey = typeof by === "function" ? (values: readonly Json[]) => by(...values) : undefined;
  return {
    kind,
    perInstance: by === undefined ? false : by !== false,
    ...(list ? { actions: list } : {}),
    ...(typeof actions === "function" ? { predicate: actions } : {}),
    ...(instanceKey ? { instanceKey } : {}),
    ...(where ? { where } : {}),
    ...(instance ? { instance } : {}),
    ...(subscript ? { subscript } : {}),
  };
}
