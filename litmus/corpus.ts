/**
 * The litmus corpus: the classic shapes (Co*, MP, SB, LB, R, S, 2+2W, WRC, IRIW, ISA2, Z6.0),
 * with fence, release/acquire, atomic and lock variants, and fragments of smp_call_function_many
 * (SCFM-*), each pinned to
 * - its reachable final outcomes under SC, TSO and PSO (`sc`, and what TSO and PSO add), and
 * - the published verdicts it is checked against: LKMM's (the kernel's `Result:` line, or the
 *   herdtools `.expected` file) and x86-TSO's (herdtools7 `catalogue/x86_64/tests/kinds.txt`).
 *
 * Each test is also a spec of its own (`litmus(test)`, all in litmus/specs.ts): `interleave
 * check litmus/specs.ts --spec MP_poonceonces --set memory=pso` shows the shortest trace to the
 * condition.
 */
import { add, addReturn, addUnless, cmpxchg, deref, F, islocked, lock, R, Racq, rcu, syncRcu, unlock, W, when, Wrel, type LitmusTest } from "./litmus.ts";

/** Where an expected verdict comes from. */
export type Source =
  | "kernel tools/memory-model/litmus-tests"
  | "kernel Documentation/litmus-tests"
  | "herdtools7 catalogue/linux .expected"
  | "herd7 LKMM (computed, no published file)"
  | "herdtools7 catalogue/x86_64 kinds.txt"
  | "herd7 x86tso.cat (computed, no published file)";

/** A corpus entry: the test, its outcome sets, and the published verdicts. */
export interface CorpusEntry {
  readonly test: LitmusTest;
  /** Reachable final outcomes under SC (`showOutcome` strings). */
  readonly sc: readonly string[];
  /** The outcomes TSO adds to SC. */
  readonly tso?: readonly string[];
  /** The outcomes PSO (one-way unlock) adds to TSO. */
  readonly pso?: readonly string[];
  /** The outcomes PSO with the ordered unlock does not have (of PSO one-way's). */
  readonly psoOrderedLacks?: readonly string[];
  /** The outcomes ra (Promising-ARMv8, one outstanding promise per CPU) adds to SC. */
  readonly ra?: readonly string[];
  /** The outcomes of `ra` that the promise-free ra (no promises) does not have. */
  readonly raPromiseFreeLacks?: readonly string[];
  /** Why ra's verdict differs from LKMM's on this test: the test is outside the model's reach. */
  readonly raOutside?: string;
  /** LKMM's verdict and its source. */
  readonly lkmm?: { readonly result: "Never" | "Sometimes" | "DEADLOCK"; readonly source: Source };
  /** x86-TSO's verdict on the same shape and its source. */
  readonly x86?: { readonly result: "Forbid" | "Allow"; readonly source: Source; readonly file: string };
}

const K = "kernel tools/memory-model/litmus-tests" as const;
const D = "kernel Documentation/litmus-tests" as const;
const H = "herdtools7 catalogue/linux .expected" as const;
const C = "herd7 LKMM (computed, no published file)" as const;
const X = "herdtools7 catalogue/x86_64 kinds.txt" as const;
const XC = "herd7 x86tso.cat (computed, no published file)" as const;

/** ARMv8's release/acquire are RCsc: a release followed by an acquire (or an unlock by a lock) on one CPU stays ordered; LKMM lets them pass. */
const RCSC = "ARMv8 acquire/release are RCsc (a release then an acquire on one CPU stay ordered); LKMM's are not";
/** ARMv8 is other-multicopy-atomic: a store becomes visible to every other CPU at once; LKMM is not (PowerPC). */
const MCA = "ARMv8 is other-multicopy-atomic (a store reaches every other CPU at once); LKMM is not (PowerPC)";

/** A behaviour that needs two outstanding promises of one CPU, past the default bound of one. */
const TWO_PROMISES = "needs two outstanding promises of one CPU (found with promises=2); the default bound is one";

const never = (source: Source) => ({ result: "Never" as const, source });
const sometimes = (source: Source) => ({ result: "Sometimes" as const, source });
const forbid = (file: string, source: Source = X) => ({ result: "Forbid" as const, source, file });
const allow = (file: string, source: Source = X) => ({ result: "Allow" as const, source, file });

const T = (name: string, threads: LitmusTest["threads"], observe: string[], exists: LitmusTest["exists"], extra: Partial<LitmusTest> = {}): LitmusTest => ({
  name,
  threads,
  observe,
  exists,
  ...extra,
});

// Outcome sets that recur.
const MP3 = ["1:r0=0,1:r1=0", "1:r0=0,1:r1=1", "1:r0=1,1:r1=1"];
const SB3 = ["0:r0=0,1:r0=1", "0:r0=1,1:r0=0", "0:r0=1,1:r0=1"];
const LB3 = ["0:r0=0,1:r0=0", "0:r0=0,1:r0=1", "0:r0=1,1:r0=0"];
const WRC7 = ["1:r0=0,2:r0=0,2:r1=0", "1:r0=0,2:r0=0,2:r1=1", "1:r0=0,2:r0=1,2:r1=0", "1:r0=0,2:r0=1,2:r1=1", "1:r0=1,2:r0=0,2:r1=0", "1:r0=1,2:r0=0,2:r1=1", "1:r0=1,2:r0=1,2:r1=1"];
const IRIW15 = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
  .filter((b) => b !== 0b1010)
  .map((b) => `1:r0=${(b >> 3) & 1},1:r1=${(b >> 2) & 1},3:r0=${(b >> 1) & 1},3:r1=${b & 1}`);
