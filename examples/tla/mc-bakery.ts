/**
 * Lamport's (atomic) Bakery algorithm, as the PlusCal translation of the Bakery/Boulangerie
 * study, checked from its inductive invariant.
 *
 * Hand port of `specifications/Bakery-Boulangerie/Bakery.tla` with the model `MCBakery.tla` /
 * `MCBakery.cfg` from github:tlaplus/Examples at commit 32a32c7: N = 2, Nat overridden by
 * 0..MaxNat with MaxNat = 2, SPECIFICATION ISpec (`Inv /\ [][Next]_vars`: every state satisfying
 * the inductive invariant is initial), INVARIANTS MutualExclusion TypeOK Inv, CHECK_DEADLOCK
 * FALSE. TLC records 655,200 distinct states, 3,403,584 generated, depth 1.
 *
 * Init enumerates every state of the type domain (TypeOK, 1,679,616 states for N = 2,
 * MaxNat = 2) and keeps those satisfying IInv.
 */
import { defineSpec, exists, t, type SetDomain, type ValueSet } from "interleave-spec";

const LABELS = ["ncs", "e1", "e2", "e3", "e4", "w1", "w2", "cs", "exit"] as const;
type Label = (typeof LABELS)[number];

type ProcMap<V> = { readonly [p: number]: V };
type BakeryState = {
  readonly num: ProcMap<number>;
  readonly flag: ProcMap<boolean>;
  readonly unchecked: ProcMap<ValueSet<number>>;
  readonly max: ProcMap<number>;
  readonly nxt: ProcMap<number>;
  readonly pc: ProcMap<Label>;
};

/** `from..to`, computed once per bounds (actions ask for them on every state). */
function cachedRange(from: number): (to: number) => readonly number[] {
  const cache: (readonly number[])[] = [];
  return (to) => (cache[to] ??= Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k));
}

/** Procs == 1..N */
const procs = cachedRange(1);

/** The naturals as overridden by the model: 0..MaxNat. */
const nats = cachedRange(0);

/**
 * `[f EXCEPT ![p] = v]` for a function over Procs = 1..N (keys copied by index: much faster
 * than spreading an object with integer keys).
 */
function except<V>(f: ProcMap<V>, p: number, v: V, N: number): ProcMap<V> {
  const out: { [p: number]: V } = {};
  for (let k = 1; k <= N; k++) out[k] = k === p ? v : f[k];
  return out;
}

/** Sets of processes (SUBSET Procs), by N. */
const procSets: SetDomain<number>[] = [];
const procSet = (N: number): SetDomain<number> => (procSets[N] ??= t.set(t.int(1, N)));

/** `Procs \ {self}` */
function others(N: number, self: number): ValueSet<number> {
  return procSet(N).from(procs(N)).without(self);
}

