/**
 * Paxos Commit (Gray and Lamport): transaction commit with a Paxos instance per resource
 * manager, so that commit does not block on a failed coordinator.
 *
 * Hand port of `specifications/transaction_commit/PaxosCommit.tla` with the model
 * `PaxosCommit.cfg` from github:tlaplus/Examples at commit 32a32c7: RM = {r1, r2},
 * Acceptor = {a1, a2, a3}, Majority = {{a1, a2}, {a1, a3}, {a2, a3}}, Ballot = {0, 1},
 * INVARIANT PCTypeOK (the schema), deadlock checking on. TLC records 1,321,761 distinct states,
 * 16,959,159 generated, depth 28.
 *
 * Generated count: TLC generates one successor per witness of every `\E` it meets while
 * computing successors, including the `\E`s inside guards — in `Decide`, `\A rm \in RM :
 * Decided(rm, "prepared")` yields one copy of the Commit successor per combination of
 * witnesses (b, MS) of each `Decided(rm, …)`, and `\E rm : Decided(rm, "aborted")` one per
 * (rm, b, MS). `decide` and `phase2a` return their successor that many times.
 */
import { defineSpec, exists, t, type SetDomain, type ValueSet } from "interleave-spec";

const VALS = ["prepared", "aborted", "none"] as const;
type Val = (typeof VALS)[number];
type Decision = "prepared" | "aborted";

/** A message. TLA+'s message set is a union of record sets; here fields a message type lacks are undefined. */
export interface Msg {
  readonly type: "phase1a" | "phase1b" | "phase2a" | "phase2b" | "Commit" | "Abort";
  readonly ins: string | undefined;
  readonly mbal: number | undefined;
  readonly bal: number | undefined;
  readonly val: Val | undefined;
  readonly acc: string | undefined;
}

interface AccState {
  readonly mbal: number;
  readonly bal: number;
  readonly val: Val;
}

type PcState = {
  readonly rmState: { readonly [rm: string]: "working" | "prepared" | "committed" | "aborted" };
  readonly aState: { readonly [rm: string]: { readonly [acc: string]: AccState } };
  readonly msgs: ValueSet<Msg>;
};

/** A message with the fields its type carries (the others undefined), built as one literal of a fixed shape. */
const msg = (m: Partial<Msg> & Pick<Msg, "type">): Msg => ({ type: m.type, ins: m.ins, mbal: m.mbal, bal: m.bal, val: m.val, acc: m.acc });
const COMMIT = msg({ type: "Commit" });
const ABORT = msg({ type: "Abort" });

/** The model values `prefix1 .. prefixN`. */
export function modelValues(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, k) => `${prefix}${k + 1}`);
}

/** The majorities of a set of acceptors: its subsets of more than half its size, minimal ones only (as the cfg lists them). */
export function majorities(acceptors: readonly string[]): string[][] {
  const need = Math.floor(acceptors.length / 2) + 1;
  const out: string[][] = [];
  const pick = (from: number, chosen: string[]) => {
    if (chosen.length === need) {
      out.push([...chosen]);
      return;
    }
    for (let k = from; k < acceptors.length; k++) pick(k + 1, [...chosen, acceptors[k]]);
  };
  pick(0, []);
  return out;
}

/** `m \in Message`: the fields its type carries, each in its set, and no others. */
function isMessage(m: Msg, RM: readonly string[], Acceptor: readonly string[], Ballot: readonly number[]): boolean {
  const rm = RM.includes(m.ins!);
  const acc = Acceptor.includes(m.acc!);
  const b = Ballot.includes(m.bal!);
  const decision = m.val === "prepared" || m.val === "aborted";
  switch (m.type) {
    case "phase1a":
      return rm && b && m.bal !== 0 && m.mbal === undefined && m.val === undefined && m.acc === undefined;
    case "phase1b":
      return rm && Ballot.includes(m.mbal!) && (b || m.bal === -1) && m.val !== undefined && acc;
    case "phase2a":
      return rm && b && decision && m.mbal === undefined && m.acc === undefined;
    case "phase2b":
      return rm && b && decision && acc && m.mbal === undefined;
    case "Commit":
    case "Abort":
      return [m.ins, m.mbal, m.bal, m.val, m.acc].every((f) => f === undefined);
  }
}

/** The successor `count` times (TLC generates it once per witness). */
function times<S>(count: number, s: S): S[] {
  return Array.from({ length: count }, () => s);
}

