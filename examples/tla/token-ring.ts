/**
 * EWD 426: Dijkstra's self-stabilizing token ring.
 *
 * Hand port of `specifications/ewd426/TokenRing.tla` with the model `TokenRing.cfg` from
 * github:tlaplus/Examples at commit 32a32c7 (N = 6 nodes, M = 6 counter values,
 * CHECK_DEADLOCK FALSE). TLC records 46,656 distinct states (= 6^6, every state is initial),
 * 248,832 generated, depth 1.
 */
import { SpecError, defineSpec, exists, mod, t, weak } from "interleave-spec";

type RingState = { readonly c: readonly number[] };

/** `[c EXCEPT ![i] = v]` */
function set(c: readonly number[], i: number, v: number): number[] {
  const next = [...c];
  next[i] = v;
  return next;
}

/**
 * UniqueToken: for some i in 0..N, the counters before i equal c[0] and those from i on equal
 * `(c[0] - 1) % M` (floored, as TLA+'s `%`): exactly one node holds the token.
 */
export function uniqueToken(s: RingState, M: number): boolean {
  const { c } = s;
  const n = c.length;
  for (let i = 0; i <= n; i++) {
    let ok = true;
    for (let j = 0; j < i && ok; j++) ok = c[j] === c[0];
    for (let j = i; j < n && ok; j++) ok = c[j] === mod(c[0] - 1, M);
    if (ok) return true;
  }
  return false;
}

export default defineSpec({
  name: "TokenRing",
  params: { N: t.int(1, 10).default(6), M: t.int(1, 10).default(6) },
  // TypeOK: c \in [Node -> 0..M-1] is the schema.
  state: ({ N, M }) => {
    // ASSUME NMAssumption == N <= M + 1
    if (N > M + 1) throw new SpecError("invalid-param", `TokenRing assumes N <= M + 1, got N = ${N}, M = ${M}`);
    return { c: t.array(N, t.int(0, M - 1)) };
  },
  // Init: any counters (the algorithm stabilizes from any state).
  init: { where: () => true },
  actions: {
    createToken: (s, { N, M }) => s.c[0] === s.c[N - 1] && { c: set(s.c, 0, mod(s.c[N - 1] + 1, M)) },
    passToken: (s, { N }) =>
      exists(
        Array.from({ length: N - 1 }, (_, k) => k + 1),
        (i) => s.c[i] !== s.c[i - 1] && { c: set(s.c, i, s.c[i - 1]) },
      ),
  },
  invariants: {
    // TypeOK: c \in [Node -> 0..M-1] (the schema enforces it too)
    TypeOK: (s, { N, M }) => s.c.length === N && s.c.every((v) => Number.isInteger(v) && v >= 0 && v < M),
  },
  deadlock: false,
  // PROPERTY Stab == <>[]UniqueToken: the ring stabilizes to a single token from any state.
  properties: ({ eventuallyAlways }, { M }) => ({ Stab: eventuallyAlways((s) => uniqueToken(s, M)) }),
  // WF_vars(Next)
  fairness: [weak()],
});
