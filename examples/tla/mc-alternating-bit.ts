/**
 * The Alternating Bit protocol from Lamport's "Specifying Systems" (chapter 14, TLC).
 *
 * Hand port of `specifications/SpecifyingSystems/TLC/AlternatingBit.tla` with the model
 * `MCAlternatingBit.tla` / `MCAlternatingBit.cfg` from github:tlaplus/Examples at commit 32a32c7:
 * Data = {d1, d2} (model values), msgQLen = 2, ackQLen = 2, CONSTRAINT SeqConstraint, deadlock
 * checking on. TLC records 240 distinct states, 1,392 states generated, depth 10.
 *
 * The queues are unbounded in TLA+; the model bounds the explored states with the constraint
 * `Len(msgQ) <= msgQLen /\ Len(ackQ) <= ackQLen`. A successor one message longer is still
 * generated (and counted, and its invariants checked) before the constraint drops it, so the
 * schema lets each queue hold one more element than the constraint allows.
 */
import { defineSpec, exists, strong, t, weak } from "interleave-spec";

/** The model values `d1 .. dN`. */
export function dataValues(n: number): string[] {
  return Array.from({ length: n }, (_, k) => `d${k + 1}`);
}

/** The indices `1..n` of a sequence, as in TLA+. */
function indices(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k + 1);
}

/** `q` without its `i`-th element (1-based), as `Lose(q)` builds it. */
function without<T>(q: readonly T[], i: number): T[] {
  return q.filter((_, k) => k !== i - 1);
}

export default defineSpec({
  name: "MCAlternatingBit",
  params: {
    /** |Data|: the model values d1, d2, … */
    data: t.int(1, 4).default(2),
    msgQLen: t.int(0, 4).default(2),
    ackQLen: t.int(0, 4).default(2),
  },
  // ABTypeInv is the schema (queues bounded one past the constraint, see above).
  state: ({ data, msgQLen, ackQLen }) => ({
    msgQ: t.seq(t.tuple(t.int(0, 1), t.enum(...dataValues(data))), msgQLen + 1),
    ackQ: t.seq(t.int(0, 1), ackQLen + 1),
    sBit: t.int(0, 1),
    sAck: t.int(0, 1),
    rBit: t.int(0, 1),
    sent: t.enum(...dataValues(data)),
    rcvd: t.enum(...dataValues(data)),
  }),
  // ABInit: empty queues, sAck = rBit = sBit, any sent and rcvd.
  init: { where: (s) => s.msgQ.length === 0 && s.ackQ.length === 0 && s.sAck === s.sBit && s.rBit === s.sBit },
  actions: {
    sndNewValue: (s, { data }) =>
      s.sAck === s.sBit &&
      exists(dataValues(data), (d) => {
        const sBit = 1 - s.sBit;
        return { ...s, sent: d, sBit, msgQ: [...s.msgQ, [sBit, d] as const] };
      }),
    reSndMsg: (s) => s.sAck !== s.sBit && { ...s, msgQ: [...s.msgQ, [s.sBit, s.sent] as const] },
    rcvMsg: (s) => s.msgQ.length > 0 && { ...s, msgQ: s.msgQ.slice(1), rBit: s.msgQ[0][0], rcvd: s.msgQ[0][1] },
    sndAck: (s) => ({ ...s, ackQ: [...s.ackQ, s.rBit] }),
    rcvAck: (s) => s.ackQ.length > 0 && { ...s, ackQ: s.ackQ.slice(1), sAck: s.ackQ[0] },
    // Lose(q): \E i \in 1..Len(q) — losing either of two equal messages is two generated states.
    loseMsg: (s) => exists(indices(s.msgQ.length), (i) => ({ ...s, msgQ: without(s.msgQ, i) })),
    loseAck: (s) => exists(indices(s.ackQ.length), (i) => ({ ...s, ackQ: without(s.ackQ, i) })),
  },
  invariants: {
    // ABTypeInv (the schema enforces it too, with the queues bounded as explained above)
    ABTypeInv: (s, { data }) => {
      const D = dataValues(data);
      const bit = (b: number) => b === 0 || b === 1;
      return (
        s.msgQ.every(([b, d]) => bit(b) && D.includes(d)) &&
        s.ackQ.every(bit) &&
        [s.sBit, s.sAck, s.rBit].every(bit) &&
        D.includes(s.sent) &&
        D.includes(s.rcvd)
      );
    },
  },
  // SeqConstraint
  constraint: (s, { msgQLen, ackQLen }) => s.msgQ.length <= msgQLen && s.ackQ.length <= ackQLen,
  // PROPERTY SentLeadsToRcvd == \A d \in Data : (sent = d) /\ (sBit # sAck) ~> (rcvd = d), one property per d.
  properties: ({ leadsTo }, { data }) =>
    Object.fromEntries(
      dataValues(data).map((d) => [
        `SentLeadsToRcvd(${d})`,
        leadsTo(
          (s) => s.sent === d && s.sBit !== s.sAck,
          (s) => s.rcvd === d,
        ),
      ]),
    ),
  // ABFairness == WF(ReSndMsg) /\ WF(SndAck) /\ SF(RcvMsg) /\ SF(RcvAck)
  fairness: [weak("reSndMsg"), weak("sndAck"), strong("rcvMsg"), strong("rcvAck")],
});

type AbState = {
  readonly sBit: number;
  readonly sAck: number;
  readonly rBit: number;
  readonly sent: string;
  readonly rcvd: string;
};

/**
 * The safety part of the cfg's PROPERTY ABCSpec (ABCorrectness, with its variables mapped to
 * the same-named variables): every step is an `ABCNext` step or leaves
 * `<<sBit, sAck, rBit, sent, rcvd>>` unchanged. `ABCInit` holds of every initial state by
 * construction (it is ABInit without the queues). The fairness part is temporal.
 */
export function refinesABCorrectness(from: AbState, to: AbState): boolean {
  const same = (keys: readonly (keyof AbState)[]) => keys.every((k) => from[k] === to[k]);
  if (same(["sBit", "sAck", "rBit", "sent", "rcvd"])) return true;
  // CSndNewValue(d)
  if (from.sAck === from.sBit && to.sBit === 1 - from.sBit && same(["sAck", "rBit", "rcvd"])) return true;
  // CRcvMsg
  if (from.rBit !== from.sBit && to.rBit === from.sBit && to.rcvd === from.sent && same(["sBit", "sAck", "sent"])) {
    return true;
  }
  // CRcvAck
  return from.rBit !== from.sAck && to.sAck === from.rBit && same(["sBit", "rBit", "sent", "rcvd"]);
}