interface Constants {
  readonly RM: readonly string[];
  readonly Acceptor: readonly string[];
  readonly Majority: readonly string[][];
  readonly Ballot: readonly number[];
  /** Sets of messages (the type of `msgs`). */
  readonly Msgs: SetDomain<Msg>;
}

/** Message: the union of the record sets of each message type, as one record with optional fields. */
function messageDomain(rms: number, acceptors: number, maxBallot: number) {
  return t.record({
    type: t.enum("phase1a", "phase1b", "phase2a", "phase2b", "Commit", "Abort"),
    ins: t.optional(t.enum(...modelValues("r", rms))),
    mbal: t.optional(t.int(0, maxBallot)),
    bal: t.optional(t.int(-1, maxBallot)),
    val: t.optional(t.enum(...VALS)),
    acc: t.optional(t.enum(...modelValues("a", acceptors))),
  });
}

const constantsOf = new WeakMap<object, Constants>();

/** The model's constant sets, computed once per parameter object. */
function constants(p: { readonly rms: number; readonly acceptors: number; readonly maxBallot: number }): Constants {
  let c = constantsOf.get(p);
  if (!c) {
    const Acceptor = modelValues("a", p.acceptors);
    c = {
      RM: modelValues("r", p.rms),
      Acceptor,
      Majority: majorities(Acceptor),
      Ballot: Array.from({ length: p.maxBallot + 1 }, (_, b) => b),
      Msgs: t.set(messageDomain(p.rms, p.acceptors, p.maxBallot)),
    };
    constantsOf.set(p, c);
  }
  return c;
}

/** `[aState EXCEPT ![ins][acc] = v]` */
function setAcc(s: PcState, ins: string, acc: string, v: AccState): PcState["aState"] {
  return { ...s.aState, [ins]: { ...s.aState[ins], [acc]: v } };
}

