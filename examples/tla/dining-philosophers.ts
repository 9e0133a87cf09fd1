/**
 * Dining philosophers, Chandy–Misra style: forks are clean or dirty, a philosopher hands a
 * dirty fork to the neighbour after cleaning it, and eats holding two clean forks.
 *
 * Port of `specifications/DiningPhilosophers/DiningPhilosophers.tla` (the TLA+ translation of
 * its PlusCal algorithm) with `DiningPhilosophers.cfg` from github:tlaplus/Examples at commit
 * 32a32c7: `NP = 5`, invariants TypeOK and ExclusiveAccess, deadlock checking on, and the
 * liveness property NobodyStarves under weak fairness of each philosopher. TLC: 67 distinct
 * states, 336 generated, depth 29.
 *
 * Each PlusCal label (Loop, Think, Eat) is an action quantified over the philosopher `self`,
 * guarded by `pc[self]`; the process `Philosopher(self)` is the union of the three.
 */
import { defineSpec, exists, t, weak } from "interleave-spec";

const LABELS = ["Loop", "Eat", "Think"] as const;

export default defineSpec({
  name: "DiningPhilosophers",
  params: { NP: t.int(1, 8).default(5) },
  state: ({ NP }) => {
    const P = t.int(1, NP);
    return {
      forks: t.map(P, t.record({ holder: P, clean: t.bool() })),
      pc: t.map(P, t.enum(...LABELS)),
      hungry: t.map(P, t.bool()),
    };
  },
  init: ({ NP }) => {
    const each = <V>(f: (p: number) => V) => Object.fromEntries(philosophers(NP).map((p) => [p, f(p)]));
    // Every fork starts dirty; fork 2 starts with philosopher 1, every other fork f with philosopher f.
    return {
      forks: each((fork) => ({ holder: fork === 2 ? 1 : fork, clean: false })),
      pc: each(() => "Loop" as const),
      hungry: each(() => true),
    };
  },
  actions: {
    Loop: (s, { NP }) =>
      exists(philosophers(NP), (self) => {
        if (s.pc[self] !== "Loop") return false;
        const left = leftFork(self);
        const right = rightFork(self, NP);
        // Give away a dirty fork (cleaned) that a neighbour may want: the left one first.
        let forks = s.forks;
        if (s.forks[left].holder === self && !s.forks[left].clean) {
          forks = { ...forks, [left]: { holder: leftPhilosopher(self, NP), clean: true } };
        } else if (s.forks[right].holder === self && !s.forks[right].clean) {
          forks = { ...forks, [right]: { holder: rightPhilosopher(self, NP), clean: true } };
        }
        // The next label is decided on the forks before the hand-over (unprimed in TLA+).
        const next: (typeof LABELS)[number] = s.hungry[self] ? (canEat(s.forks, self, NP) ? "Eat" : "Loop") : "Think";
        return { ...s, forks, pc: { ...s.pc, [self]: next } };
      }),
    Think: (s, { NP }) =>
      exists(
        philosophers(NP),
        (self) => s.pc[self] === "Think" && { ...s, hungry: { ...s.hungry, [self]: true }, pc: { ...s.pc, [self]: "Loop" as const } },
      ),
    Eat: (s, { NP }) =>
      exists(philosophers(NP), (self) => {
        if (s.pc[self] !== "Eat") return false;
        const left = leftFork(self);
        const right = rightFork(self, NP);
        const forks = { ...s.forks, [left]: { ...s.forks[left], clean: false } };
        forks[right] = { ...forks[right], clean: false };
        return { forks, hungry: { ...s.hungry, [self]: false }, pc: { ...s.pc, [self]: "Loop" as const } };
      }),
  },
  invariants: {
    // The schema already enforces the type; kept so the checked invariants are the cfg's.
    TypeOK: (s, { NP }) => philosophers(NP).every((p) => LABELS.includes(s.pc[p]) && s.forks[p].holder >= 1 && s.forks[p].holder <= NP),
    ExclusiveAccess: {
      holds: (s, { NP }) =>
        philosophers(NP).every((p) =>
          philosophers(NP).every((q) => p === q || !shareFork(p, q, NP) || !(s.pc[p] === "Eat" && s.pc[q] === "Eat")),
        ),
      message: "two philosophers who share a fork are eating at the same time",
    },
  },
  // NobodyStarves == \A p \in 1..NP : []<>(~hungry[p]), one property per philosopher, under
  // the PlusCal `fair process`: weak fairness of each philosopher's steps.
  properties: ({ alwaysEventually }, { NP }) =>
    Object.fromEntries(philosophers(NP).map((p) => [`nobodyStarves${p}`, alwaysEventually((s) => notHungry(s, p))])),
  fairness: [weak(["Loop", "Think", "Eat"], { perInstance: true })],
});

/**
 * The state predicate of the cfg's liveness property NobodyStarves, `\A p \in 1..NP :
 * []<>(~hungry[p])`: philosopher `p` has eaten and is not hungry. The property — every
 * philosopher is infinitely often not hungry, under weak fairness of each `Philosopher(self)`,
 * i.e. of the Loop, Think and Eat instances with that `self` taken together — needs temporal
 * checking, which the checker does not have yet; the safety part above pins TLC's counts.
 */
export const notHungry = (s: { readonly hungry: { readonly [p: number]: boolean } }, p: number): boolean => !s.hungry[p];

/** The philosophers `1..NP`. */
export const philosophers = (NP: number): number[] => Array.from({ length: NP }, (_, i) => i + 1);

const leftFork = (p: number): number => p;
const rightFork = (p: number, NP: number): number => (p === NP ? 1 : p + 1);
const leftPhilosopher = (p: number, NP: number): number => (p === 1 ? NP : p - 1);
const rightPhilosopher = (p: number, NP: number): number => (p === NP ? 1 : p + 1);

type Forks = { readonly [f: number]: { readonly holder: number; readonly clean: boolean } };

function canEat(forks: Forks, p: number, NP: number): boolean {
  const left = forks[leftFork(p)];
  const right = forks[rightFork(p, NP)];
  return left.holder === p && right.holder === p && left.clean && right.clean;
}

function shareFork(p: number, q: number, NP: number): boolean {
  const mine = [leftFork(p), rightFork(p, NP)];
  return [leftFork(q), rightFork(q, NP)].some((f) => mine.includes(f));
}