/** `a \prec b`: lexicographic order on pairs. */
function prec(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

const oneOf = (label: Label, ...labels: Label[]) => labels.includes(label);

/** Before(i, j): i's ticket is set and j has taken, or will take, a larger one. */
function before(s: BakeryState, i: number, j: number): boolean {
  if (!(s.num[i] > 0)) return false;
  const pc = s.pc[j];
  return (
    oneOf(pc, "ncs", "e1", "exit") ||
    (pc === "e2" && (s.unchecked[j].has(i) || s.max[j] >= s.num[i])) ||
    (pc === "e3" && s.max[j] >= s.num[i]) ||
    (oneOf(pc, "e4", "w1", "w2") &&
      prec([s.num[i], i], [s.num[j], j]) &&
      (!oneOf(pc, "w1", "w2") || s.unchecked[j].has(i)))
  );
}

/** IInv: the inductive invariant (TypeOK is the schema). */
export function iinv(s: BakeryState, N: number): boolean {
  for (const i of procs(N)) {
    const pc = s.pc[i];
    if (oneOf(pc, "e4", "w1", "w2", "cs") && s.num[i] === 0) return false;
    if (oneOf(pc, "e2", "e3") && !s.flag[i]) return false;
    if (pc === "w2" && s.nxt[i] === i) return false;
    if (oneOf(pc, "w1", "w2") && s.unchecked[i].has(i)) return false;
    if (oneOf(pc, "w1", "w2")) {
      for (const j of procs(N)) if (j !== i && !s.unchecked[i].has(j) && !before(s, i, j)) return false;
    }
    const n = s.nxt[i];
    if (
      pc === "w2" &&
      ((s.pc[n] === "e2" && !s.unchecked[n].has(i)) || s.pc[n] === "e3") &&
      !(s.max[n] >= s.num[i])
    ) {
      return false;
    }
    if (pc === "cs") for (const j of procs(N)) if (j !== i && !before(s, i, j)) return false;
  }
  return true;
}

/** TypeOK, with Nat <- 0..MaxNat (the schema enforces it too). */
export function typeOK(s: BakeryState, N: number, MaxNat: number): boolean {
  const nat = (n: number) => Number.isInteger(n) && n >= 0 && n <= MaxNat;
  const proc = (p: number) => Number.isInteger(p) && p >= 1 && p <= N;
  return procs(N).every(
    (p) =>
      nat(s.num[p]) &&
      typeof s.flag[p] === "boolean" &&
      s.unchecked[p].every(proc) &&
      nat(s.max[p]) &&
      proc(s.nxt[p]) &&
      LABELS.includes(s.pc[p]),
  );
}

/** The successor once per true disjunct of its guard (TLC's branching on `\/`). */
function perDisjunct<S>(s: S, ...disjuncts: boolean[]): S[] {
  return disjuncts.filter(Boolean).map(() => s);
}

export default defineSpec({
  name: "MCBakery",
  params: { N: t.int(1, 4).default(2), MaxNat: t.int(0, 4).default(2) },
  // TypeOK, with Nat <- 0..MaxNat.
  state: ({ N, MaxNat }) => {
    const proc = t.int(1, N);
    return {
      num: t.map(proc, t.int(0, MaxNat)),
      flag: t.map(proc, t.bool()),
      unchecked: t.map(proc, t.set(proc)),
      max: t.map(proc, t.int(0, MaxNat)),
      nxt: t.map(proc, proc),
      pc: t.map(proc, t.enum(...LABELS)),
    };
  },
  // ISpec's initial predicate: Inv == TypeOK /\ IInv.
  init: { where: (s, { N }) => iinv(s, N) },
  actions: {
    ncs: (s, { N }) => exists(procs(N), (self) => s.pc[self] === "ncs" && { ...s, pc: except(s.pc, self, "e1", N) }),
    e1: (s, { N }) =>
      exists(
        procs(N),
        (self) =>
          s.pc[self] === "e1" && [
            { ...s, flag: except(s.flag, self, !s.flag[self], N), pc: except(s.pc, self, "e1", N) },
            {
              ...s,
              flag: except(s.flag, self, true, N),
              unchecked: except(s.unchecked, self, others(N, self), N),
              max: except(s.max, self, 0, N),
              pc: except(s.pc, self, "e2", N),
            },
          ],
      ),
    e2: (s, { N }) =>
      exists(procs(N), (self) => {
        if (s.pc[self] !== "e2") return false;
        if (s.unchecked[self].size === 0) return { ...s, pc: except(s.pc, self, "e3", N) };
        return exists(s.unchecked[self], (i) => {
          const rest = s.unchecked[self].without(i);
          return {
            ...s,
            unchecked: except(s.unchecked, self, rest, N),
            max: s.num[i] > s.max[self] ? except(s.max, self, s.num[i], N) : s.max,
            pc: except(s.pc, self, "e2", N),
          };
        });
      }),
    e3: (s, { N, MaxNat }) =>
      exists(
        procs(N),
        (self) =>
          s.pc[self] === "e3" && [
            exists(nats(MaxNat), (k) => ({
              ...s,
              num: except(s.num, self, k, N),
              pc: except(s.pc, self, "e3", N),
            })),
            exists(
              nats(MaxNat).filter((j) => j > s.max[self]),
              (i) => ({ ...s, num: except(s.num, self, i, N), pc: except(s.pc, self, "e4", N) }),
            ),
          ],
      ),
    e4: (s, { N }) =>
      exists(
        procs(N),
        (self) =>
          s.pc[self] === "e4" && [
            { ...s, flag: except(s.flag, self, !s.flag[self], N), pc: except(s.pc, self, "e4", N) },
            {
              ...s,
              flag: except(s.flag, self, false, N),
              unchecked: except(s.unchecked, self, others(N, self), N),
              pc: except(s.pc, self, "w1", N),
            },
          ],
      ),
    w1: (s, { N }) =>
      exists(procs(N), (self) => {
        if (s.pc[self] !== "w1") return false;
        if (s.unchecked[self].size === 0) return { ...s, pc: except(s.pc, self, "cs", N) };
        return exists(
          s.unchecked[self],
          (i) => !s.flag[i] && { ...s, nxt: except(s.nxt, self, i, N), pc: except(s.pc, self, "w2", N) },
        );
      }),
    w2: (s, { N }) =>
      exists(procs(N), (self) => {
        if (s.pc[self] !== "w2") return false;
        const n = s.nxt[self];
        const rest = s.unchecked[self].without(n);
        // \/ num[nxt[self]] = 0 \/ <<num[self], self>> \prec <<num[nxt[self]], nxt[self]>>
        // (\prec is itself a disjunction, expanded by TLC like any other)
        return perDisjunct(
          { ...s, unchecked: except(s.unchecked, self, rest, N), pc: except(s.pc, self, "w1", N) },
          s.num[n] === 0,
          s.num[self] < s.num[n],
          s.num[self] === s.num[n] && self < n,
        );
      }),
    cs: (s, { N }) => exists(procs(N), (self) => s.pc[self] === "cs" && { ...s, pc: except(s.pc, self, "exit", N) }),
    exit: (s, { N, MaxNat }) =>
      exists(
        procs(N),
        (self) =>
          s.pc[self] === "exit" && [
            exists(nats(MaxNat), (k) => ({
              ...s,
              num: except(s.num, self, k, N),
              pc: except(s.pc, self, "exit", N),
            })),
            { ...s, num: except(s.num, self, 0, N), pc: except(s.pc, self, "ncs", N) },
          ],
      ),
  },
  invariants: {
    MutualExclusion: {
      holds: (s, { N }) => procs(N).filter((p) => s.pc[p] === "cs").length <= 1,
      message: "two processes are in their critical sections at once",
    },
    TypeOK: (s, { N, MaxNat }) => typeOK(s, N, MaxNat),
    // Inv == TypeOK /\ IInv
    Inv: (s, { N, MaxNat }) => typeOK(s, N, MaxNat) && iinv(s, N),
  },
  deadlock: false,
});