export default defineSpec({
  name: "PaxosCommit",
  params: {
    /** |RM|: resource managers r1, r2, … */
    rms: t.int(1, 3).default(2),
    /** |Acceptor|: acceptors a1, a2, …; Majority is every minimal majority of them. */
    acceptors: t.int(1, 5).default(3),
    /** Ballot = 0..maxBallot */
    maxBallot: t.int(0, 2).default(1),
  },
  // PCTypeOK is the schema.
  state: ({ rms, acceptors, maxBallot }) => {
    const RM = t.enum(...modelValues("r", rms));
    const Acceptor = t.enum(...modelValues("a", acceptors));
    const Ballot = t.int(0, maxBallot);
    return {
      rmState: t.map(RM, t.enum("working", "prepared", "committed", "aborted")),
      aState: t.map(RM, t.map(Acceptor, t.record({ mbal: Ballot, bal: t.int(-1, maxBallot), val: t.enum(...VALS) }))),
      msgs: t.set(messageDomain(rms, acceptors, maxBallot)),
    };
  },
  init: (p) => ({
    rmState: Object.fromEntries(constants(p).RM.map((rm) => [rm, "working" as const])),
    aState: Object.fromEntries(
      constants(p).RM.map((rm) => [
        rm,
        Object.fromEntries(constants(p).Acceptor.map((ac) => [ac, { mbal: 0, bal: -1, val: "none" as const }])),
      ]),
    ),
    msgs: constants(p).Msgs.empty,
  }),
  invariants: {
    // PCTypeOK (the schema enforces it too): rmState, aState and msgs within their type sets.
    PCTypeOK: (s, p) => {
      const { RM, Acceptor, Ballot } = constants(p);
      const bal = (b: number | undefined) => b !== undefined && (b === -1 || Ballot.includes(b));
      const mbal = (b: number | undefined) => b !== undefined && Ballot.includes(b);
      return (
        RM.every((rm) => ["working", "prepared", "committed", "aborted"].includes(s.rmState[rm])) &&
        RM.every((rm) => Acceptor.every((ac) => mbal(s.aState[rm][ac].mbal) && bal(s.aState[rm][ac].bal))) &&
        s.msgs.every((m) => isMessage(m, RM, Acceptor, Ballot))
      );
    },
  },
  actions: {
    rmPrepare: (s, p) =>
      exists(
        constants(p).RM,
        (rm) =>
          s.rmState[rm] === "working" && {
            ...s,
            rmState: { ...s.rmState, [rm]: "prepared" as const },
            msgs: s.msgs.with(msg({ type: "phase2a", ins: rm, bal: 0, val: "prepared" })),
          },
      ),
    rmChooseToAbort: (s, p) =>
      exists(
        constants(p).RM,
        (rm) =>
          s.rmState[rm] === "working" && {
            ...s,
            rmState: { ...s.rmState, [rm]: "aborted" as const },
            msgs: s.msgs.with(msg({ type: "phase2a", ins: rm, bal: 0, val: "aborted" })),
          },
      ),
    rmRcvCommitMsg: (s, p) =>
      exists(
        constants(p).RM,
        (rm) => s.msgs.has(COMMIT) && { ...s, rmState: { ...s.rmState, [rm]: "committed" as const } },
      ),
    rmRcvAbortMsg: (s, p) =>
      exists(
        constants(p).RM,
        (rm) => s.msgs.has(ABORT) && { ...s, rmState: { ...s.rmState, [rm]: "aborted" as const } },
      ),
    phase1a: (s, p) =>
      exists(constants(p).Ballot.slice(1), (bal) =>
        exists(constants(p).RM, (rm) => ({ ...s, msgs: s.msgs.with(msg({ type: "phase1a", ins: rm, bal })) })),
      ),
    phase2a: (s, p) =>
      exists(constants(p).Ballot.slice(1), (bal) =>
        exists(constants(p).RM, (rm) => {
          const promises: Msg[] = [];
          for (const m of s.msgs) {
            if (m.type === "phase2a" && m.bal === bal && m.ins === rm) return false;
            if (m.type === "phase1b" && m.ins === rm && m.mbal === bal) promises.push(m);
          }
          return exists(constants(p).Majority, (MS) => {
            const mset = promises.filter((m) => MS.includes(m.acc!));
            // \A ac \in MS : \E m \in mset : m.acc = ac — one generated state per combination of witnesses
            let witnesses = 1;
            for (const ac of MS) witnesses *= mset.filter((m) => m.acc === ac).length;
            if (witnesses === 0) return false;
            const maxbal = Math.max(-1, ...mset.map((m) => m.bal!));
            // CHOOSE m \in mset : m.bal = maxbal — every such m carries the same value in this model
            // (it was proposed in ballot maxbal), so any choice is the deterministic one.
            const val: Decision = maxbal === -1 ? "aborted" : (mset.find((m) => m.bal === maxbal)!.val as Decision);
            return times(witnesses, { ...s, msgs: s.msgs.with(msg({ type: "phase2a", ins: rm, bal, val })) });
          });
        }),
      ),
    decide: (s, p) => {
      const { RM, Majority, Ballot } = constants(p);
      const voted = (rm: string, b: number, v: Decision, acc: string) => s.msgs.has(msg({ type: "phase2b", ins: rm, bal: b, val: v, acc }));
      // Decided(rm, v) == \E b \in Ballot, MS \in Majority : \A ac \in MS : phase2b(rm, b, v, ac) \in msgs
      // — the number of its witnesses (b, MS).
      const decided = (rm: string, v: Decision): number => {
        let witnesses = 0;
        for (const b of Ballot) {
          for (const MS of Majority) if (MS.every((ac) => voted(rm, b, v, ac))) witnesses++;
        }
        return witnesses;
      };
      const commit = RM.reduce((n, rm) => n * decided(rm, "prepared"), 1);
      const abort = RM.reduce((n, rm) => n + decided(rm, "aborted"), 0);
      return [
        ...times(commit, { ...s, msgs: s.msgs.with(COMMIT) }),
        ...times(abort, { ...s, msgs: s.msgs.with(ABORT) }),
      ];
    },
    phase1b: (s, p) =>
      exists(constants(p).Acceptor, (acc) =>
        exists(s.msgs, (m) => {
          if (m.type !== "phase1a") return false;
          const a = s.aState[m.ins!][acc];
          if (!(a.mbal < m.bal!)) return false;
          return {
            ...s,
            aState: setAcc(s, m.ins!, acc, { ...a, mbal: m.bal! }),
            msgs: s.msgs.with(msg({ type: "phase1b", ins: m.ins, mbal: m.bal, bal: a.bal, val: a.val, acc })),
          };
        }),
      ),
    phase2b: (s, p) =>
      exists(constants(p).Acceptor, (acc) =>
        exists(s.msgs, (m) => {
          if (m.type !== "phase2a") return false;
          const a = s.aState[m.ins!][acc];
          if (!(a.mbal <= m.bal!)) return false;
          return {
            ...s,
            aState: setAcc(s, m.ins!, acc, { mbal: m.bal!, bal: m.bal!, val: m.val! }),
            msgs: s.msgs.with(msg({ type: "phase2b", ins: m.ins, bal: m.bal, val: m.val, acc })),
          };
        }),
      ),
  },
});
