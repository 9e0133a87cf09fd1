import type { Model } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { fingerprint, fp } from "../state/fingerprint.ts";
import { actionThrew, safeJson } from "./spec-faults.ts";

/**
 * Checks the spec faults the type system cannot see, on one explored state: each action is run
 * on a deep-frozen copy (an assignment to the current state throws in strict-mode code and is
 * reported as `state-mutated` with the spec's own line) and on a plain copy (re-encoded after
 * the run to catch in-place changes the freeze cannot stop, such as `Set.add`), and the two
 * runs must produce the same successors (`nondeterministic-action`, e.g. `Math.random()`).
 * `onAction` is told which action is about to run (for a live status).
 */
export function verifyExpansion<S>(model: Model<S>, vector: Int32Array, onAction?: (index: number) => void): void {
  const { codec } = model;
  const frozen = deepFreeze(codec.decode(vector, 0));
  const plain = codec.decode(vector, 0);
  const scratch = new Int32Array(codec.width);
  for (const [index, action] of model.actions.entries()) {
    onAction?.(index);
    const first = successorsOf(frozen);
    const second = successorsOf(plain);
    let unchanged = true;
    try {
      codec.encode(plain, scratch, 0);
      for (let i = 0; i < codec.width && unchanged; i++) unchanged = scratch[i] === vector[i];
    } catch {
      unchanged = false; // changed into something outside the schema
    }
    if (!unchanged) {
      throw new SpecError(
        "state-mutated",
        `action "${action.name}" modified the current state in place. States are immutable: build new ` +
          `objects and arrays (e.g. { ...s, field: value }, s.set.with(x)) instead of changing s.`,
        { action: action.name, state: safeJson(codec, codec.decode(vector, 0)) },
      );
    }
    if (first.join() !== second.join()) {
      throw new SpecError(
        "nondeterministic-action",
        `action "${action.name}" returned different successors when run twice on the same state. Actions must ` +
          `be functions of the state and their bindings: no Math.random(), Date, I/O or module-level mutable variables.`,
        { action: action.name, state: safeJson(codec, plain) },
      );
    }

    function successorsOf(state: S): string[] {
      const out: string[] = [];
      try {
        action.next(state, (successor, instance) => {
          try {
            codec.encode(successor, scratch, 0);
          } catch {
            out.push(`${instance}:outside`); // reported with details by the real expansion
            return;
          }
          fingerprint(scratch, 0, codec.width);
          out.push(`${instance}:${fp[0]}:${fp[1]}`);
        });
      } catch (e) {
        throw actionThrew(e, action, codec, state);
      }
      return out;
    }
  }
}

/** Freezes a decoded state and everything inside it (records, arrays; Sets are frozen objects but stay mutable). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (value instanceof Set) for (const v of value) deepFreeze(v);
    else for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
