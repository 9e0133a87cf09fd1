/**
 * Peterson's mutual exclusion algorithm for two processes.
 *
 * Port of `specifications/locks_auxiliary_vars/Peterson.tla` (its PlusCal algorithm) with
 * `Peterson.cfg` from github:tlaplus/Examples at commit 32a32c7: invariants TypeOK and Inv,
 * deadlock checking on. TLC: 42 distinct states, 77 generated, depth 11.
 *
 * Written as the PlusCal algorithm is: one process type `proc` over `1..2` whose body is
 * `while (TRUE)` (so `forever`: no `Done`, no `Terminating`), one step per label. The pc is the
 * state field `proc[self].pc`. The await at label a3 is the disjunction
 * `~c[Other(self)] \/ turn = self`; TLC generates one successor per true disjunct, so the step
 * returns one outcome per disjunct. (In the reachable states both never hold at once, so the
 * count would be 77 either way.)
 *
 * The cfg also checks `PROPERTY LSpec`: this algorithm refines the abstract lock of
 * `Lock.tla` under the mapping {@link lockView}. That is a temporal (step) property; the
 * parity test checks it on the explored state graph.
 */
import { defineSpec, t } from "interleave-spec";

const LABELS = ["a0", "a1", "a2", "a3", "cs", "a4"] as const;
type Label = (typeof LABELS)[number];

const ProcSet = t.int(1, 2);
const other = (p: number): number => (p === 1 ? 2 : 1);

const spec = defineSpec({
  name: "Peterson",
  state: { c: t.map(ProcSet, t.bool()), turn: ProcSet },
  init: { c: { 1: false, 2: false }, turn: 1 },
  processes: ({ process }) => ({
    proc: process({
      ids: ProcSet,
      forever: true,
      steps: {
        a0: () => true, // while (TRUE) { skip;
        a1: (s, self) => ({ ...s, c: { ...s.c, [self]: true } }), // c[self] := TRUE;
        a2: (s, self) => ({ ...s, turn: other(self) }), // turn := Other(self);
        a3: (s, self) => [!s.c[other(self)], s.turn === self], // await ~c[Other(self)] \/ turn = self;
        cs: () => true, // skip;  (the critical section)
        a4: (s, self) => ({ ...s, c: { ...s.c, [self]: false } }), // c[self] := FALSE; }
      },
    }),
  }),
  invariants: {
    // The schema already enforces the type; kept so the checked invariants are the cfg's.
    TypeOK: (s) => [1, 2].every((p) => LABELS.includes(s.proc[p].pc as Label) && typeof s.c[p] === "boolean"),
    Inv: {
      holds: (s) =>
        [1, 2].every((p) => s.c[p] === ["a2", "a3", "cs", "a4"].includes(s.proc[p].pc)) &&
        [1, 2].every((p) => !lockcs(s.proc[p].pc) || s.turn === p || ["a0", "a1", "a2"].includes(s.proc[other(p)].pc)) &&
        !(lockcs(s.proc[1].pc) && lockcs(s.proc[2].pc)),
      message: "the flags, the turn and the program counters disagree, or both processes hold the lock",
    },
  },
});
export default spec;

/** Process p holds the lock: it is in its critical section or about to release. */
function lockcs(label: Label | "Done"): boolean {
  return label === "cs" || label === "a4";
}

/** The abstract lock of `Lock.tla`: its labels l0, l1, cs, l2 and the lock bit (1 = free). */
export interface LockState {
  readonly pc: { readonly 1: LockLabel; readonly 2: LockLabel };
  readonly lock: 0 | 1;
}
export type LockLabel = "l0" | "l1" | "cs" | "l2";

/** The refinement mapping of `Peterson.tla` (pc_translation, lock_translation). */
export function lockView(s: { readonly proc: { readonly [p: number]: { readonly pc: Label | "Done" } } }): LockState {
  const translate = (label: Label | "Done"): LockLabel =>
    label === "a0" ? "l0" : label === "cs" ? "cs" : label === "a4" ? "l2" : "l1";
  return {
    pc: { 1: translate(s.proc[1].pc), 2: translate(s.proc[2].pc) },
    lock: lockcs(s.proc[1].pc) || lockcs(s.proc[2].pc) ? 0 : 1,
  };
}

/** `Lock.tla`'s Init. */
export const lockInit = (l: LockState): boolean => l.lock === 1 && l.pc[1] === "l0" && l.pc[2] === "l0";

/** `Lock.tla`'s Next, or a stuttering step (`[Next]_vars`). */
export function lockStep(from: LockState, to: LockState): boolean {
  if (from.lock === to.lock && from.pc[1] === to.pc[1] && from.pc[2] === to.pc[2]) return true;
  return ([1, 2] as const).some((self) => {
    const q = self === 1 ? 2 : 1;
    if (to.pc[q] !== from.pc[q]) return false;
    const [a, b] = [from.pc[self], to.pc[self]];
    if (a === "l0") return b === "l1" && to.lock === from.lock;
    if (a === "l1") return from.lock === 1 && to.lock === 0 && b === "cs";
    if (a === "cs") return b === "l2" && to.lock === from.lock;
    return b === "l0" && to.lock === 1;
  });
}
