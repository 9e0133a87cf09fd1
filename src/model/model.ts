/**
 * The kernel contract between front-ends (the DSL, hand-written test models) and the checker.
 * Types only: nothing here runs. New capabilities (symmetry, views, caching) arrive as
 * `Model → Model` wrappers, not as new members.
 */

/** Plain data as it appears in reports and traces. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Where a spec element is defined, for reports, annotations and diagrams. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A fixed-width canonical encoding of states as 32-bit integer vectors. Two states are the same
 * state exactly when their vectors are equal, so fingerprints are taken of the vector.
 */
export interface Codec<S> {
  /** Number of Int32 slots per state. */
  readonly width: number;
  /** Writes `state` into `out[offset .. offset + width)`. Throws {@link EncodeError} for a value outside the schema. */
  encode(state: S, out: Int32Array, offset: number): void;
  /**
   * Optional, for speed: the same as `encode` for `state`, a successor of `parent`, when
   * `out[offset .. offset + width)` already holds `parent`'s encoding and `parent` is the object
   * `decode` built from it. Parts of `state` identical (`===`) to `parent`'s at the same place
   * are then not encoded again — an action that spreads the state (`{ ...s, x }`) changes a few
   * fields and keeps the others' objects.
   */
  encodeSuccessor?(state: S, parent: S, out: Int32Array, offset: number): void;
  /** Builds a fresh state object from `vector[offset .. offset + width)`. */
  decode(vector: Int32Array, offset: number): S;
  /** The state as plain JSON data (sets become sorted arrays, absent optionals null). */
  toJson(state: S): Json;
  /**
   * The parts of the state that coverage counts distinct values of (see {@link CodecField});
   * absent: coverage has no per-field section. `compile` lists every state variable and, within
   * a budget, their parts.
   */
  readonly fields?: readonly CodecField[];
}

/**
 * A part of the state — a state variable or a part of one — as coverage sees it: its field path
 * (`caller.pc`, `handler[1]`), the block of the vector that encodes it (equal blocks exactly
 * when the values are equal) and the number of values of its domain (a float; `Infinity` past
 * the largest double).
 */
export interface CodecField {
  readonly path: string;
  readonly offset: number;
  readonly width: number;
  readonly size: number;
}

/** The values an `exists` (TLA+'s `\E`) bound for one action instance, shown in traces. */
export type Binding = { readonly [name: string]: Json } | null;

/**
 * A named transition group. `next` calls `emit` once per successor of `state`; none when the
 * action is disabled. `instance` identifies the action instance (the `exists` binding) that
 * produced the successor; `bindingOf(instance)` turns it into data for traces.
 */
export interface Action<S> {
  readonly name: string;
  readonly location?: SourceLocation;
  next(state: S, emit: (successor: S, instance: number) => void): void;
  bindingOf(instance: number): Binding;
  /**
   * The values of the instance's `exists` bindings by position, outermost first (`[]` for no
   * binding). Per-instance fairness matches instances of different actions by these, not by
   * the names in {@link bindingOf}. Absent: the values of `bindingOf(instance)`, in order.
   */
  instanceValues?(instance: number): readonly Json[];
  /**
   * For the step of a PlusCal-style process: which process type and label it is, so that
   * traces, reports and diagrams speak of processes. Absent for a plain action. The process
   * instance that took the step is its first `exists` value, named `self` in its binding
   * (PlusCal's `self`).
   */
  readonly process?: ProcessStep;
}

/**
 * A labelled atomic step of a process type: the action is enabled for process `self` when
 * that process's program counter is at `label`.
 */
export interface ProcessStep {
  /** The process type, e.g. `"handler"`; its state is the field of that name (`handler[id].pc`, its locals). */
  readonly process: string;
  readonly label: string;
  /** The statement the step stands for, as the spec describes it (e.g. a line of C). */
  readonly code?: string;
}

/** A state predicate that must hold in every reachable state (TLA+'s `[]P` for a state predicate P). */
export interface Invariant<S> {
  readonly kind: "invariant";
  readonly name: string;
  readonly location?: SourceLocation;
  holds(state: S): boolean;
  /** A sentence explaining what a violation means, possibly mentioning the violating state. */
  explain?(state: S): string;
  /**
   * For an implication `when ⇒ holds`: the antecedent. `holds` already includes it; the checker
   * uses it only to warn when it is true in no reachable state (the invariant is then vacuous).
   */
  antecedent?(state: S): boolean;
}

