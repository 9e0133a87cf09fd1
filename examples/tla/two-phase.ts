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

/** The cfg's sets for `rmCount` resource managers: RM and Message (a union of record sets, with `rm` absent in broadcasts). */
function domains(rmCount: number) {
  const RM = t.enum(...resourceManagers(rmCount));
  return { RM, Message: t.record({ type: t.enum("Prepared", "Commit", "Abort"), rm: t.optional(RM) }) };
}

export default defineSpec({
  name: "TwoPhase",
  params: { rmCount: t.int(1, 8).default(3) },
  state: ({ rmCount }) => {
    const { RM, Message } = domains(rmCount);
    return {
      rmState: t.map(RM, t.enum(...RM_STATES)),
      tmState: t.enum("init", "committed", "aborted"),
      tmPrepared: t.set(RM),
      msgs: t.set(Message),
    };
  },
  init: ({ rmCount }) => {
    const { RM, Message } = domains(rmCount);
    return {
      rmState: Object.fromEntries(resourceManagers(rmCount).map((rm) => [rm, "working" as const])),
      tmState: "init" as const,
      tmPrepared: t.set(RM).empty,
      msgs: t.set(Message).empty,
    };
  },
  actions: {
    TMCommit: (s, { rmCount }) =>
      // tmPrepared = RM (tmPrepared is a subset of RM)
      s.tmState === "init" && s.tmPrepared.size === rmCount && { ...s, tmState: "committed", msgs: s.msgs.with(COMMIT) },
    TMAbort: (s) => s.tmState === "init" && { ...s, tmState: "aborted", msgs: s.msgs.with(ABORT) },
    TMRcvPrepared: (s, { rmCount }) =>
      exists(
        resourceManagers(rmCount),
        (rm) =>
          s.tmState === "init" &&
          s.msgs.has({ type: "Prepared", rm }) && { ...s, tmPrepared: s.tmPrepared.with(rm) },
      ),
    RMPrepare: (s, { rmCount }) =>
      exists(
        resourceManagers(rmCount),
        (rm) =>
          s.rmState[rm] === "working" && {
            ...s,
            rmState: { ...s.rmState, [rm]: "prepared" as const },
            msgs: s.msgs.with({ type: "Prepared", rm }),
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
        (rm) => s.msgs.has(COMMIT) && { ...s, rmState: { ...s.rmState, [rm]: "committed" as const } },
      ),
    RMRcvAbortMsg: (s, { rmCount }) =>
      exists(
        resourceManagers(rmCount),
        (rm) => s.msgs.has(ABORT) && { ...s, rmState: { ...s.rmState, [rm]: "aborted" as const } },
      ),
  },
  invariants: {
    // The schema already enforces the type (msgs \subseteq Message up to the record shapes);
    // kept so the checked invariants are the cfg's.
    TPTypeOK: (s) =>
      Object.values(s.rmState).every((st) => RM_STATES.includes(st)) &&
      s.msgs.every((m) => (m.type === "Prepared") === (m.rm !== undefined)),
  },
});
