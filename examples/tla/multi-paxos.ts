/**
 * MultiPaxos in state-machine-replication style: replicas replicate a log of client write and
 * read commands on one key; linearizability is checked on the client-observed events.
 *
 * Hand port of the PlusCal translation in `specifications/MultiPaxos-SMR/MultiPaxos.tla` with
 * `MultiPaxos_MC.tla` and the model `MultiPaxos_MC_small.cfg` from github:tlaplus/Examples at
 * commit 32a32c7: Replicas = {s1, s2, s3}, Writes = {w1}, Reads = {r1}, MaxBallot = 2,
 * INVARIANTS TypeOK Linearizability, CHECK_DEADLOCK TRUE, SYMMETRY SymmetricPerms (the
 * permutations of the replicas; Writes and Reads have one element, so none of theirs). TLC
 * records 343,796 distinct states, 736,012 generated, depth 28.
 *
 * Translation choices:
 * - `msgs`, a set of records of five shapes, is kept as five sets, one per message type; their
 *   union is the TLA+ set, one for one. A client event is one record type with `val` absent for
 *   a request.
 * - Each disjunct of the PlusCal loop `rloop(self)` is an action quantified over the replica
 *   `self`, named after its macro; `finish` is the loop's exit (`pc' = "Done"` once terminated)
 *   and `terminating` the translation's stuttering step once every replica is done.
 * - Generated count: TLC generates one successor per `\E` witness it meets while computing
 *   successors, guards included: `takeNewRequest`'s guard `\E s \in Slots : … = "Empty"` yields
 *   its successor once per empty slot.
 * - Replicas form an enum domain, like TLC's model values, declared symmetric.
 */
import { defineSpec, equals, exists, t } from "interleave-spec";

export const REPLICAS = ["s1", "s2", "s3"] as const;
const WRITES = ["w1"] as const;
const COMMANDS = ["w1", "r1"] as const; // Writes \cup Reads, in TLC's order of model values
const NUM_COMMANDS = COMMANDS.length;
const MAJORITY = Math.floor(REPLICAS.length / 2) + 1;
const SLOTS = [1, 2] as const; // 1..NumCommands
type Replica = (typeof REPLICAS)[number];
type Command = (typeof COMMANDS)[number];
type CmdOrNil = Command | "nil";
type Status = "Empty" | "Preparing" | "Accepting" | "Committed";

const Replica = t.enum(...REPLICAS);
const Cmd = t.enum(...COMMANDS);
const CmdOrNil = t.enum("nil", ...COMMANDS);
const Ballot = t.int(1, 2); // 1..MaxBallot
const BallotOrZero = t.int(0, 2);
const Slot = t.int(1, 2);
const Vote = t.record({ bal: BallotOrZero, cmd: CmdOrNil });
const Inst = t.record({ status: t.enum("Empty", "Preparing", "Accepting", "Committed"), cmd: CmdOrNil, voted: Vote });
const Node = t.record({
  leader: t.enum("none", ...REPLICAS),
  kvalue: t.enum("nil", ...WRITES),
  commitUpTo: t.int(0, NUM_COMMANDS),
  balPrepared: BallotOrZero,
  balMaxKnown: BallotOrZero,
  insts: t.map(Slot, Inst),
});
const ClientEvent = t.record({ type: t.enum("Req", "Ack"), cmd: Cmd, val: t.optional(t.enum("nil", ...WRITES)) });

interface VoteValue {
  readonly bal: number;
  readonly cmd: CmdOrNil;
}
interface InstValue {
  readonly status: Status;
  readonly cmd: CmdOrNil;
  readonly voted: VoteValue;
}
type Insts = { readonly [slot: number]: InstValue };
interface NodeValue {
  readonly leader: Replica | "none";
  readonly kvalue: "nil" | "w1";
  readonly commitUpTo: number;
  readonly balPrepared: number;
  readonly balMaxKnown: number;
  readonly insts: Insts;
}
interface EventValue {
  readonly type: "Req" | "Ack";
  readonly cmd: Command;
  readonly val: "nil" | "w1" | undefined;
}

