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
  /** Builds a fresh state object from `vector[offset .. offset + width)`. */
  decode(vector: Int32Array, offset: number): S;
  /** The state as plain JSON data (sets become sorted arrays, absent optionals null). */
  toJson(state: S): Json;
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
}

/** A state predicate that must hold in every reachable state (TLA+'s `[]P` for a state predicate P). */
export interface Invariant<S> {
  readonly kind: "invariant";
  readonly name: string;
  readonly location?: SourceLocation;
  holds(state: S): boolean;
  /** A sentence explaining what a violation means, possibly mentioning the violating state. */
  explain?(state: S): string;
}

/** Every reachable state has a successor, unless `terminal` says the state may end a behaviour. */
export interface DeadlockFreedom<S> {
  readonly kind: "deadlock";
  readonly name: "deadlock";
  readonly location?: SourceLocation;
  terminal?(state: S): boolean;
}

export type Property<S> = Invariant<S> | DeadlockFreedom<S>;

/** What `check` explores: a finite-state transition system with its properties. */
export interface Model<S = unknown> {
  readonly name: string;
  readonly codec: Codec<S>;
  /** Calls `emit` once per initial state. */
  init(emit: (state: S) => void): void;
  readonly actions: readonly Action<S>[];
  readonly properties: readonly Property<S>[];
  /**
   * TLC's CONSTRAINT: a successor outside it is counted as generated and its invariants are
   * checked, but it is not stored, counted as distinct, or expanded.
   */
  readonly constraint?: (state: S) => boolean;
}
