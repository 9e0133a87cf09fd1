/**
 * Paxos without explicit leaders or learners, from the SimplifiedFastPaxos directory.
 *
 * Hand port of `specifications/SimplifiedFastPaxos/Paxos.tla` with the model `Paxos.cfg` from
 * github:tlaplus/Examples at commit 32a32c7: Replicas = {r1, r2, r3, r4}, Values = {v1, v2, v3},
 * Ballots = {0, 1, 2}, Quorums = the four 3-subsets of the replicas, INVARIANTS PaxosTypeOK
 * PaxosNontriviality, PROPERTY PaxosConsistency, SYMMETRY PaxosSymmetry (Permutations(Values) ∪
 * Permutations(Replicas)), deadlock checking on. TLC records 1,207 distinct states, 13,290
 * generated, depth 22.
 *
 * Translation choices:
 * - `messages`, a set of records of four shapes, is kept as four sets, one per message type
 *   (`p1a` holds the ballots of the P1a messages); their union is the TLA+ set, one for one.
 * - Replicas and values are enum domains, like TLC's model values, and `symmetry` lists them:
 *   their values are renamed wherever they occur (in `decision`, the maps' keys and values, the
 *   messages' fields). `any` and `none` are not renamed, as in the cfg.
 * - Generated count: TLC generates one successor per `\E` witness and per true disjunct;
 *   `accept`'s disjunction `(all M none) \/ v = ForcedValue(M)` returns one branch per disjunct
 *   (they never hold together), `decide` one successor per message `m` of `\E m \in M`.
 *   `prepare` re-sends a P1a already sent (a stuttering step), as TLA+'s set union does.
 * - PaxosConsistency, `[][decision = none]_decision`, is a step property: the parity test checks
 *   it on every explored transition.
 */
import { defineSpec, exists, t } from "interleave-spec";

export const REPLICAS = ["r1", "r2", "r3", "r4"] as const;
export const VALUES = ["v1", "v2", "v3"] as const;
const Replica = t.enum(...REPLICAS);
const Value = t.enum(...VALUES);
const ValueOrNone = t.enum(...VALUES, "none");
const Ballot = t.int(0, 2);
/** The cfg's Quorums: every 3-subset of the replicas. */
const QUORUMS: readonly (readonly string[])[] = [
  ["r1", "r2", "r3"],
  ["r1", "r2", "r4"],
  ["r1", "r3", "r4"],
  ["r2", "r3", "r4"],
];

const P1b = t.record({ ballot: Ballot, acceptor: Replica, maxVBallot: Ballot, maxValue: ValueOrNone });
const P2a = t.record({ ballot: Ballot, value: t.enum(...VALUES, "any") });
const P2b = t.record({ ballot: Ballot, acceptor: Replica, value: Value });
type V = (typeof VALUES)[number];
const P1as = t.set(t.int(1, 2));
const P1bs = t.set(P1b);
const P2as = t.set(P2a);
const P2bs = t.set(P2b);

const perReplica = <T>(value: T) => ({ r1: value, r2: value, r3: value, r4: value });

