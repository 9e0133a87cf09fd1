/**
 * DieHard: measure exactly 4 gallons with a 5-gallon jug, a 3-gallon jug and a faucet.
 *
 * Port of `specifications/DieHard/DieHard.tla` with `DieHard.cfg` from github:tlaplus/Examples
 * at commit 32a32c7. The cfg checks the invariants TypeOK and NotSolved; NotSolved is meant to
 * fail, and the shortest counterexample is the puzzle's solution (6 steps).
 */
import { defineSpec, t } from "interleave-spec";

const BIG = 5;
const SMALL = 3;

export default defineSpec({
  name: "DieHard",
  state: { big: t.int(0, BIG), small: t.int(0, SMALL) },
  init: { big: 0, small: 0 },
  actions: {
    FillSmallJug: (s) => ({ ...s, small: SMALL }),
    FillBigJug: (s) => ({ ...s, big: BIG }),
    EmptySmallJug: (s) => ({ ...s, small: 0 }),
    EmptyBigJug: (s) => ({ ...s, big: 0 }),
    // Pouring fills the target or empties the source, whichever comes first.
    SmallToBig: (s) => {
      const big = Math.min(s.big + s.small, BIG);
      return { big, small: s.small - (big - s.big) };
    },
    BigToSmall: (s) => {
      const small = Math.min(s.big + s.small, SMALL);
      return { small, big: s.big - (small - s.small) };
    },
  },
  invariants: {
    // The schema already confines both jugs; kept so the checked invariants are the cfg's.
    TypeOK: (s) => s.small >= 0 && s.small <= SMALL && s.big >= 0 && s.big <= BIG,
    NotSolved: {
      holds: (s) => s.big !== 4,
      message: "the big jug holds exactly 4 gallons: the trace is a solution of the puzzle",
    },
  },
});