const nullInst: InstValue = { status: "Empty", cmd: "nil", voted: { bal: 0, cmd: "nil" } };
const nullNode: NodeValue = { leader: "none", kvalue: "nil", commitUpTo: 0, balPrepared: 0, balMaxKnown: 0, insts: { 1: nullInst, 2: nullInst } };
const mapSlots = (f: (s: 1 | 2) => InstValue): Insts => ({ 1: f(1), 2: f(2) });
/** VotesByNode(n). */
const votesOf = (n: NodeValue) => ({ 1: n.insts[1].voted, 2: n.insts[2].voted });
/** Statuses after a new ballot: an instance being accepted is being prepared again. */
const reprepare = (insts: Insts): Insts => mapSlots((s) => ({ ...insts[s], status: insts[s].status === "Accepting" ? "Preparing" : insts[s].status }));
const isWrite = (c: CmdOrNil): c is "w1" => (WRITES as readonly string[]).includes(c);
/** Observe(e): append the event unless already observed. */
const observe = (observed: readonly EventValue[], e: EventValue): readonly EventValue[] => (observed.some((o) => equals(o, e)) ? observed : [...observed, e]);

const Prepares = t.set(t.record({ src: Replica, bal: Ballot }));
const PrepareReplies = t.set(t.record({ src: Replica, bal: Ballot, votes: t.map(Slot, Vote) }));
const Accepts = t.set(t.record({ src: Replica, bal: Ballot, slot: Slot, cmd: Cmd }));
const AcceptReplies = t.set(t.record({ src: Replica, bal: Ballot, slot: Slot }));
const CommitNotices = t.set(Slot);

