/**
 * TwoPhase: the two-phase commit protocol — a transaction manager collects "Prepared" messages
 * from the resource managers and broadcasts "Commit" or "Abort".
 *
 * Port of `specifications/transaction_commit/TwoPhase.tla` with `TwoPhase.cfg` from
 * github:tlaplus/Examples at commit 32a32c7: `RM = {r1, r2, r3}` (model values, here the names
 * `r1..rN` with N = `rmCount`), invariant TPTypeOK, deadlock checking on (the cfg leaves it on).
 * TLC: 288 distinct states, 1,146 generated, depth 11.
 *
 * Messages are never removed: `msgs` is the set of every message sent, and receiving is
 * testing membership. A message is `[type |-> "Prepared", rm |-> r]` or `[type |-> "Commit"]` /
 * `[type |-> "Abort"]`; here one record domain with an optional `rm` holds both shapes.
 * Receiving "Commit" or "Abort" again is a self-loop step, which is why no state deadlocks.
 * The cfg checks only TPTypeOK; the refinement theorem `TPSpec => TC!TCSpec` is not in it.
 */
import { defineSpec, exists, t } from "interleave-spec";

const RM_STATES = ["working", "prepared", "committed", "aborted"] as const;

/** The model values `r1..rN` standing for the cfg's set RM. */
export const resourceManagers = (n: number): string[] => Array.from({ length: n }, (_, i) => `r${i + 1}`);

interface Message {
  readonly type: "Prepared" | "Commit" | "Abort";
  readonly rm: string | undefined;
}

const COMMIT: Message = { type: "Commit", rm: undefined };
const ABORT: Message = { type: "Abort", rm: undefined };

/** `m \in msgs` for a message record (JavaScript Sets compare objects by identity). */
const sent = (msgs: ReadonlySet<Message>, m: Message): boolean => {
  for (const x of msgs) if (x.type === m.type && x.rm === m.rm) return true;
  return false;
};

/** `msgs \cup {m}`. */
const send = (msgs: ReadonlySet<Message>, m: Message): ReadonlySet<Message> => (sent(msgs, m) ? msgs : new Set([...msgs, m]));

export default defineSpec({
  name: "TwoPhase",
  params: { rmCount: t.int(1, 8).default(3) },
  state: ({ rmCount }) => {
    const RM = t.enum(...resourceManagers(rmCount));
    return {
      rmState: t.map(RM, t.enum(...RM_STATES)),
      tmState: t.enum("init", "committed", "aborted"),
      tmPrepared: t.set(RM),
      msgs: t.set(t.record({ type: t.enum("Prepared", "Commit", "Abort"), rm: t.optional(RM) })),
    };
  },
  init: ({ rmCount }) => ({
    rmState: Object.fromEntries(resourceManagers(rmCount).map((rm) => [rm, "working" as const])),
    tmState: "init" as const,
    tmPrepared: new Set<string>(),
    msgs: new Set<Message>(),
  }),
  actions: {
    TMCommit: (s, { rmCount }) =>
      // tmPrepared = RM (tmPrepared is a subset of RM)
      s.tmState === "init" && s.tmPrepared.size === rmCount && { ...s, tmState: "committed", msgs: send(s.msgs, COMMIT) },
    TMAbort: (s) => s.tmState === "init" && { ...s, tmState: "aborted", msgs: send(s.msgs, ABORT) },
    TMRcvPrepared: (s, { rmCount }) =>
      exists(
        resourceManagers(rmCount),
        (rm) =>
          s.tmState === "init" &&
          sent(s.msgs, { type: "Prepared", rm }) && { ...s, tmPrepared: new Set([...s.tmPrepared, rm]) },
      ),
    RMPrepare: (s, { rmCount }) =>
      exists(
        resourceManagers(rmCount),
        (rm) =>
          s.rmState[rm] === "working" && {
            ...s,
            rmState: { ...s.rmState, [rm]: "prepared" as const },
            msgs: send(s.msgs, { type: "Prepared", rm }),
          },
      ),
    RMChooseToAbort: (s, { rmCount }) =>
      exists(
        resourceManagers(rmCount),
        (rm) => s.rmState[rm] === "working" && { ...s, rmState: { ...s.rmState, [rm]: "aborted" as const } },
      ),
    // No guard on rmState: receiving the broadcast again is a self-loop.
    RMRcvCommitMsg: (s, { rmCount }) =>
      exists(
        resourceManagers(rmCount),
        (rm) => sent(s.msgs, COMMIT) && { ...s, rmState: { ...s.rmState, [rm]: "committed" as const } },
      ),
    RMRcvAbortMsg: (s, { rmCount }) =>
      exists(
        resourceManagers(rmCount),
        (rm) => sent(s.msgs, ABORT) && { ...s, rmState: { ...s.rmState, [rm]: "aborted" as const } },
      ),
  },
  invariants: {
    // The schema already enforces the type (msgs \subseteq Message up to the record shapes);
    // kept so the checked invariants are the cfg's.
    TPTypeOK: (s) =>
      Object.values(s.rmState).every((st) => RM_STATES.includes(st)) &&
      [...s.msgs].every((m) => (m.type === "Prepared") === (m.rm !== undefined)),
  },
});
