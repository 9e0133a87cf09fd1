/**
 * EWD 840: Dijkstra's termination detection on a ring (Dijkstra, Feijen, van Gasteren).
 *
 * Hand port of `specifications/ewd840/EWD840.tla` with the model `EWD840.cfg` from
 * github:tlaplus/Examples at commit 32a32c7 (N = 3, CHECK_DEADLOCK FALSE).
 * TLC records 302 distinct states, 2,001 states generated, depth 10 (the true BFS depth is 9).
 *
 * TLC branching: TLC generates one successor per true disjunct of a disjunction it meets while
 * computing successors, even when the disjunction is a pure guard. `InitiateProbe` and
 * `PassToken(i)` are guarded by such disjunctions, so they return their successor once per true
 * disjunct (see {@link trueDisjuncts}); this is what makes the generated count 2,001.
 */
import { defineSpec, exists, t, weak } from "interleave-spec";

type Color = "white" | "black";

/** How many of the disjuncts of a guard `A \/ B \/ ...` hold: TLC generates one successor per true disjunct. */
function trueDisjuncts(...disjuncts: boolean[]): number {
  return disjuncts.filter(Boolean).length;
}

/** The successor `s`, once per true disjunct of its guard. */
function perDisjunct<S>(s: S, ...disjuncts: boolean[]): S[] {
  return Array.from({ length: trueDisjuncts(...disjuncts) }, () => s);
}

/** The integers `from..to` (empty when `to < from`), as TLA+'s `from..to`. */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
}

function repaint(color: readonly Color[], i: number, c: Color): Color[] {
  const next = [...color];
  next[i] = c;
  return next;
}

/** State predicates of EWD840 (also used by the liveness property and the refinement check). */
export const ewd840Predicates = {
  /** `terminated`: every node is inactive. */
  terminated: (s: { readonly active: readonly boolean[] }) => s.active.every((a) => !a),
  /** `terminationDetected`: node 0 holds a white token, is white and inactive. */
  terminationDetected: (s: {
    readonly active: readonly boolean[];
    readonly color: readonly Color[];
    readonly tpos: number;
    readonly tcolor: Color;
  }) => s.tpos === 0 && s.tcolor === "white" && s.color[0] === "white" && !s.active[0],
};

const { terminated, terminationDetected } = ewd840Predicates;

export default defineSpec({
  name: "EWD840",
  params: { N: t.int(1, 8).default(3) },
  // TypeOK is the schema: active ∈ [Node → BOOLEAN], color ∈ [Node → Color], tpos ∈ Node, tcolor ∈ Color.
  state: ({ N }) => ({
    active: t.array(N, t.bool()),
    color: t.array(N, t.enum("white", "black")),
    tpos: t.int(0, N - 1),
    tcolor: t.enum("white", "black"),
  }),
  // Init: every type-correct state whose token is black.
  init: { where: (s) => s.tcolor === "black" },
  actions: {
    // System: InitiateProbe \/ \E i \in Node \ {0} : PassToken(i)
    initiateProbe: (s, { N }) =>
      s.tpos === 0 &&
      perDisjunct(
        { ...s, tpos: N - 1, tcolor: "white" as const, color: repaint(s.color, 0, "white") },
        s.tcolor === "black",
        s.color[0] === "black",
      ),
    passToken: (s, { N }) =>
      exists(range(1, N - 1), (i) =>
        s.tpos === i &&
        perDisjunct(
          {
            ...s,
            tpos: i - 1,
            tcolor: s.color[i] === "black" ? ("black" as const) : s.tcolor,
            color: repaint(s.color, i, "white"),
          },
          !s.active[i],
          s.color[i] === "black",
          s.tcolor === "black",
        ),
      ),
    // Environment: \E i \in Node : SendMsg(i) \/ Deactivate(i)
    sendMsg: (s, { N }) =>
      exists(t.int(0, N - 1), (i) =>
        s.active[i] &&
        exists(t.int(0, N - 1), (j) => {
          if (j === i) return false;
          const active = [...s.active];
          active[j] = true;
          return { ...s, active, color: j > i ? repaint(s.color, i, "black") : s.color };
        }),
      ),
    deactivate: (s, { N }) =>
      exists(t.int(0, N - 1), (i) => {
        if (!s.active[i]) return false;
        const active = [...s.active];
        active[i] = false;
        return { ...s, active };
      }),
  },
  invariants: {
    // TypeOK (the schema enforces it too; kept so the port checks the cfg's invariants)
    TypeOK: (s, { N }) =>
      s.active.length === N &&
      s.color.length === N &&
      s.color.every((c) => c === "white" || c === "black") &&
      Number.isInteger(s.tpos) &&
      s.tpos >= 0 &&
      s.tpos < N &&
      (s.tcolor === "white" || s.tcolor === "black"),
    TerminationDetection: {
      holds: (s) => !terminationDetected(s) || terminated(s),
      message: "node 0 detected termination while some node is still active",
    },
    // Dijkstra's inductive invariant: P0 \/ P1 \/ P2.
    Inv: (s, { N }) => {
      let p0 = true;
      for (let i = s.tpos + 1; i < N; i++) if (s.active[i]) p0 = false;
      const p1 = s.color.slice(0, s.tpos + 1).includes("black");
      const p2 = s.tcolor === "black";
      return p0 || p1 || p2;
    },
  },
  deadlock: false,
  // PROPERTY Liveness. The cfg's other PROPERTY, TDSpec (refinement of SyncTerminationDetection),
  // is not a temporal formula over states: {@link refinesSyncTerminationDetection} states its steps.
  properties: ({ leadsTo }) => ({ Liveness: leadsTo(terminated, terminationDetected) }),
  // WF_vars(System), System == InitiateProbe \/ \E i \in Node \ {0} : PassToken(i)
  fairness: [weak(["initiateProbe", "passToken"])],
});

/**
 * The safety part of TDSpec as a step predicate: under the refinement mapping
 * `terminationDetected ↦ terminationDetected(s)`, every step of EWD840 is a step of
 * SyncTerminationDetection (Terminate(i), Wakeup(i, j), DetectTermination) or leaves
 * `<<active, terminationDetected>>` unchanged. `TD!Init` is checked on initial states by
 * {@link syncInit}.
 */
export function refinesSyncTerminationDetection(
  from: Parameters<typeof terminationDetected>[0],
  to: Parameters<typeof terminationDetected>[0],
): boolean {
  const n = from.active.length;
  const tdFrom = terminationDetected(from);
  const tdTo = terminationDetected(to);
  const sameActive = from.active.every((a, i) => a === to.active[i]);
  if (sameActive && tdFrom === tdTo) return true; // stuttering step of the abstract spec
  for (let i = 0; i < n; i++) {
    // Terminate(i): active[i] goes FALSE; terminationDetected' ∈ {terminationDetected, terminated'}
    const terminate =
      from.active[i] &&
      to.active.every((a, k) => (k === i ? !a : a === from.active[k])) &&
      (tdTo === tdFrom || tdTo === terminated(to));
    if (terminate) return true;
    for (let j = 0; j < n; j++) {
      // Wakeup(i, j): an active node activates j; terminationDetected unchanged
      const wakeup = from.active[i] && to.active.every((a, k) => (k === j ? a : a === from.active[k])) && tdTo === tdFrom;
      if (wakeup) return true;
    }
  }
  // DetectTermination
  return terminated(from) && tdTo && sameActive;
}

/** `TD!Init`: `terminationDetected \in {FALSE, terminated}`. */
export function syncInit(s: Parameters<typeof terminationDetected>[0]): boolean {
  return !terminationDetected(s) || terminated(s);
}
