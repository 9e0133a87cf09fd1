import type { Action, Codec, Json } from "../model/model.ts";

/**
 * Which processes owe a promised step in a state: the `self` values (CPUs) with a store they
 * promised and have not made yet (a weak-memory state under a promising model). Empty in a state
 * that is not speculative.
 */
export type Owing<S> = (state: S) => readonly Json[];

/**
 * The actions keeping only the speculative states that lie on a complete execution: a successor in which some
 * process owes a promised store is kept only if a state in which no process owes one is
 * reachable from it. The others are dead ends of the promising machine — a promise that can
 * never be fulfilled (an out-of-thin-air value read from it, or a promise overtaken by the
 * CPU's own later ordering) — and are not states of any execution, so they are not steps of the
 * model. Every state the search keeps is then a prefix of a complete execution: invariants may be
 * judged in every state, and a speculative state always has a successor (never a false deadlock).
 *
 * This is stronger than Promising-ARMv8's thread-local certification (which checks only the
 * stepping CPU, running alone, and can leave states another CPU's step made unfulfillable) and
 * keeps exactly the states of the machine's complete executions. Results are kept per state, so
 * each state's future is searched once; the search is depth-first and stops at the first state
 * with no promise owed.
 */
export function withCompletablePromises<S>(actions: readonly Action<S>[], codec: Codec<S>, owing: Owing<S>): Action<S>[] {
  const scratch = new Int32Array(codec.width);
  const known = new Map<string, boolean>();
  const keyOf = (state: S): string => {
    codec.encode(state, scratch, 0);
    return scratch.join(",");
  };
  const settled = (state: S) => owing(state).length === 0;
  const selfOf = (action: Action<S>, instance: number): string => {
    const values = action.instanceValues ? action.instanceValues(instance) : Object.values(action.bindingOf(instance) ?? {});
    return JSON.stringify(values[0]);
  };
  /** The successors of `state`, the steps of the processes owing a promise last (the search takes them first). */
  const successors = (state: S): S[] => {
    const owed = new Set(owing(state).map((v) => JSON.stringify(v)));
    const others: S[] = [];
    const owers: S[] = [];
    for (const action of actions) {
      action.next(state, (next, instance) => void (action.process !== undefined && owed.has(selfOf(action, instance)) ? owers : others).push(next));
    }
    return others.concat(owers);
  };
  /** Whether a state owing no promise is reachable from `state` (which owes one). */
  const completable = (state: S): boolean => {
    const rootKey = keyOf(state);
    const memo = known.get(rootKey);
    if (memo !== undefined) return memo;
    const parent = new Map<string, string | null>([[rootKey, null]]);
    const stack: [S, string][] = [[state, rootKey]];
    const found = (key: string) => {
      for (let k: string | null = key; k !== null; k = parent.get(k)!) known.set(k, true);
      return true;
    };
    while (stack.length > 0) {
      const [s, key] = stack.pop()!;
      const next = successors(s);
      if (next.some(settled)) return found(key);
      for (const n of next) {
        const nKey = keyOf(n);
        if (parent.has(nKey)) continue;
        const seen = known.get(nKey);
        if (seen === false) continue;
        parent.set(nKey, key);
        if (seen === true) return found(nKey);
        stack.push([n, nKey]);
      }
    }
    // Every state met owes a promise and everything it reaches was met: none completes.
    for (const k of parent.keys()) known.set(k, false);
    return false;
  };

  // A spec fault met while searching (a value outside the schema, an action that throws) keeps the
  // state: the check itself then meets the fault with its trace if the state is on its way.
  const kept = (state: S): boolean => {
    if (settled(state)) return true;
    try {
      return completable(state);
    } catch {
      return true;
    }
  };

  return actions.map((action): Action<S> => ({
    ...action,
    next(state, emit) {
      // Collected first: an action's `next` is not re-entrant, and the search runs actions.
      const out: [S, number][] = [];
      action.next(state, (next, instance) => void out.push([next, instance]));
      for (const [next, instance] of out) if (kept(next)) emit(next, instance);
    },
  }));
}
