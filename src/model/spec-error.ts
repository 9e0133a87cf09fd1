import type { Binding, Json } from "./model.ts";

/**
 * Why a spec could not be checked. Each code names one kind of spec fault:
 * - `spec-not-found`, `spec-load-failed`, `type-error`, `export-not-found`, `not-a-spec`: the
 *   file cannot be loaded as a spec (missing, throws on import, does not type-check, …).
 * - `invalid-spec`: the definition is malformed (no actions, a member that is not a function, a
 *   reserved or vanished name such as `deadlock` or `__proto__`, an unusable schema).
 * - `invalid-param`: a parameter value outside its domain, or missing.
 * - `init-threw`, `action-threw`, `property-threw`: spec code threw while evaluated.
 * - `outside-schema`: a state with a value outside its field's domain, an unknown field (often a
 *   misspelt name next to a spread) or a missing one.
 * - `not-boolean`: a predicate (invariant, `when`, `sometimes`, temporal, constraint, terminal)
 *   returned something else than true or false — often a Promise from an `async` predicate,
 *   or `undefined` from a block body without `return`.
 * - `invalid-successor`: an action returned a Promise or an iterator (an `async` or generator
 *   function) instead of states.
 * - `no-initial-states`: `init` gave no state (an empty array, an unsatisfiable `where`).
 * - `nondeterministic-init`: `init` gave different states when evaluated twice.
 * - `nondeterministic-action`, `state-mutated`: an action is not a function of the state
 *   (randomness, clocks, module state) or changed the state it was given.
 * - `invalid-fairness`: a per-instance fairness condition groups actions whose instances cannot
 *   be matched (different numbers of `exists` values).
 * - `unsupported-formula`: a temporal property the checker refuses to check: more distinct
 *   predicates than it can track in one property, or a formula whose automaton is too large
 *   (usually a long conjunction of eventualities: split it into several properties).
 */
export type SpecErrorCode =
  | "spec-not-found"
  | "spec-load-failed"
  | "type-error"
  | "export-not-found"
  | "not-a-spec"
  | "invalid-spec"
  | "invalid-param"
  | "init-threw"
  | "action-threw"
  | "property-threw"
  | "outside-schema"
  | "not-boolean"
  | "invalid-successor"
  | "no-initial-states"
  | "nondeterministic-init"
  | "nondeterministic-action"
  | "state-mutated"
  | "invalid-fairness"
  | "unsupported-formula"
  /**
   * A property, the constraint or an action tells apart two states that the declared symmetry
   * identifies (the state and its ids renamed): symmetry reduction would then be unsound.
   * Usually an invariant or guard that names a particular id (`s.pc.p1`, `p === 0`).
   */
  | "not-symmetric";

/** One step of the behaviour that led to a spec fault. */
export interface SpecErrorStep {
  readonly action: string | null;
  readonly binding: Binding;
  readonly state: Json;
}

export interface SpecErrorDetails {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly action?: string;
  readonly binding?: Binding;
  readonly property?: string;
  readonly param?: string;
  readonly path?: string;
  readonly value?: unknown;
  readonly state?: Json;
  readonly trace?: readonly SpecErrorStep[];
  readonly cause?: unknown;
}

/**
 * A fault in the spec itself (not a property violation): it throws, leaves its schema, is not
 * deterministic, or cannot be loaded. The message names the likely cause.
 */
export class SpecError extends Error {
  readonly code: SpecErrorCode;
  readonly details: SpecErrorDetails;

  constructor(code: SpecErrorCode, message: string, details: SpecErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "SpecError";
    this.code = code;
    this.details = details;
  }

  /** A copy with more details (e.g. the file once the CLI knows it). */
  with(details: SpecErrorDetails): SpecError {
    const copy = new SpecError(this.code, this.message, { ...this.details, ...details });
    copy.stack = this.stack;
    return copy;
  }
}

/** True for SpecErrors, also across module instances (a spec may load its own copy of interleave). */
export function isSpecError(error: unknown): error is SpecError {
  return error instanceof Error && error.name === "SpecError" && typeof (error as SpecError).code === "string";
}
