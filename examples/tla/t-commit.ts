/**
 * TCommit: the specification of transaction commit — every resource manager prepares, then all
 * commit or all abort.
 *
 * Port of `specifications/transaction_commit/TCommit.tla` with `TCommit.cfg` from
 * github:tlaplus/Examples at commit 32a32c7: `RM = {r1, r2, r3}` (model values, here the names
 * `r1..rN` with N = `rmCount`), invariants TCTypeOK and TCConsistent, deadlock checking off.
 * TLC: 34 distinct states, 94 generated, depth 7.
 *
 * TLA+'s next-state relation is `\E rm \in RM : Prepare(rm) \/ Decide(rm)`; splitting it into
 * one action per disjunct, each quantified over `rm`, gives the same successors and the same
 * generated count (one per true disjunct and witness).
 */
import { defineSpec, exists, t } from "interleave-spec";

const STATES = ["working", "prepared", "committed", "aborted"] as const;

/** The model values `r1..rN` standing for the cfg's set RM. */
export const resourceManagers = (n: number): string[] => Array.from({ length: n }, (_, i) => `r${i + 1}`);

export default defineSpec({
  name: "TCommit",
  params: { rmCount: t.int(1, 8).default(3) },
  state: ({ rmCount }) => ({ rmState: t.map(t.enum(...resourceManagers(rmCount)), t.enum(...STATES)) }),
  init: ({ rmCount }) => ({ rmState: Object.fromEntries(resourceManagers(rmCount).map((rm) => [rm, "working" as const])) }),
  actions: {
    Prepare: (s, { rmCount }) =>
      exists(resourceManagers(rmCount), (rm) => s.rmState[rm] === "working" && { rmState: { ...s.rmState, [rm]: "prepared" as const } }),
    Decide: (s, { rmCount }) => {
      const states = Object.values(s.rmState);
      const canCommit = states.every((st) => st === "prepared" || st === "committed");
      const notCommitted = states.every((st) => st !== "committed");
      return exists(resourceManagers(rmCount), (rm) => [
        s.rmState[rm] === "prepared" && canCommit && { rmState: { ...s.rmState, [rm]: "committed" as const } },
        (s.rmState[rm] === "working" || s.rmState[rm] === "prepared") &&
          notCommitted && { rmState: { ...s.rmState, [rm]: "aborted" as const } },
      ]);
    },
  },
  invariants: {
    // The schema already enforces the type; kept so the checked invariants are the cfg's.
    TCTypeOK: (s) => Object.values(s.rmState).every((st) => STATES.includes(st)),
    TCConsistent: {
      holds: (s) => {
        const states = Object.values(s.rmState);
        return !(states.includes("aborted") && states.includes("committed"));
      },
      message: "one resource manager committed while another aborted",
    },
  },
  deadlock: false,
});
