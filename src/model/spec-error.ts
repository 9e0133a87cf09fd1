import { showValue } from "./encode-error.ts";
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
 * - `spec-exited`: the spec ended the process (`exit()`) or its worker thread; a spec must not.
 * - `load-timeout`: the spec's top-level code did not finish (an `await` that never settles, an
 *   endless computation).
 * - `bound-reached`: deciding whether a state is kept needed a look past a bound of the model (a
 *   weak memory's message history under ra): raise the bound (`bound`) and check again.
 * - `async-error`: a promise the spec created rejected with no handler, or a callback it
 *   scheduled (a timer, an event) threw — outside any action or predicate.
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
  | "not-symmetric"
  | "spec-exited"
  | "load-timeout"
  | "async-error"
  | "bound-reached";

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
    return this.reworded(this.message, details);
  }

  /** A copy saying `message` instead (e.g. naming the action it arose in), with more details. */
  reworded(message: string, details: SpecErrorDetails = {}): SpecError {
    const copy = new SpecError(this.code, message, { ...this.details, ...details });
    copy.stack = this.stack;
    return copy;
  }
}

/** True for SpecErrors, also across module instances (a spec may load its own copy of interleave). */
export function isSpecError(error: unknown): error is SpecError {
  return error instanceof Error && error.name === "SpecError" && typeof (error as SpecError).code === "string";
}

/**
 * The message of anything a spec threw, for sentences such as `action "inc" threw: …`: an
 * Error's message; its class name when the message cannot be read (a getter that throws); any
 * other value as the user wrote it (`42n`), marked as not being an Error. Never throws.
 */
export function thrownMessage(thrown: unknown): string {
  let isError = false;
  try {
    isError = thrown instanceof Error;
  } catch {
    // A Proxy whose prototype cannot be read: shown as a value below.
  }
  if (!isError) return `${showValue(thrown)} (thrown, not an Error)`;
  const error = thrown as Error;
  try {
    const message = error.message;
    if (typeof message === "string" && message !== "") return message;
    return `${errorName(error)} (with no message)`;
  } catch (inner) {
    return `${errorName(error)} (its message cannot be read: reading it threw: ${thrownMessage(inner)})`;
  }
}

function errorName(error: Error): string {
  try {
    const name = error.constructor?.name ?? error.name;
    return typeof name === "string" && name !== "" ? name : "Error";
  } catch {
    return "Error";
  }
}

/** A {@link SpecError} as plain data that crosses a thread boundary (structured clone) intact. */
export interface WireSpecError {
  readonly code: SpecErrorCode;
  readonly message: string;
  readonly details: Omit<SpecErrorDetails, "cause"> & { readonly cause?: WireCause };
}

/** What a report needs of a fault's cause: its text and the stack that locates the spec's line. */
interface WireCause {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/**
 * `error` as data for `postMessage`: every detail kept (the offending value as its rendering when
 * it cannot be cloned, e.g. a function), and the cause reduced to name, message and stack, so the
 * receiving thread reports the same code, message and spec line.
 */
export function specErrorToWire(error: SpecError): WireSpecError {
  const { cause, value, ...rest } = error.details;
  return {
    code: error.code,
    message: error.message,
    details: {
      ...rest,
      ...("value" in error.details ? { value: cloneable(value) } : {}),
      ...(cause === undefined ? {} : { cause: wireCause(cause) }),
    },
  };
}

/** The SpecError that {@link specErrorToWire} described; its cause is an Error with the original stack. */
export function specErrorFromWire(wire: WireSpecError): SpecError {
  const { cause, ...rest } = wire.details;
  let revived: Error | undefined;
  if (cause !== undefined) {
    revived = new Error(cause.message);
    revived.name = cause.name;
    revived.stack = cause.stack;
  }
  return new SpecError(wire.code, wire.message, { ...rest, ...(revived ? { cause: revived } : {}) });
}

/** Anything thrown, as data: name, message and stack (what `specFrame` reads). */
export function wireCause(thrown: unknown): WireCause {
  let stack: string | undefined;
  let name = "Error";
  try {
    if (thrown instanceof Error) {
      stack = typeof thrown.stack === "string" ? thrown.stack : undefined;
      name = typeof thrown.name === "string" ? thrown.name : name;
    }
  } catch {
    // a stack or name getter that throws: the message below is still shown
  }
  return { name, message: thrownMessage(thrown), ...(stack === undefined ? {} : { stack }) };
}

function cloneable(value: unknown): unknown {
  try {
    structuredClone(value);
    return value;
  } catch {
    return showValue(value);
  }
}

/**
 * The fault of the spec's asynchronous code, which no action or predicate can report: a
 * promise it created was rejected with no handler, or a callback it scheduled (a timer, an
 * event handler) threw. The cause keeps the spec line.
 */
export function asyncError(kind: "rejection" | "exception", reason: unknown): SpecError {
  const what =
    kind === "rejection"
      ? "a promise created by the spec was rejected and nothing handled the rejection (actions must be synchronous)"
      : "a callback the spec scheduled (a timer, an event) threw";
  return new SpecError("async-error", `${what}: ${thrownMessage(reason)}`, { cause: reason });
}
