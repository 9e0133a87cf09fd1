import type { Action, Codec, Json } from "../model/model.ts";
import { EncodeError } from "../model/encode-error.ts";
import { isSpecError, SpecError } from "../model/spec-error.ts";

/**
 * Which processes owe a promised step in a state: the `self` values (CPUs) with a store they
 * promised and have not made yet (a weak-memory state under a promising model). Empty in a state
 * that is not speculative; null when the state owes promises past a bound of the model (a message
 * history that forgot messages), where whether they can be fulfilled cannot be told.
 */
export type Owing<S> = (state: S) => readonly Json[] | null;

/** A spec's actions with only completable speculative states (see {@link withCompletablePromises}). */
export interface Completion<S> {
  readonly actions: Action<S>[];
  /** Whether `state` is kept: it owes no promise, or a state owing none is reachable from it. */
  kept(state: S): boolean;
}

/**
 * Keeps only the speculative states that lie on a complete execution: a state in which some
 * process owes a promised store is kept only if a state in which no process owes one is
 * reachable from it (within the state constraint `inModel`: states outside it are not searched
 * from, as the check does not expand them). The others are dead ends of the promising machine — a
 * promise that can never be fulfilled (an out-of-thin-air value read from it, or a promise
 * overtaken by the CPU's own later ordering) — and are not states of any execution, so they are
 * not steps of the model. Every state the check keeps is then a prefix of a complete execution:
 * invariants may be judged in every state, and a speculative state always has a successor
 * (never a false deadlock).
 *
 * The search is depth-first, takes the owing processes' steps first and stops at the first state
 * owing nothing. What it learns is kept per state: every state of a search that failed (none of
 * them completes), and the path of one that succeeded. A spec fault met on the way (an action
 * that throws, a value outside the schema) is reported as a fault of the step being judged,
 * naming the steps that led from it to the fault.
 */
export function withCompletablePromises<S>(actions: readonly Action<S>[], codec: Codec<S>, owing: Owing<S>, inModel?: (state: S) => boolean): Completion<S> {
  const scratch = new Int32Array(codec.width);
  const known = new Map<string, boolean>();
  const keyOf = (state: S): string => {
    codec.encode(state, scratch, 0);
    return scratch.join(",");
  };
  const settled = (state: S) => owing(state)?.length === 0;
  const selfOf = (action: Action<S>, instance: number): string => {
    const values = action.instanceValues ? action.instanceValues(instance) : Object.values(action.bindingOf(instance) ?? {});
    return JSON.stringify(values[0]);
  };
  type Next = { readonly state: S; readonly action: string };
  /** The successors of `state`, the steps of the processes owing a promise last (the search takes them first). */
  const successors = (state: S): Next[] => {
    const owed = new Set((owing(state) ?? []).map((v) => JSON.stringify(v)));
    const others: Next[] = [];
    const owers: Next[] = [];
    for (const action of actions) {
      action.next(state, (next, instance) =>
        void (action.process !== undefined && owed.has(selfOf(action, instance)) ? owers : others).push({ state: next, action: action.name }),
      );
    }
    return others.concat(owers);
  };

  /** Whether a state owing no promise is reachable from `state` (which owes one). */
  const completable = (state: S, rootKey: string): boolean => {
    const memo = known.get(rootKey);
    if (memo !== undefined) return memo;
    const parent = new Map<string, { readonly key: string; readonly action: string } | null>([[rootKey, null]]);
    const stack: [S, string][] = [[state, rootKey]];
    const found = (key: string) => {
      for (let k: string | undefined = key; k !== undefined; k = parent.get(k)?.key) known.set(k, true);
      return true;
    };
    let at = rootKey;
    let bounded = false;
    try {
      while (stack.length > 0) {
        const [s, key] = stack.pop()!;
        at = key;
        if (inModel && key !== rootKey && !inModel(s)) continue;
        if (key !== rootKey && owing(s) === null) {
          bounded = true;
          continue;
        }
        const next = successors(s);
        if (next.some((n) => settled(n.state))) return found(key);
        for (const n of next) {
          const nKey = keyOf(n.state);
          if (parent.has(nKey)) continue;
          const seen = known.get(nKey);
          if (seen === false) continue;
          parent.set(nKey, { key, action: n.action });
          if (seen === true) return found(nKey);
          stack.push([n.state, nKey]);
        }
      }
    } catch (e) {
      const steps: string[] = [];
      for (let p = parent.get(at); p; p = parent.get(p.key)) steps.unshift(p.action);
      throw searchFault(e, steps);
    }
    if (bounded) {
      throw new SpecError(
        "bound-reached",
        "whether the promises owed after this step can be fulfilled depends on states past the memory's bound (it forgot messages on the way): raise the bound (`bound`) and check again",
      );
    }
    // Every state met owes a promise and everything it reaches was met: none completes.
    for (const k of parent.keys()) known.set(k, false);
    return false;
  };

  const kept = (state: S): boolean => {
    // Owing nothing, or past the bound: kept (past the bound its saturated flag shows).
    const owed = owing(state);
    if (owed === null || owed.length === 0) return true;
    let key: string;
    try {
      key = keyOf(state);
    } catch (e) {
      // Outside the schema: kept, so that the check reports it as the step's fault with its trace.
      if (e instanceof EncodeError) return true;
      throw e;
    }
    return completable(state, key);
  };

  return {
    kept,
    actions: actions.map((action): Action<S> => ({
      ...action,
      next(state, emit) {
        // Collected first: an action's `next` is not re-entrant, and the search runs actions.
        const out: [S, number][] = [];
        action.next(state, (next, instance) => void out.push([next, instance]));
        for (const [next, instance] of out) {
          let keep: boolean;
          try {
            keep = kept(next);
          } catch (e) {
            throw isSpecError(e) ? judging(e, action, instance) : e;
          }
          if (keep) emit(next, instance);
        }
      },
    })),
  };
}

/** `e`, raised while judging the step of `action` (instance `instance`), naming that step. */
function judging<S>(e: SpecError, action: Action<S>, instance: number): SpecError {
  const binding = action.bindingOf(instance);
  return e.reworded(`judging the step of action "${action.name}"${binding ? ` with ${JSON.stringify(binding)}` : ""}: ${e.message}`, { action: action.name, binding });
}

/** A fault met while searching whether a state's promises can be fulfilled, `steps` after it. */
function searchFault(e: unknown, steps: readonly string[]): unknown {
  if (!isSpecError(e) && !(e instanceof EncodeError)) return e;
  const where =
    steps.length === 0
      ? "in the state this step leads to"
      : `${steps.length} step${steps.length === 1 ? "" : "s"} after this one (${steps.join(", ")})`;
  const prefix = `while searching whether the promises owed after this step can be fulfilled, ${where}: `;
  if (e instanceof EncodeError) return new SpecError("outside-schema", prefix + e.message, { path: e.path, value: e.value, cause: e });
  return e.reworded(prefix + e.message, { cause: e });
}