const Z6 = ["1:r0=0,2:r1=0,z=1", "1:r0=0,2:r1=0,z=2", "1:r0=0,2:r1=1,z=1", "1:r0=0,2:r1=1,z=2", "1:r0=1,2:r1=0,z=1", "1:r0=1,2:r1=1,z=1", "1:r0=1,2:r1=1,z=2"];
const SCFM5 = ["1:r0=0,1:r1=0,1:r2=1", "1:r0=0,1:r1=0,1:r2=2", "1:r0=0,1:r1=1,1:r2=2", "1:r0=1,1:r1=0,1:r2=2", "1:r0=1,1:r1=1,1:r2=2"];

const mp = (o: { [k: string]: number }) => o["1:r0"] === 1 && o["1:r1"] === 0;
const sb = (o: { [k: string]: number }) => o["0:r0"] === 0 && o["1:r0"] === 0;
const lb = (o: { [k: string]: number }) => o["0:r0"] === 1 && o["1:r0"] === 1;
const wrc = (o: { [k: string]: number }) => o["1:r0"] === 1 && o["2:r0"] === 1 && o["2:r1"] === 0;
const iriw = (o: { [k: string]: number }) => o["1:r0"] === 1 && o["1:r1"] === 0 && o["3:r0"] === 1 && o["3:r1"] === 0;
const z6 = (o: { [k: string]: number }) => o["1:r0"] === 1 && o.z === 2 && o["2:r1"] === 0;
const scfm = (o: { [k: string]: number }) => o["1:r0"] === 1 && o["1:r1"] === 1 && o["1:r2"] === 1;
const MPo = ["1:r0", "1:r1"];
const SBo = ["0:r0", "1:r0"];
const WRCo = ["1:r0", "2:r0", "2:r1"];
const IRIWo = ["1:r0", "1:r1", "3:r0", "3:r1"];
const Z6o = ["1:r0", "2:r1", "z"];
const SCFMo = ["1:r0", "1:r1", "1:r2"];

/** Double-checked locking, one thread: `if (!flag) { lock; if (!flag) { data = 1; flag = 1 } unlock }; r2 = data` (`fixed`: acquire/release on flag). */
const dcl = (fixed: boolean) => {
  const unset = (i: Parameters<typeof when>[2]) => when("r0", 0, i);
  return [
    fixed ? Racq("flag", "r0") : R("flag", "r0"),
    unset(lock("lck")),
    unset(fixed ? Racq("flag", "r1") : R("flag", "r1")),
    unset(when("r1", 0, W("data", 1))),
    unset(when("r1", 0, fixed ? Wrel("flag", 1) : W("flag", 1))),
    unset(unlock("lck")),
    R("data", "r2"),
  ];
};

/** smp_call_function_many's handler: it tests its cpumask bit, smp_rmb, reads refs, then func (1 = the previous call's). */
const handler = [R("cpumask", "r0"), F.rmb, R("refs", "r1"), R("func", "r2")];
/** list_add_rcu under call_function.lock, with (or without) its smp_wmb. */
const listAdd = (wmb: boolean) => [lock("cfl"), ...(wmb ? [F.wmb] : []), W("head", 1)];
const scfm_ = (name: string, caller: LitmusTest["threads"][number]) => T(name, [caller, handler], SCFMo, scfm, { init: { func: 1 } });

// spin_is_locked after an acquire load of a store made under the lock.
const SIL = ["1:r1", "1:r2", "1:r3"];
const sil = (o: { [k: string]: number }) => o["1:r1"] === 1 && o["1:r2"] === 0 && o["1:r3"] === 1;
const SIL7 = ["000", "001", "010", "011", "100", "110", "111"].map((b) => `1:r1=${b[0]},1:r2=${b[1]},1:r3=${b[2]}`);
// Documentation/litmus-tests/locking/RM-*: P1 sees x change between two reads (the filter); did it take the lock first?
const rm0 = [lock("s"), addReturn("y", 1, "r2"), W("x", 1), unlock("s")];
const RMo = ["1:r0", "1:r1", "1:r2"];
const rm = (o: { [k: string]: number }) => o["1:r2"] === 1;
const rmFilter = (o: { [k: string]: number }) => o["1:r0"] === 0 && o["1:r1"] === 1;
// 45a5791920ae's "3rd-party write": refs=0 was stored by another CPU (the last handler of call 1), not by the caller.
const thirdParty = (fixed: boolean) => [R("refs", "rb"), ...(fixed ? [W("refs", 0)] : []), W("func", 2), F.wmb, W("cpumask", 1)];
const handlerRefs = [R("cpumask", "r0"), F.rmb, R("refs", "r1")];
const THo = ["0:rb", "1:r0", "1:r1"];
const th = (o: { [k: string]: number }) => o["0:rb"] === 0 && o["1:r0"] === 1 && o["1:r1"] === 1;
const TH7 = ["0:rb=0,1:r0=0,1:r1=0", "0:rb=0,1:r0=0,1:r1=1", "0:rb=0,1:r0=1,1:r1=0", "0:rb=1,1:r0=0,1:r1=0", "0:rb=1,1:r0=0,1:r1=1", "0:rb=1,1:r0=1,1:r1=0", "0:rb=1,1:r0=1,1:r1=1"];
const TH8 = ["0:rb=0,1:r0=0,1:r1=0", "0:rb=0,1:r0=0,1:r1=1", "0:rb=0,1:r0=1,1:r1=0", "0:rb=1,1:r0=0,1:r1=-1", "0:rb=1,1:r0=0,1:r1=0", "0:rb=1,1:r0=0,1:r1=1", "0:rb=1,1:r0=1,1:r1=-1", "0:rb=1,1:r0=1,1:r1=0"];