const spec = defineSpec({
  name: "Paxos",
  state: {
    p1a: P1as,
    p1b: P1bs,
    p2a: P2as,
    p2b: P2bs,
    decision: ValueOrNone,
    maxBallot: t.map(Replica, Ballot),
    maxVBallot: t.map(Replica, Ballot),
    maxValue: t.map(Replica, ValueOrNone),
  },
  init: {
    p1a: P1as.empty,
    p1b: P1bs.empty,
    p2a: P2as.empty,
    p2b: P2bs.empty,
    decision: "none",
    maxBallot: perReplica(0),
    maxVBallot: perReplica(0),
    maxValue: perReplica<V | "none">("none"),
  },
  actions: {
    // \E b \in Ballots \ {0} : SendMessage([type |-> "P1a", ballot |-> b])
    prepare: (s) => exists(t.int(1, 2), (b) => ({ ...s, p1a: s.p1a.with(b) })),
    // \E a \in Replicas, m \in p1aMessages : maxBallot[a] < m.ballot /\ …
    promise: (s) =>
      exists(Replica, (a) =>
        exists(s.p1a, (b) => s.maxBallot[a] < b && {
          ...s,
          maxBallot: { ...s.maxBallot, [a]: b },
          p1b: s.p1b.with({ ballot: b, acceptor: a, maxVBallot: s.maxVBallot[a], maxValue: s.maxValue[a] }),
        }),
      ),
    // \E b \in Ballots, q \in Quorums, v \in Values : …
    accept: (s) =>
      exists(Ballot, (b) =>
        exists(QUORUMS, (q) =>
          exists(Value, (v) => {
            if (s.p2a.some((m) => m.ballot === b)) return false;
            const M = [...s.p1b].filter((m) => m.ballot === b && q.includes(m.acceptor));
            if (!q.every((a) => M.some((m) => m.acceptor === a))) return false;
            const allNone = M.every((m) => m.maxValue === "none");
            const next = { ...s, p2a: s.p2a.with({ ballot: b, value: v }) };
            return [allNone && next, v === forcedValue(M) && next];
          }),
        ),
      ),
    // \E a \in Replicas, m \in p2aMessages : m.value \in Values /\ maxBallot[a] <= m.ballot /\ …
    accepted: (s) =>
      exists(Replica, (a) =>
        exists(s.p2a, (m) => m.value !== "any" && s.maxBallot[a] <= m.ballot && {
          ...s,
          maxBallot: { ...s.maxBallot, [a]: m.ballot },
          maxVBallot: { ...s.maxVBallot, [a]: m.ballot },
          maxValue: { ...s.maxValue, [a]: m.value },
          p2b: s.p2b.with({ ballot: m.ballot, acceptor: a, value: m.value as V }),
        }),
      ),
    // \E b \in Ballots, q \in Quorums : LET M == … IN (\A a \in q : \E m \in M : m.acceptor = a) /\ \E m \in M : decision' = m.value
    decide: (s) =>
      exists(Ballot, (b) =>
        exists(QUORUMS, (q) => {
          const M = [...s.p2b].filter((m) => m.ballot === b && q.includes(m.acceptor));
          return q.every((a) => M.some((m) => m.acceptor === a)) && exists(M, (m) => ({ ...s, decision: m.value }));
        }),
      ),
  },
  invariants: {
    // The schema already holds every state to PaxosTypeOK; kept so that the checked invariants are the cfg's.
    PaxosTypeOK: (s) =>
      ([...VALUES, "none"] as string[]).includes(s.decision) &&
      REPLICAS.every((r) => [0, 1, 2].includes(s.maxBallot[r]) && [0, 1, 2].includes(s.maxVBallot[r])),
    PaxosNontriviality: (s) =>
      (s.decision === "none" || s.p2a.some((m) => m.value === s.decision)) &&
      s.p1b.every((m) => ((VALUES as readonly string[]).includes(m.maxValue) || m.maxVBallot === 0) && (m.maxValue === "none" || m.maxVBallot > 0)),
  },
  symmetry: [Replica, Value],
});
export default spec;

/** ForcedValue(M): the value of a message of M with the highest maxVBallot (unique among promises that carry a value). */
function forcedValue(M: readonly { readonly maxVBallot: number; readonly maxValue: string }[]): string | undefined {
  let best = M[0];
  for (const m of M) if (m.maxVBallot > best.maxVBallot) best = m;
  return best?.maxValue;
}

/** PaxosConsistency, `[][decision = none]_decision`: a step may change the decision only from none. */
export function consistentStep(from: { readonly decision: string }, to: { readonly decision: string }): boolean {
  return from.decision === to.decision || from.decision === "none";
}
