/**
 * Termination detection in a ring with synchronous communication: the abstract specification
 * that EWD840 refines (Stephan Merz).
 *
 * Hand port of `specifications/ewd840/SyncTerminationDetection.tla` with the model
 * `SyncTerminationDetection.cfg` from github:tlaplus/Examples at commit 32a32c7 (N = 7). TLC
 * records 129 distinct states, 3,722 generated, depth 1: every state is initial (128 activity
 * vectors, and termination may already be detected in the one where every node is inactive).
 * The TLA+ Examples are MIT-licensed ("Copyright (c) 2016: The TLA+ project and other contributors").
 *
 * Its properties are the nested formulas this port exists for:
 * - `Quiescence == [](terminated => []terminated)`: once every node is inactive, none wakes up;
 * - `Liveness == terminated ~> terminationDetected`, which needs `WF_vars(DetectTermination)`.
 *
 * TLC branching: `terminationDetected' \in {terminationDetected, terminated'}` generates one
 * successor per element of the set (two only when the last active node stops); `Wakeup(i, j)`
 * of an already active `j` (or `i = j`) generates its successor although it equals the state.
 */
import { defineSpec, exists, t, weak } from "interleave-spec";

type SyncState = { readonly active: readonly boolean[]; readonly terminationDetected: boolean };

/** `terminated == \A n \in Node : ~ active[n]` */
export function terminated(s: { readonly active: readonly boolean[] }): boolean {
  return s.active.every((a) => !a);
}

/** `[active EXCEPT ![i] = v]` */
function setActive(active: readonly boolean[], i: number, v: boolean): boolean[] {
  const next = [...active];
  next[i] = v;
  return next;
}

export default defineSpec({
  name: "SyncTerminationDetection",
  params: { N: t.int(1, 8).default(7) },
  // TypeOK is the schema: active \in [Node -> BOOLEAN], terminationDetected \in BOOLEAN.
  state: ({ N }) => ({ active: t.array(N, t.bool()), terminationDetected: t.bool() }),
  // Init: any activity; terminationDetected \in {FALSE, terminated}.
  init: { where: (s) => !s.terminationDetected || terminated(s) },
  actions: {
    // Terminate(i): node i stops; termination may (not must) be detected if it was the last one.
    Terminate: (s, { N }) =>
      exists(t.int(0, N - 1), (i) => {
        if (!s.active[i]) return false;
        const active = setActive(s.active, i, false);
        const choices = [...new Set([s.terminationDetected, terminated({ active })])];
        return choices.map((terminationDetected): SyncState => ({ active, terminationDetected }));
      }),
    // Wakeup(i, j): an active node activates node j.
    Wakeup: (s, { N }) =>
      exists(t.int(0, N - 1), (i) => s.active[i] && exists(t.int(0, N - 1), (j) => ({ ...s, active: setActive(s.active, j, true) }))),
    DetectTermination: (s) => terminated(s) && { ...s, terminationDetected: true },
  },
  invariants: {
    TypeOK: (s, { N }) => s.active.length === N,
    TDCorrect: { holds: (s) => !s.terminationDetected || terminated(s), message: "termination detected while a node is active" },
  },
  properties: ({ always, implies, leadsTo }) => ({
    Quiescence: always(implies(terminated, always(terminated))),
    Liveness: leadsTo(terminated, (s) => s.terminationDetected),
  }),
  // Spec == Init /\ [][Next]_vars /\ WF_vars(DetectTermination)
  fairness: [weak("DetectTermination")],
});