/** The corpus, in the order of the README table. */
export const corpus: readonly CorpusEntry[] = [
  // ---- coherence ----
  { test: T("CoRR+poonceonce+Once", [[W("x", 1)], [R("x", "r0"), R("x", "r1")]], ["1:r0", "1:r1"], (o) => o["1:r0"] === 1 && o["1:r1"] === 0), sc: ["1:r0=0,1:r1=0", "1:r0=0,1:r1=1", "1:r0=1,1:r1=1"], lkmm: never(K) },
  { test: T("CoRW+poonceonce+Once", [[R("x", "r0"), W("x", 1)], [W("x", 2)]], ["0:r0", "x"], (o) => o.x === 2 && o["0:r0"] === 2), sc: ["0:r0=0,x=1", "0:r0=0,x=2", "0:r0=2,x=1"], lkmm: never(K) },
  { test: T("CoWR+poonceonce+Once", [[W("x", 1), R("x", "r0")], [W("x", 2)]], ["0:r0", "x"], (o) => o.x === 1 && o["0:r0"] === 2), sc: ["0:r0=1,x=1", "0:r0=1,x=2", "0:r0=2,x=2"], lkmm: never(K) },
  { test: T("CoWW+poonceonce", [[W("x", 1), W("x", 2)]], ["x"], (o) => o.x === 1), sc: ["x=2"], lkmm: never(K) },
  // ---- MP ----
  { test: T("MP+poonceonces", [[W("buf", 1), W("flag", 1)], [R("flag", "r0"), R("buf", "r1")]], MPo, mp), sc: MP3, pso: ["1:r0=1,1:r1=0"], ra: ["1:r0=1,1:r1=0"], lkmm: sometimes(K), x86: forbid("MP") },
  { test: T("MP+fencewmbonceonce+fencermbonceonce", [[W("buf", 1), F.wmb, W("flag", 1)], [R("flag", "r0"), F.rmb, R("buf", "r1")]], MPo, mp), sc: MP3, lkmm: never(K) },
  { test: T("MP+pooncerelease+poacquireonce", [[W("buf", 1), Wrel("flag", 1)], [Racq("flag", "r0"), R("buf", "r1")]], MPo, mp), sc: MP3, lkmm: never(K) },
  // rcu_assign_pointer = smp_store_release; rcu_dereference = READ_ONCE of the pointer, then a load through it. p: 0 = &y (initially), 1 = &x.
  { test: T("MP+onceassign+derefonce", [[W("x", 1), Wrel("p", 1)], [rcu.lock, R("p", "r0"), deref("r0", ["y", "x"], "r1"), rcu.unlock]], MPo, mp), sc: ["1:r0=0,1:r1=0", "1:r0=1,1:r1=1"], lkmm: never(K) },
  { test: T("MP+polocks", [[W("buf", 1), lock("l"), W("flag", 1), unlock("l")], [lock("l"), R("flag", "r0"), unlock("l"), R("buf", "r1")]], MPo, mp), sc: MP3, lkmm: never(K) },
  { test: T("MP+porevlocks", [[R("flag", "r0"), lock("l"), R("buf", "r1"), unlock("l")], [lock("l"), W("buf", 1), unlock("l"), W("flag", 1)]], ["0:r0", "0:r1"], (o) => o["0:r0"] === 1 && o["0:r1"] === 0), sc: ["0:r0=0,0:r1=0", "0:r0=0,0:r1=1", "0:r0=1,0:r1=1"], lkmm: never(K) },
  { test: T("MP+polockonce+poacquiresilsil", [[lock("lo"), W("x", 1), unlock("lo")], [Racq("x", "r1"), islocked("lo", "r2"), islocked("lo", "r3")]], SIL, sil), sc: SIL7, ra: ["1:r1=1,1:r2=0,1:r3=1"], raPromiseFreeLacks: ["1:r1=1,1:r2=0,1:r3=1"], lkmm: sometimes(K) },
  { test: T("MP+polockmbonce+poacquiresilsil", [[lock("lo"), F.mb, W("x", 1), unlock("lo")], [Racq("x", "r1"), islocked("lo", "r2"), islocked("lo", "r3")]], SIL, sil), sc: SIL7, lkmm: never(K) },
  { test: T("C-MP+o-wmb-o+o-o", [[W("buf", 1), F.wmb, W("flag", 1)], [R("flag", "r0"), R("buf", "r1")]], MPo, mp), sc: MP3, ra: ["1:r0=1,1:r1=0"], lkmm: sometimes(H) },
  { test: T("MP+unlocklockonceonce+fencermbonceonce", [[lock("s"), W("x", 1), unlock("s"), lock("t"), W("y", 1), unlock("t")], [R("y", "r1"), F.rmb, R("x", "r2")]], ["1:r1", "1:r2"], (o) => o["1:r1"] === 1 && o["1:r2"] === 0), sc: ["1:r1=0,1:r2=0", "1:r1=0,1:r2=1", "1:r1=1,1:r2=1"], lkmm: never(K) },
  { test: T("MP-unlock-lock", [[lock("s"), W("x", 1), unlock("s"), lock("s"), W("y", 1), unlock("s")], [R("y", "r0"), F.rmb, R("x", "r1")]], MPo, mp), sc: MP3, lkmm: never(C) },
  { test: T("MP+polock+po", [[W("buf", 1), lock("s"), W("flag", 1), unlock("s")], [R("flag", "r0"), F.rmb, R("buf", "r1")]], MPo, mp), sc: MP3, pso: ["1:r0=1,1:r1=0"], ra: ["1:r0=1,1:r1=0"], raPromiseFreeLacks: ["1:r0=1,1:r1=0"], lkmm: sometimes(C) },
  { test: T("MP+pounlock+po", [[lock("s"), W("buf", 1), unlock("s"), W("flag", 1)], [R("flag", "r0"), F.rmb, R("buf", "r1")]], MPo, mp), sc: MP3, pso: ["1:r0=1,1:r1=0"], psoOrderedLacks: ["1:r0=1,1:r1=0"], ra: ["1:r0=1,1:r1=0"], raPromiseFreeLacks: ["1:r0=1,1:r1=0"], lkmm: sometimes(C) },
  { test: T("MP+po-lock-unlock-po", [[W("buf", 1), lock("s"), unlock("s"), W("flag", 1)], [R("flag", "r0"), F.rmb, R("buf", "r1")]], MPo, mp), sc: MP3, pso: ["1:r0=1,1:r1=0"], psoOrderedLacks: ["1:r0=1,1:r1=0"], ra: ["1:r0=1,1:r1=0"], raPromiseFreeLacks: ["1:r0=1,1:r1=0"], lkmm: sometimes(C) },
  // ---- SB ----
  { test: T("SB+poonceonces", [[W("x", 1), R("y", "r0")], [W("y", 1), R("x", "r0")]], SBo, sb), sc: SB3, tso: ["0:r0=0,1:r0=0"], ra: ["0:r0=0,1:r0=0"], lkmm: sometimes(K), x86: allow("SB") },
  { test: T("SB+fencembonceonces", [[W("x", 1), F.mb, R("y", "r0")], [W("y", 1), F.mb, R("x", "r0")]], SBo, sb), sc: SB3, lkmm: never(K), x86: forbid("SB+mfences") },
  {
    test: T("SB+rfionceonce-poonceonces", [[W("x", 1), R("x", "r1"), R("y", "r2")], [W("y", 1), R("y", "r3"), R("x", "r4")]], ["0:r1", "0:r2", "1:r3", "1:r4", "x", "y"], (o) => o["0:r2"] === 0 && o["1:r4"] === 0),
    sc: ["0:r1=1,0:r2=0,1:r3=1,1:r4=1,x=1,y=1", "0:r1=1,0:r2=1,1:r3=1,1:r4=0,x=1,y=1", "0:r1=1,0:r2=1,1:r3=1,1:r4=1,x=1,y=1"],
    tso: ["0:r1=1,0:r2=0,1:r3=1,1:r4=0,x=1,y=1"],
    ra: ["0:r1=1,0:r2=0,1:r3=1,1:r4=0,x=1,y=1"], lkmm: sometimes(K),
    x86: allow("SB+rfi-pos"),
  },
  { test: T("SB+pooncerelease+poacquireonce", [[Wrel("x", 1), Racq("y", "r0")], [Wrel("y", 1), Racq("x", "r0")]], SBo, sb), sc: SB3, tso: ["0:r0=0,1:r0=0"], raOutside: RCSC, lkmm: sometimes(C) },
  { test: T("SB-unlock-lock", [[lock("u"), W("x", 1), unlock("u"), lock("u"), R("y", "r0"), unlock("u")], [lock("v"), W("y", 1), unlock("v"), lock("v"), R("x", "r0"), unlock("v")]], SBo, sb), sc: SB3, raOutside: RCSC, lkmm: sometimes(C) },
  { test: T("cmpxchg-fail-ordered-1", [[W("x", 1), cmpxchg("z", 1, 0, "r1"), F.mb, R("y", "r0")], [W("y", 1), cmpxchg("z", 1, 0, "r1"), F.mb, R("x", "r0")]], SBo, sb), sc: SB3, lkmm: never(D) },
  { test: T("cmpxchg-fail-unordered-1", [[W("x", 1), cmpxchg("z", 1, 0, "r1"), R("y", "r0")], [W("y", 1), cmpxchg("z", 1, 0, "r1"), R("x", "r0")]], SBo, sb), sc: SB3, pso: ["0:r0=0,1:r0=0"], ra: ["0:r0=0,1:r0=0"], lkmm: sometimes(D) },
  // ---- LB ----
  { test: T("LB+poonceonces", [[R("x", "r0"), W("y", 1)], [R("y", "r0"), W("x", 1)]], SBo, lb), sc: LB3, ra: ["0:r0=1,1:r0=1"], raPromiseFreeLacks: ["0:r0=1,1:r0=1"], lkmm: sometimes(K), x86: forbid("LB", XC) },
  { test: T("LB+poacquireonce+pooncerelease", [[R("x", "r0"), Wrel("y", 1)], [Racq("y", "r0"), W("x", 1)]], SBo, lb), sc: LB3, lkmm: never(K) },
  { test: T("LB+fencembonceonce+ctrlonceonce", [[R("x", "r0"), when("r0", 1, W("y", 1))], [R("y", "r0"), F.mb, W("x", 1)]], SBo, lb), sc: ["0:r0=0,1:r0=0", "0:r0=1,1:r0=0"], lkmm: never(K) },
  { test: T("LB+unlocklockonceonce+poacquireonce", [[lock("s"), R("x", "r1"), unlock("s"), lock("t"), W("y", 1), unlock("t")], [Racq("y", "r2"), W("x", 1)]], ["0:r1", "1:r2"], (o) => o["0:r1"] === 1 && o["1:r2"] === 1), sc: ["0:r1=0,1:r2=0", "0:r1=0,1:r2=1", "0:r1=1,1:r2=0"], lkmm: never(K) },
  { test: T("LB-unlock-lock", [[lock("s"), R("x", "r0"), unlock("s"), lock("s"), W("y", 1), unlock("s")], [lock("t"), R("y", "r0"), unlock("t"), lock("t"), W("x", 1), unlock("t")]], SBo, lb), sc: LB3, lkmm: never(C) },
  // ---- R, S, 2+2W ----
  { test: T("R+poonceonces", [[W("x", 1), W("y", 1)], [W("y", 2), R("x", "r0")]], ["1:r0", "y"], (o) => o.y === 2 && o["1:r0"] === 0), sc: ["1:r0=0,y=1", "1:r0=1,y=1", "1:r0=1,y=2"], tso: ["1:r0=0,y=2"], ra: ["1:r0=0,y=2"], lkmm: sometimes(K), x86: allow("R") },
  { test: T("R+fencembonceonces", [[W("x", 1), F.mb, W("y", 1)], [W("y", 2), F.mb, R("x", "r0")]], ["1:r0", "y"], (o) => o.y === 2 && o["1:r0"] === 0), sc: ["1:r0=0,y=1", "1:r0=1,y=1", "1:r0=1,y=2"], lkmm: never(K), x86: forbid("R+mfences", XC) },
  { test: T("R+fencewmbonceonce+fencembonceonce", [[W("x", 1), F.wmb, W("y", 1)], [W("y", 2), F.mb, R("x", "r0")]], ["1:r0", "y"], (o) => o.y === 2 && o["1:r0"] === 0), sc: ["1:r0=0,y=1", "1:r0=1,y=1", "1:r0=1,y=2"], raOutside: MCA, lkmm: sometimes(C) },
  { test: T("S+poonceonces", [[W("x", 2), W("y", 1)], [R("y", "r0"), W("x", 1)]], ["1:r0", "x"], (o) => o.x === 2 && o["1:r0"] === 1), sc: ["1:r0=0,x=1", "1:r0=0,x=2", "1:r0=1,x=1"], pso: ["1:r0=1,x=2"], ra: ["1:r0=1,x=2"], raPromiseFreeLacks: ["1:r0=1,x=2"], lkmm: sometimes(K), x86: forbid("S") },
  { test: T("S+fencewmbonceonce+poacquireonce", [[W("x", 2), F.wmb, W("y", 1)], [Racq("y", "r0"), W("x", 1)]], ["1:r0", "x"], (o) => o.x === 2 && o["1:r0"] === 1), sc: ["1:r0=0,x=1", "1:r0=0,x=2", "1:r0=1,x=1"], lkmm: never(K) },
  { test: T("C-2+2W+o-o+o-o", [[W("x0", 1), W("x1", 2)], [W("x1", 1), W("x0", 2)]], ["x0", "x1"], (o) => o.x0 === 1 && o.x1 === 1), sc: ["x0=1,x1=2", "x0=2,x1=1", "x0=2,x1=2"], pso: ["x0=1,x1=1"], ra: ["x0=1,x1=1"], raPromiseFreeLacks: ["x0=1,x1=1"], lkmm: sometimes(H), x86: forbid("2+2W") },
  { test: T("C-2+2W+o-wmb-o+o-wmb-o", [[W("x0", 1), F.wmb, W("x1", 2)], [W("x1", 1), F.wmb, W("x0", 2)]], ["x0", "x1"], (o) => o.x0 === 1 && o.x1 === 1), sc: ["x0=1,x1=2", "x0=2,x1=1", "x0=2,x1=2"], raOutside: MCA, lkmm: sometimes(H) },
  // ---- WRC, IRIW, ISA2, Z6.0 ----
  { test: T("WRC+poonceonces+Once", [[W("x", 1)], [R("x", "r0"), W("y", 1)], [R("y", "r0"), R("x", "r1")]], WRCo, wrc), sc: WRC7, ra: ["1:r0=1,2:r0=1,2:r1=0"], lkmm: sometimes(K), x86: forbid("WRC") },
  { test: T("WRC+pooncerelease+fencermbonceonce+Once", [[W("x", 1)], [R("x", "r0"), Wrel("y", 1)], [R("y", "r0"), F.rmb, R("x", "r1")]], WRCo, wrc), sc: WRC7, lkmm: never(K) },
  { test: T("WRC+fencewmbonceonce+fencermbonceonce+Once", [[W("x", 1)], [R("x", "r0"), F.wmb, W("y", 1)], [R("y", "r0"), F.rmb, R("x", "r1")]], WRCo, wrc), sc: WRC7, ra: ["1:r0=1,2:r0=1,2:r1=0"], raPromiseFreeLacks: ["1:r0=1,2:r0=1,2:r1=0"], lkmm: sometimes(C) },
  { test: T("WRC+fencembonceonce+fencermbonceonce+Once", [[W("x", 1)], [R("x", "r0"), F.mb, W("y", 1)], [R("y", "r0"), F.rmb, R("x", "r1")]], WRCo, wrc), sc: WRC7, lkmm: never(C) },
  { test: T("WRC-unlock-lock", [[W("x", 1)], [lock("s"), R("x", "r0"), unlock("s"), lock("s"), W("y", 1), unlock("s")], [R("y", "r0"), F.rmb, R("x", "r1")]], WRCo, wrc), sc: WRC7, raOutside: MCA, lkmm: sometimes(C) },
  { test: T("IRIW+poonceonces+OnceOnce", [[W("x", 1)], [R("x", "r0"), R("y", "r1")], [W("y", 1)], [R("y", "r0"), R("x", "r1")]], IRIWo, iriw), sc: IRIW15, ra: ["1:r0=1,1:r1=0,3:r0=1,3:r1=0"], lkmm: sometimes(K), x86: forbid("IRIW", XC) },
  { test: T("IRIW+fencembonceonces+OnceOnce", [[W("x", 1)], [R("x", "r0"), F.mb, R("y", "r1")], [W("y", 1)], [R("y", "r0"), F.mb, R("x", "r1")]], IRIWo, iriw), sc: IRIW15, lkmm: never(K) },
  { test: T("IRIW+fencermbonceonces+OnceOnce", [[W("x", 1)], [R("x", "r0"), F.rmb, R("y", "r1")], [W("y", 1)], [R("y", "r0"), F.rmb, R("x", "r1")]], IRIWo, iriw), sc: IRIW15, raOutside: MCA, lkmm: sometimes(C) },
  { test: T("IRIW+poacquireonces+OnceOnce", [[W("x", 1)], [Racq("x", "r0"), R("y", "r1")], [W("y", 1)], [Racq("y", "r0"), R("x", "r1")]], IRIWo, iriw), sc: IRIW15, raOutside: MCA, lkmm: sometimes(C) },
  { test: T("ISA2+poonceonces", [[W("x", 1), W("y", 1)], [R("y", "r0"), W("z", 1)], [R("z", "r0"), R("x", "r1")]], WRCo, wrc), sc: WRC7, pso: ["1:r0=1,2:r0=1,2:r1=0"], ra: ["1:r0=1,2:r0=1,2:r1=0"], lkmm: sometimes(K), x86: forbid("ISA2", XC) },
  { test: T("ISA2+pooncerelease+poacquirerelease+poacquireonce", [[W("x", 1), Wrel("y", 1)], [Racq("y", "r0"), Wrel("z", 1)], [Racq("z", "r0"), R("x", "r1")]], WRCo, wrc), sc: WRC7, lkmm: never(K) },
  {
    test: T("ISA2+pooncelock+pooncelock+pombonce", [[lock("l"), W("x", 1), W("y", 1), unlock("l")], [lock("l"), R("y", "r0"), W("z", 1), unlock("l")], [R("z", "r2"), F.mb, R("x", "r1")]], ["1:r0", "2:r1", "2:r2"], (o) => o["1:r0"] === 1 && o["2:r2"] === 1 && o["2:r1"] === 0),
    sc: ["1:r0=0,2:r1=0,2:r2=0", "1:r0=0,2:r1=0,2:r2=1", "1:r0=0,2:r1=1,2:r2=0", "1:r0=0,2:r1=1,2:r2=1", "1:r0=1,2:r1=0,2:r2=0", "1:r0=1,2:r1=1,2:r2=0", "1:r0=1,2:r1=1,2:r2=1"],
    lkmm: never(K),
  },
  { test: T("Z6.0+pooncelock+pooncelock+pombonce", [[lock("l"), W("x", 1), W("y", 1), unlock("l")], [lock("l"), R("y", "r0"), W("z", 1), unlock("l")], [W("z", 2), F.mb, R("x", "r1")]], Z6o, z6), sc: Z6, raOutside: MCA, lkmm: sometimes(K) },
  { test: T("Z6.0+pooncelock+poonceLock+pombonce", [[lock("l"), W("x", 1), W("y", 1), unlock("l")], [lock("l"), F.mb, R("y", "r0"), W("z", 1), unlock("l")], [W("z", 2), F.mb, R("x", "r1")]], Z6o, z6), sc: Z6, lkmm: never(K) },
  { test: T("Z6.0+pooncerelease+poacquirerelease+fencembonceonce", [[W("x", 1), Wrel("y", 1)], [Racq("y", "r0"), Wrel("z", 1)], [W("z", 2), F.mb, R("x", "r1")]], Z6o, z6), sc: Z6, raOutside: MCA, lkmm: sometimes(K) },
  // ---- atomics and locks ----
  {
    test: T("cmpxchg-fail-ordered-2", [[W("x", 1), cmpxchg("y", 0, 1, "r1")], [cmpxchg("y", 0, 1, "r1"), F.mb, R("x", "r2")]], ["0:r1", "1:r1", "1:r2"], (o) => o["0:r1"] === 0 && o["1:r1"] === 1 && o["1:r2"] === 0),
    sc: ["0:r1=0,1:r1=1,1:r2=1", "0:r1=1,1:r1=0,1:r2=0", "0:r1=1,1:r1=0,1:r2=1"],
    lkmm: never(D),
  },
  {
    test: T("cmpxchg-fail-unordered-2", [[W("x", 1), cmpxchg("y", 0, 1, "r1")], [cmpxchg("y", 0, 1, "r1"), R("x", "r2")]], ["0:r1", "1:r1", "1:r2"], (o) => o["0:r1"] === 0 && o["1:r1"] === 1 && o["1:r2"] === 0),
    sc: ["0:r1=0,1:r1=1,1:r2=1", "0:r1=1,1:r1=0,1:r2=0", "0:r1=1,1:r1=0,1:r2=1"],
    ra: ["0:r1=0,1:r1=1,1:r2=0"], lkmm: sometimes(D),
  },
  { test: T("Atomic-RMW+mb__after_atomic-is-stronger-than-acquire", [[R("x", "r0"), F.rmb, R("y", "r1")], [add("y", 1), F.mb, W("x", 1)]], ["0:r0", "0:r1"], (o) => o["0:r0"] === 1 && o["0:r1"] === 0), sc: ["0:r0=0,0:r1=0", "0:r0=0,0:r1=1", "0:r0=1,0:r1=1"], lkmm: never(D) },
  { test: T("Atomic-RMW-ops-are-atomic-WRT-atomic_set", [[addUnless("v", 1, 0, "r0")], [W("v", 0)]], ["v"], (o) => o.v === 2, { init: { v: 1 } }), sc: ["v=0"], lkmm: never(D) },
  { test: T("add_unless_mb", [[W("x", 1), addUnless("z", 1, 5, "r0"), W("y", 1)], [R("y", "r0"), when("r0", 1, W("x", 2))]], ["1:r0", "x", "z"], (o) => o["1:r0"] === 1 && o.x === 1), sc: ["1:r0=0,x=1,z=1", "1:r0=1,x=2,z=1"], lkmm: never(H) },
  { test: T("RM-broken", [rm0, [lock("s"), R("x", "r0"), R("x", "r1"), addReturn("y", 1, "r2"), unlock("s")]], RMo, rm, { filter: rmFilter }), sc: [], lkmm: { result: "DEADLOCK", source: D } },
  { test: T("RM-fixed", [rm0, [R("x", "r0"), R("x", "r1"), lock("s"), addReturn("y", 1, "r2"), unlock("s")]], RMo, rm, { filter: rmFilter }), sc: ["1:r0=0,1:r1=1,1:r2=2"], lkmm: never(D) },
  { test: T("Lock-outside-across", [[W("x", 1), lock("sp"), R("y", "r1"), unlock("sp")], [lock("sp"), W("y", 1), unlock("sp"), R("x", "r1")]], ["0:r1", "1:r1"], (o) => o["0:r1"] === 0 && o["1:r1"] === 0), sc: ["0:r1=0,1:r1=1", "0:r1=1,1:r1=0", "0:r1=1,1:r1=1"], lkmm: never(H) },
  // ---- RCU grace periods ----
  { test: T("RCU+sync+read", [[rcu.lock, W("x", 1), W("y", 1), rcu.unlock], [R("x", "r0"), ...syncRcu, R("y", "r1")]], MPo, mp), sc: MP3, lkmm: never(D) },
  // y: 0 = &x (initially), 1 = &z; the writer unpublishes x, waits for readers, then "frees" it (x = 0).
  { test: T("RCU+sync+free", [[rcu.lock, R("y", "r0"), deref("r0", ["x", "z"], "r1"), rcu.unlock], [Wrel("y", 1), ...syncRcu, W("x", 0)]], ["0:r0", "0:r1"], (o) => o["0:r0"] === 0 && o["0:r1"] === 0, { init: { x: 1, z: 1 } }), sc: ["0:r0=0,0:r1=1", "0:r0=1,0:r1=1"], lkmm: never(D) },
  { test: T("DCL-broken", [dcl(false), dcl(false)], ["0:r2", "1:r2"], (o) => o["0:r2"] === 0 || o["1:r2"] === 0), sc: ["0:r2=1,1:r2=1"], pso: ["0:r2=0,1:r2=1", "0:r2=1,1:r2=0"], ra: ["0:r2=0,1:r2=1", "0:r2=1,1:r2=0"], lkmm: sometimes(D) },
  { test: T("DCL-fixed", [dcl(true), dcl(true)], ["0:r2", "1:r2"], (o) => o["0:r2"] === 0 || o["1:r2"] === 0), sc: ["0:r2=1,1:r2=1"], lkmm: never(D) },
  // ---- smp_call_function_many fragments: the caller's stores for call 2 against a walker that holds the block ----
  { test: scfm_("SCFM-original", [W("func", 2), W("cpumask", 1), F.wmb, W("refs", 1), ...listAdd(true), unlock("cfl")]), sc: SCFM5, pso: ["1:r0=1,1:r1=0,1:r2=1"], ra: ["1:r0=0,1:r1=1,1:r2=1", "1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], raPromiseFreeLacks: ["1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], lkmm: sometimes(C) },
  { test: scfm_("SCFM-seed", [W("func", 2), W("cpumask", 1), ...listAdd(true), unlock("cfl"), W("refs", 1)]), sc: SCFM5, pso: ["1:r0=1,1:r1=0,1:r2=1"], ra: ["1:r0=0,1:r1=1,1:r2=1", "1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], raPromiseFreeLacks: ["1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], lkmm: sometimes(C) },
  {
    test: scfm_("SCFM-seed-nowmb", [W("func", 2), W("cpumask", 1), ...listAdd(false), unlock("cfl"), W("refs", 1)]),
    sc: SCFM5,
    pso: ["1:r0=0,1:r1=1,1:r2=1", "1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"],
    psoOrderedLacks: ["1:r0=0,1:r1=1,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"],
    ra: ["1:r0=0,1:r1=1,1:r2=1", "1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], raPromiseFreeLacks: ["1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], lkmm: sometimes(C),
  },
  { test: scfm_("SCFM-committed", [W("func", 2), W("cpumask", 1), ...listAdd(true), W("refs", 1), unlock("cfl")]), sc: SCFM5, pso: ["1:r0=1,1:r1=0,1:r2=1"], ra: ["1:r0=0,1:r1=1,1:r2=1", "1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], raPromiseFreeLacks: ["1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], lkmm: sometimes(C) },
  {
    test: scfm_("SCFM-committed-nowmb", [W("func", 2), W("cpumask", 1), ...listAdd(false), W("refs", 1), unlock("cfl")]),
    sc: SCFM5,
    pso: ["1:r0=0,1:r1=1,1:r2=1", "1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"],
    ra: ["1:r0=0,1:r1=1,1:r2=1", "1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], raPromiseFreeLacks: ["1:r0=1,1:r1=0,1:r2=1", "1:r0=1,1:r1=1,1:r2=1"], lkmm: sometimes(C),
  },
  { test: T("SCFM-3rdparty", [thirdParty(false), handlerRefs, [addReturn("refs", -1, "r0")]], THo, th, { init: { refs: 1 }, values: [-1, 2] }), sc: TH7, raOutside: TWO_PROMISES, lkmm: sometimes(C) },
  { test: T("SCFM-3rdparty-fixed", [thirdParty(true), handlerRefs, [addReturn("refs", -1, "r0")]], THo, th, { init: { refs: 1 }, values: [-1, 2] }), sc: TH8, lkmm: never(C) },
  { test: scfm_("SCFM-ordering", [W("refs", 0), W("func", 2), F.wmb, W("cpumask", 1), ...listAdd(true), W("refs", 1), unlock("cfl")]), sc: SCFM5, ra: ["1:r0=0,1:r1=1,1:r2=1"], lkmm: never(C) },
  { test: scfm_("SCFM-ordering-nowmb", [W("refs", 0), W("func", 2), F.wmb, W("cpumask", 1), ...listAdd(false), W("refs", 1), unlock("cfl")]), sc: SCFM5, ra: ["1:r0=0,1:r1=1,1:r2=1"], lkmm: never(C) },
];

