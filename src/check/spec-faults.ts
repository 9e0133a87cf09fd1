import type { Action, Binding, Codec, Invariant, Json } from "../model/model.ts";
import type { Trace } from "../graph/trace.ts";
import type { Violation } from "./result.ts";
import { EncodeError, showValue } from "../model/encode-error.ts";
import { isSpecError, SpecError, thrownMessage } from "../model/spec-error.ts";

/**
 * Turns whatever a spec function threw into a SpecError naming the action or property and the
 * state it was evaluated in. SpecErrors raised deeper (e.g. by the DSL with a binding) pass through.
 */
export function actionThrew<S>(error: unknown, action: Action<S>, codec: Codec<S>, state: S): SpecError {
  if (isSpecError(error)) {
    const where = placed(error, `action "${action.name}"`, () => ({ action: action.name, state: safeJson(codec, state) }));
    // Raised deeper: by the DSL (it names the action) or by a library the action called (it does not).
    const named = where.details.action === undefined && where.details.property === undefined ? where.reworded(`action "${action.name}": ${where.message}`, { action: action.name }) : where;
    return named.details.state === undefined ? named.with({ state: safeJson(codec, state) }) : named;
  }
  const message = thrownMessage(error);
  if (error instanceof TypeError && /read[- ]only|not extensible|object is not extensible|Cannot (assign|add|delete)/i.test(message)) {
    return new SpecError(
      "state-mutated",
      `action "${action.name}" modifies the current state (${message}). States are immutable: ` +
        `return a new object, e.g. { ...s, field: value }, instead of assigning to s.`,
      { action: action.name, state: safeJson(codec, state), cause: error },
    );
  }
  return new SpecError("action-threw", `action "${action.name}" threw: ${message}`, {
    action: action.name,
    state: safeJson(codec, state),
    cause: error,
  });
}

export function propertyThrew<S>(error: unknown, property: string, codec: Codec<S>, state: S): SpecError {
  if (isSpecError(error)) {
    const where = placed(error, `property "${property}"`, () => ({ property, state: safeJson(codec, state) }));
    if (where.details.property !== undefined || where.details.action !== undefined) return where;
    // Raised by a library the property called (a memory operation): name the property and the state.
    return where.reworded(`property "${property}": ${where.message}`, { property, state: safeJson(codec, state) });
  }
  const message = thrownMessage(error);
  return new SpecError("property-threw", `property "${property}" threw: ${message}`, {
    property,
    state: safeJson(codec, state),
    cause: error,
  });
}

/**
 * A `spec-exited` error comes from the process guard, which cannot tell where it was called:
 * the action, property or init that asked to end the process is named (with its state). Other
 * SpecErrors already say where they arose and pass through.
 */
function placed(error: SpecError, where: string, details: () => { action?: string; property?: string; state?: Json }): SpecError {
  if (error.code !== "spec-exited" || !error.message.startsWith("the spec called ")) return error;
  return error.reworded(`${where} called ${error.message.slice("the spec called ".length)}`, details());
}

export function initThrew(error: unknown): SpecError {
  if (isSpecError(error)) return placed(error, "init", () => ({}));
  const message = thrownMessage(error);
  return new SpecError("init-threw", `init threw: ${message}`, { cause: error });
}

/**
 * A successor (or initial state) that the codec rejected, or that threw while the codec read it
 * (a getter in the returned object): named after the action and binding, or init.
 */
export function outsideSchema<S>(
  error: unknown,
  where: { action?: string; binding?: Binding; from?: Json },
): SpecError {
  if (isSpecError(error)) return error;
  if (!(error instanceof EncodeError)) {
    const origin = where.action ? `action "${where.action}"${where.binding ? ` with ${showValue(where.binding)}` : ""} returned a state` : "init returned a state";
    return new SpecError(where.action ? "action-threw" : "init-threw", `${origin} that throws when read (a getter?): ${thrownMessage(error)}`, {
      action: where.action,
      binding: where.binding,
      state: where.from,
      cause: error,
    });
  }
  const origin = where.action
    ? `action "${where.action}"${where.binding ? ` with ${showValue(where.binding)}` : ""} returned a state where`
    : "an initial state has";
  return new SpecError(
    "outside-schema",
    `${origin} ${error.path ? `s${error.path}` : "the state"} = ${showValue(error.value)}, outside the schema (expected ${error.expected}).`,
    {
      action: where.action,
      binding: where.binding,
      path: error.path,
      value: error.value,
      state: where.from,
      cause: error,
    },
  );
}

/** The state as JSON if it can be rendered, else its best-effort rendering. */
export function safeJson<S>(codec: Codec<S>, state: S): Json {
  try {
    return codec.toJson(state);
  } catch {
    return showValue(state);
  }
}

/** The violation of `inv` at the end of `trace`, with the invariant's explanation of it. */
export function invariantViolation<S>(inv: Invariant<S>, codec: Codec<S>, trace: Trace<S>): Violation<S> {
  const last = trace[trace.length - 1].state;
  let message: string | undefined;
  try {
    message = inv.explain?.(last);
  } catch (e) {
    throw propertyThrew(e, inv.name, codec, last);
  }
  return { kind: "invariant", property: inv.name, message, location: inv.location, trace };
}