/** Every reachable state has a successor, unless `terminal` says the state may end a behaviour. */
export interface DeadlockFreedom<S> {
  readonly kind: "deadlock";
  readonly name: "deadlock";
  readonly location?: SourceLocation;
  terminal?(state: S): boolean;
}

/**
 * A reachability witness (TLA+'s `E<>P`, "sometimes"): some reachable state must satisfy it,
 * otherwise the spec is vacuous in that respect. On success the shortest witness trace is kept.
 */
export interface Sometimes<S> {
  readonly kind: "sometimes";
  readonly name: string;
  readonly location?: SourceLocation;
  holds(state: S): boolean;
}

/**
 * A set of steps named by actions — TLA+'s action `A` of `ENABLED ⟨A⟩_v`, `WF_v(A)`, `SF_v(A)`:
 * the steps of the listed actions (all actions when absent, i.e. `Next`) that `includes`
 * accepts. A step counts as ⟨A⟩_v only when it changes `subscript` (default: the whole state).
 */
export interface StepSet<S = any> {
  /** Action names; absent = every action (the whole next-state relation). */
  readonly actions?: readonly string[];
  /**
   * Restricts the set to some steps of those actions, by the step (state, action, instance)
   * and the successor `to` — e.g. TLA+'s `Return(c, alloc[c])`: the instances whose binding
   * matches the state. Absent: every step of the actions.
   */
  includes?(step: StepContext<S>, to: S): boolean;
  /**
   * TLA+'s subscript `v` of ⟨A⟩_v: a step counts only when it changes `subscript(state)`
   * (compared with TLA+'s equality). Absent: the whole state must change.
   */
  subscript?(state: S): unknown;
}

/**
 * A temporal formula over behaviours (TLA+'s operators), closed under nesting. Atoms:
 * - `state`: a state predicate, evaluated in the current state;
 * - `step`: an action predicate, evaluated on the step to the next state — `step` names the
 *   action instance, or is undefined for a stuttering step (then `to` equals `from`); when several
 *   action instances generate the same pair of states, the predicate holds if it holds for one;
 * - `unchanged`: the step leaves `subscript` (default: the whole state) unchanged — with `step`,
 *   TLA+'s `[A]_v` is `or(A, unchanged v)` and `⟨A⟩_v` is `and(A, not(unchanged v))`;
 * - `enabled`: TLA+'s `ENABLED ⟨A⟩_v` for the step set `steps`: some step of it from the current
 *   state changes the state (its subscript); with `selfLoops`, TLA+'s plain `ENABLED A` (a
 *   successor equal to the state counts). Computed from the model's actions.
 *
 * Connectives `not`, `and`, `or`, `implies`; temporal operators `always` (□), `eventually` (◇)
 * and `leadsTo` (p ⤳ q ≡ □(p ⇒ ◇q)). A formula is evaluated on behaviours from their first
 * state: a state predicate outside any temporal operator speaks of the initial state.
 *
 * The earlier shorthands over state predicates are kept: `{ op: "eventually", p }` (◇p),
 * `{ op: "leadsTo", p, q }`, `{ op: "alwaysEventually", p }` (□◇p), `{ op: "eventuallyAlways", p }` (◇□p).
 */
export type TemporalFormula<S> =
  | { readonly op: "state"; holds(state: S): boolean; readonly label?: string }
  | { readonly op: "step"; holds(from: S, to: S, step: StepContext<S> | undefined): boolean; readonly label?: string }
  | { readonly op: "unchanged"; subscript?(state: S): unknown; readonly label?: string }
  | { readonly op: "enabled"; readonly steps: StepSet<S>; readonly selfLoops?: boolean; readonly label?: string }
  | { readonly op: "not"; readonly arg: TemporalFormula<S> }
  | { readonly op: "and" | "or"; readonly args: readonly TemporalFormula<S>[] }
  | { readonly op: "implies" | "leadsTo"; readonly args: readonly [TemporalFormula<S>, TemporalFormula<S>] }
  | { readonly op: "always" | "eventually"; readonly arg: TemporalFormula<S> }
  | { readonly op: "eventually"; p(state: S): boolean }
  | { readonly op: "leadsTo"; p(state: S): boolean; q(state: S): boolean }
  | { readonly op: "alwaysEventually"; p(state: S): boolean }
  | { readonly op: "eventuallyAlways"; p(state: S): boolean };