const spec = defineSpec({
  name: "MultiPaxos",
  state: {
    prepare: Prepares,
    prepareReply: PrepareReplies,
    accept: Accepts,
    acceptReply: AcceptReplies,
    commitNotice: CommitNotices,
    node: t.map(Replica, Node),
    pending: t.seq(Cmd, NUM_COMMANDS),
    observed: t.seq(ClientEvent, 2 * NUM_COMMANDS),
    pc: t.map(Replica, t.enum("rloop", "Done")),
  },
  init: {
    prepare: Prepares.empty,
    prepareReply: PrepareReplies.empty,
    accept: Accepts.empty,
    acceptReply: AcceptReplies.empty,
    commitNotice: CommitNotices.empty,
    node: { s1: nullNode, s2: nullNode, s3: nullNode },
    pending: ["w1", "r1"], // InitPending: the writes, then the reads
    observed: [],
    pc: { s1: "rloop", s2: "rloop", s3: "rloop" },
  },
  actions: {
    becomeLeader: (s) =>
      exists(Replica, (self) => {
        const n = s.node[self];
        if (!looping(s, self) || n.leader === self) return false;
        return exists(Ballot, (b) => {
          if (!(b > n.balMaxKnown) || s.prepare.some((m) => m.bal === b)) return false;
          const next: NodeValue = { ...n, leader: self, balPrepared: 0, balMaxKnown: b, insts: reprepare(n.insts) };
          return {
            ...s,
            node: { ...s.node, [self]: next },
            prepare: s.prepare.with({ src: self, bal: b }),
            prepareReply: s.prepareReply.with({ src: self, bal: b, votes: votesOf(next) }),
          };
        });
      }),
    handlePrepare: (s) =>
      exists(Replica, (self) => {
        const n = s.node[self];
        if (!looping(s, self)) return false;
        return exists(s.prepare, (m) => {
          if (!(m.bal > n.balMaxKnown)) return false;
          const next: NodeValue = { ...n, leader: m.src, balMaxKnown: m.bal, insts: reprepare(n.insts) };
          return { ...s, node: { ...s.node, [self]: next }, prepareReply: s.prepareReply.with({ src: self, bal: m.bal, votes: votesOf(next) }) };
        });
      }),
    handlePrepareReplies: (s) =>
      exists(Replica, (self) => {
        const n = s.node[self];
        if (!looping(s, self) || n.leader !== self || n.balPrepared !== 0) return false;
        const prs = [...s.prepareReply].filter((m) => m.bal === n.balMaxKnown);
        if (prs.length < MAJORITY) return false;
        const insts = mapSlots((slot) => {
          const peak = peakVotedCmd(prs, slot);
          const status = n.insts[slot].status;
          return { ...n.insts[slot], status: status === "Preparing" || (status === "Empty" && peak !== "nil") ? "Accepting" : status, cmd: peak };
        });
        const next: NodeValue = { ...n, balPrepared: n.balMaxKnown, insts };
        const accepts = SLOTS.filter((slot) => insts[slot].status === "Accepting").map((slot) => ({ src: self, bal: next.balPrepared, slot, cmd: insts[slot].cmd as Command }));
        return { ...s, node: { ...s.node, [self]: next }, accept: s.accept.union(Accepts.from(accepts)) };
      }),
    takeNewRequest: (s) =>
      exists(Replica, (self) => {
        const n = s.node[self];
        if (!looping(s, self) || n.leader !== self || n.balPrepared !== n.balMaxKnown) return false;
        // \E s \in Slots : insts[s].status = "Empty" — one successor per witness, as TLC generates them.
        return exists(
          SLOTS.filter((slot) => n.insts[slot].status === "Empty"),
          (_empty) => {
            const unseen = s.pending.filter((c) => !SLOTS.some((slot) => n.insts[slot].cmd === c));
            if (unseen.length === 0) return false;
            const slot = SLOTS.find((x) => n.insts[x].status === "Empty")!; // FirstEmptySlot
            const c = unseen[0];
            const next: NodeValue = { ...n, insts: { ...n.insts, [slot]: { status: "Accepting", cmd: c, voted: { bal: n.balPrepared, cmd: c } } } };
            return {
              ...s,
              node: { ...s.node, [self]: next },
              accept: s.accept.with({ src: self, bal: n.balPrepared, slot, cmd: c }),
              acceptReply: s.acceptReply.with({ src: self, bal: n.balPrepared, slot }),
              observed: observe(s.observed, { type: "Req", cmd: c, val: undefined }),
            };
          },
        );
      }),
    handleAccept: (s) =>
      exists(Replica, (self) => {
        const n = s.node[self];
        if (!looping(s, self)) return false;
        return exists(s.accept, (m) => {
          const slot = m.slot as 1 | 2;
          if (!(m.bal >= n.balMaxKnown && m.bal > n.insts[slot].voted.bal)) return false;
          const next: NodeValue = {
            ...n,
            leader: m.src,
            balMaxKnown: m.bal,
            insts: { ...n.insts, [slot]: { status: "Accepting", cmd: m.cmd, voted: { bal: m.bal, cmd: m.cmd } } },
          };
          return { ...s, node: { ...s.node, [self]: next }, acceptReply: s.acceptReply.with({ src: self, bal: m.bal, slot }) };
        });
      }),
    handleAcceptReplies: (s) =>
      exists(Replica, (self) => {
        const n = s.node[self];
        if (!looping(s, self) || n.leader !== self || n.balPrepared !== n.balMaxKnown || n.commitUpTo >= NUM_COMMANDS) return false;
        const slot = (n.commitUpTo + 1) as 1 | 2;
        if (n.insts[slot].status !== "Accepting") return false;
        const c = n.insts[slot].cmd;
        const ars = [...s.acceptReply].filter((m) => m.slot === slot && m.bal === n.balPrepared);
        if (ars.length < MAJORITY) return false;
        const next: NodeValue = { ...n, insts: { ...n.insts, [slot]: { ...n.insts[slot], status: "Committed" } }, commitUpTo: slot, kvalue: isWrite(c) ? c : n.kvalue };
        return {
          ...s,
          node: { ...s.node, [self]: next },
          observed: observe(s.observed, { type: "Ack", cmd: c as Command, val: n.kvalue }),
          pending: s.pending.filter((x) => x !== c), // RemovePending(c)
          commitNotice: s.commitNotice.with(slot),
        };
      }),
    handleCommitNotice: (s) =>
      exists(Replica, (self) => {
        const n = s.node[self];
        if (!looping(s, self) || n.leader === self || n.commitUpTo >= NUM_COMMANDS) return false;
        const slot = (n.commitUpTo + 1) as 1 | 2;
        if (n.insts[slot].status !== "Accepting") return false;
        const c = n.insts[slot].cmd;
        return exists(s.commitNotice, (upto) => {
          if (upto !== slot) return false;
          const next: NodeValue = { ...n, insts: { ...n.insts, [slot]: { ...n.insts[slot], status: "Committed" } }, commitUpTo: slot, kvalue: isWrite(c) ? c : n.kvalue };
          return { ...s, node: { ...s.node, [self]: next } };
        });
      }),
    finish: (s) => exists(Replica, (self) => s.pc[self] === "rloop" && terminated(s) && { ...s, pc: { ...s.pc, [self]: "Done" as const } }),
    terminating: (s) => REPLICAS.every((r) => s.pc[r] === "Done") && s,
  },
  invariants: {
    // The schema holds every message, node and event to its type; these are TypeOK's other conjuncts.
    TypeOK: (s) =>
      new Set(s.pending).size === s.pending.length &&
      s.observed.every((e, i) => s.observed.findIndex((o) => equals(o, e)) === i) &&
      reqsMade(s).size >= acksRecv(s).size,
    Linearizability: { when: (s) => terminated(s), holds: (s) => linearizable(s.observed), message: "the client-observed events have no linear order" },
  },
  symmetry: [Replica],
});
export default spec;

