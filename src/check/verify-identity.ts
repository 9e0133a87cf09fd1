import type { Model, StepContext } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { fingerprint, fp } from "../state/fingerprint.ts";
import type { Judge } from "./judge.ts";
import { actionThrew, propertyThrew, safeJson } from "./spec-faults.ts";

/**
 * On a sampled state, checks that the model's identity (symmetry) is sound for this spec: the
 * state and another encoding with the same key (`identity.alias`, the state with its ids
 * renamed) must satisfy the same invariants, antecedents, constraint and terminal condition,
 * and each action must lead from both to the same successors up to the identity. Otherwise
 * the reduction could hide a violation or invent one, silently: that is a `not-symmetric` fault.
 */
export function verifyIdentity<S>(model: Model<S>, judge: Judge<S>, vector: Int32Array): void {
  const identity = model.identity;
  if (!identity?.alias) return;
  const { codec } = model;
  const image = Int32Array.from(identity.alias(vector, 0));
  const a = codec.decode(vector, 0);
  const b = codec.decode(image, 0);
  const unlike = (difference: string, detail: { property?: string; action?: string }): SpecError =>
    new SpecError(
      "not-symmetric",
      `${identity.description} is unsound for this spec: ${difference} the same state with its ids renamed. ` +
        "Properties, constraints and actions must treat interchangeable ids alike (no invariant or guard naming one " +
        "particular id); drop the symmetry or make them symmetric.",
      { ...detail, state: safeJson(codec, a), value: safeJson(codec, b) },
    );
  const same = (what: string, property: string, predicate: (s: S) => boolean): void => {
    const x = evaluate(property, a, predicate);
    const y = evaluate(property, b, predicate);
    if (x !== y) throw unlike(`${what} is ${x} in a state and ${y} in`, { property });
  };
  const evaluate = <T>(property: string, s: S, f: (s: S) => T): T => {
    try {
      return f(s);
    } catch (e) {
      throw propertyThrew(e, property, codec, s);
    }
  };
  for (const inv of judge.invariants) {
    same(`invariant ${inv.name}`, inv.name, (s) => inv.holds(s));
    const when = inv.antecedent;
    if (when) same(`the condition (when) of invariant ${inv.name}`, inv.name, when);
  }
  const { constraint } = model;
  if (constraint) same("the constraint", "constraint", (s) => constraint(s));
  const terminal = judge.deadlock?.terminal;
  if (terminal) same("deadlock's terminal condition", "deadlock", terminal);

  const scratch = new Int32Array(codec.width);
  for (const action of model.actions) {
    const successors = (from: S): string => {
      const step: StepContext<S> & { instance: number } = { from, action, instance: 0 };
      const out: string[] = [];
      try {
        action.next(from, (successor, instance) => {
          try {
            codec.encode(successor, scratch, 0);
          } catch {
            out.push("outside"); // reported with details by the real expansion
            return;
          }
          step.instance = instance;
          const inModel = constraint ? constraint(codec.decode(scratch, 0), step) : true;
          const key = identity.key(scratch, 0);
          fingerprint(key, 0, key.length);
          out.push(`${fp[0]}:${fp[1]}:${inModel}`);
        });
      } catch (e) {
        throw actionThrew(e, action, codec, from);
      }
      return out.sort().join(" ");
    };
    const x = successors(a);
    const y = successors(b);
    if (x !== y) throw unlike(`action ${action.name} leads to other states (even up to renaming) from a state than from`, { action: action.name });
  }
}
