import type { Binding, Json } from "./model.ts";

/** Why a spec could not be checked. Each code names one kind of spec fault. */
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
  | "nondeterministic-action"
  | "state-mutated"
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