/** The loop is running at `self` and has not terminated (the THEN branch of rloop). */
function looping(s: { readonly pc: { readonly [r: string]: string }; readonly pending: readonly Command[]; readonly observed: readonly EventValue[] }, self: Replica): boolean {
  return s.pc[self] === "rloop" && !terminated(s);
}

function reqsMade(s: { readonly observed: readonly EventValue[] }): Set<Command> {
  return new Set(s.observed.filter((e) => e.type === "Req").map((e) => e.cmd));
}

function acksRecv(s: { readonly observed: readonly EventValue[] }): Set<Command> {
  return new Set(s.observed.filter((e) => e.type === "Ack").map((e) => e.cmd));
}

/** `terminated`: nothing pending, every command requested and acknowledged. */
export function terminated(s: { readonly pending: readonly Command[]; readonly observed: readonly EventValue[] }): boolean {
  return s.pending.length === 0 && reqsMade(s).size === NUM_COMMANDS && acksRecv(s).size === NUM_COMMANDS;
}

/** PeakVotedCmd(prs, s): the command voted with the highest ballot in slot s, "nil" when none voted. */
function peakVotedCmd(prs: readonly { readonly votes: { readonly [slot: number]: VoteValue } }[], slot: 1 | 2): CmdOrNil {
  if (prs.every((pr) => pr.votes[slot].bal === 0)) return "nil";
  const top = Math.max(...prs.map((pr) => pr.votes[slot].bal));
  // CHOOSE bc \in Ballots \X Commands: the first command, in TLC's order, voted at the top ballot.
  return COMMANDS.find((c) => prs.some((pr) => pr.votes[slot].bal === top && pr.votes[slot].cmd === c))!;
}

/** Linearizability's body: some order of the commands agrees with every result and with real time. */
export function linearizable(observed: readonly EventValue[]): boolean {
  const pos = (type: "Req" | "Ack", c: Command) => observed.findIndex((e) => e.type === type && e.cmd === c) + 1;
  const result = (c: Command) => observed[pos("Ack", c) - 1].val;
  const orders = permutations([...COMMANDS]);
  return orders.some((order) => {
    const lastWriteBefore = (j: number): CmdOrNil => {
      for (let k = j - 1; k >= 0; k--) if (isWrite(order[k])) return order[k];
      return "nil";
    };
    const linear = order.every((c, j) => result(c) === lastWriteBefore(j));
    const realTime = COMMANDS.every((c1) => COMMANDS.every((c2) => !(pos("Ack", c1) < pos("Req", c2)) || order.indexOf(c1) < order.indexOf(c2)));
    return linear && realTime;
  });
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}
