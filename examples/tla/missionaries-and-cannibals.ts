/**
 * Missionaries and cannibals: everyone must cross the river in a two-seat boat without the
 * missionaries on either bank being outnumbered by cannibals.
 *
 * Port of `specifications/MissionariesAndCannibals/MissionariesAndCannibals.tla` with
 * `MissionariesAndCannibals.cfg` from github:tlaplus/Examples at commit 32a32c7. The cfg's
 * model values `Missionaries = {m1, m2, m3}`, `Cannibals = {c1, c2, c3}` become the names
 * `m1..mN` and `c1..cN`, with N set by the parameters (no symmetry, as in the cfg). The
 * invariant Solution ("someone is still on the east bank") is meant to fail: the shortest
 * counterexample is a solution of the puzzle (11 crossings).
 *
 * IsSafe is a disjunction used as a guard, twice in Move; TLC generates one successor per true
 * disjunct, so a move is generated (ways to be safe on this bank) × (on the other bank) times.
 * The port does the same, although the cfg records no counts for a failing model.
 */
import { defineSpec, exists, t } from "interleave-spec";

type Bank = "E" | "W";

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** Sets of people: the missionaries `m1..mM` and the cannibals `c1..cC`. */
const people = (missionaries: number, cannibals: number) => t.set(t.enum(...names("m", missionaries), ...names("c", cannibals)));

const otherBank = (b: Bank): Bank => (b === "E" ? "W" : "E");

export default defineSpec({
  name: "MissionariesAndCannibals",
  params: { missionaries: t.int(1, 6).default(3), cannibals: t.int(1, 6).default(3) },
  state: ({ missionaries, cannibals }) => ({
    bank_of_boat: t.enum("E", "W"),
    who_is_on_bank: t.map(t.enum("E", "W"), people(missionaries, cannibals)),
  }),
  init: ({ missionaries, cannibals }) => {
    const People = people(missionaries, cannibals);
    return { bank_of_boat: "E" as const, who_is_on_bank: { E: People.from([...names("m", missionaries), ...names("c", cannibals)]), W: People.empty } };
  },
  actions: {
    Move: (s, { missionaries, cannibals }) => {
      const People = people(missionaries, cannibals);
      const Cannibals = People.from(names("c", cannibals));
      const Missionaries = People.from(names("m", missionaries));
      // IsSafe(S) == S \subseteq Cannibals \/ Cardinality(S \cap Cannibals) =< Cardinality(S \cap Missionaries):
      // the number of its true disjuncts (0 = unsafe).
      const safeWays = (group: typeof Cannibals) =>
        Number(group.subsetOf(Cannibals)) + Number(group.intersect(Cannibals).size <= group.intersect(Missionaries).size);
      const b = s.bank_of_boat;
      return exists(s.who_is_on_bank[b].subsets(), (S) => {
        if (S.size !== 1 && S.size !== 2) return false;
        const newThisBank = s.who_is_on_bank[b].minus(S);
        const newOtherBank = s.who_is_on_bank[otherBank(b)].union(S);
        const ways = safeWays(newThisBank) * safeWays(newOtherBank);
        const who = b === "E" ? { E: newThisBank, W: newOtherBank } : { E: newOtherBank, W: newThisBank };
        return Array.from({ length: ways }, () => ({ bank_of_boat: otherBank(b), who_is_on_bank: who }));
      });
    },
  },
  invariants: {
    // The schema already enforces the types; kept so the checked invariants are the cfg's.
    TypeOK: (s) => s.bank_of_boat === "E" || s.bank_of_boat === "W",
    Solution: {
      holds: (s) => s.who_is_on_bank.E.size > 0,
      message: "nobody is left on the east bank: the trace is a solution of the puzzle",
    },
  },
});