/**
 * A property of every fair behaviour (an infinite sequence of states from an initial state,
 * where any state may repeat forever — stuttering — unless {@link Model.fairness} forbids it).
 */
export interface Temporal<S> {
  readonly kind: "temporal";
  readonly name: string;
  readonly location?: SourceLocation;
  readonly formula: TemporalFormula<S>;
}

export type Property<S> = Invariant<S> | DeadlockFreedom<S> | Sometimes<S> | Temporal<S>;

/**
 * A fairness condition on behaviours, TLA+'s `WF_v(A)` (weak: if ⟨A⟩_v is enabled
 * continuously from some point on, an ⟨A⟩_v step is eventually taken) or `SF_v(A)` (strong:
 * enabled infinitely often suffices). `A` is the {@link StepSet}: the disjunction of the named
 * actions (the whole next-state relation when `actions` is absent), restricted by `includes`;
 * `v` is `subscript` (default: the whole state). With `perInstance`, there is one condition per
 * instance (e.g. per process): `\A p : WF_vars(A(p) \/ B(p))`, where the instances of the actions
 * are matched by the tuple of their `exists` values (by position, not by parameter name), or by
 * `instanceKey` of those values when given.
 */
export interface Fairness<S = any> extends StepSet<S> {
  readonly kind: "weak" | "strong";
  readonly perInstance: boolean;
  /**
   * With `perInstance`: the instance an action instance belongs to, from its `exists` values
   * (outermost first), e.g. `(p) => p` to keep one condition per process when an action also
   * quantifies over a message. Absent: all the values.
   */
  readonly instanceKey?: (values: readonly Json[]) => Json;
}

/**
 * The step that produced a successor, as a constraint sees it (TLC's ACTION_CONSTRAINT speaks
 * of both states and the action). Valid only during the call: the checker reuses the object.
 */
export interface StepContext<S> {
  /** The state the action was taken from. */
  readonly from: S;
  readonly action: Action<S>;
  /** The action instance (its `exists` binding is `action.bindingOf(instance)`). */
  readonly instance: number;
}

/**
 * What identifies a state, when it is not its whole encoding: TLC's VIEW (states with equal
 * projections are one state) and symmetry (states in one orbit are one state). The checker
 * stores and explores the encoded vector it met first, and deduplicates by the fingerprint of
 * its key. Traces are rebuilt by key too, so they show full states.
 */
export interface Identity {
  /** For messages and warnings, e.g. `symmetry over Replica (24 permutations)`. */
  readonly description: string;
  /**
   * The key of the state encoded at `vector[offset .. offset + codec.width)`: a view into a
   * buffer of the identity's own, valid until the next call; its length may vary by state.
   */
  key(vector: Int32Array, offset: number): Int32Array;
  /**
   * Another encoding with the same key (for symmetry: the state with its ids renamed), valid
   * until the next call. The checker uses it on sampled states to verify that no property,
   * constraint or action tells the two apart — else the reduction would be unsound.
   */
  alias?(vector: Int32Array, offset: number): Int32Array;
}

/** What `check` explores: a finite-state transition system with its properties. */
export interface Model<S = unknown> {
  readonly name: string;
  readonly codec: Codec<S>;
  /** Calls `emit` once per initial state. */
  init(emit: (state: S) => void): void;
  readonly actions: readonly Action<S>[];
  readonly properties: readonly Property<S>[];
  /**
   * TLC's CONSTRAINT and ACTION_CONSTRAINT: a generated state for which this is false is counted
   * as generated and its invariants are checked, but it is not stored, counted as distinct, or
   * expanded. `step` is absent for initial states. `state` is the state as stored (the decoding
   * of its encoding), not the object an action returned. See `src/model-options/` for the
   * wrappers that build it from state and action constraints.
   */
  readonly constraint?: (state: S, step?: StepContext<S>) => boolean;
  /** What identifies a state (a view, symmetry); absent: its whole encoding. See {@link Identity}. */
  readonly identity?: Identity;
  /** Fairness conditions for temporal properties (TLA+'s WF/SF conjuncts of the spec); none by default. */
  readonly fairness?: readonly Fairness<S>[];
}
