import { defineSpec, exists, mod, t } from "interleave-spec";

/**
 * Scalable(N, K): the fixed benchmark workload of issue 6. N processes share one lock; each
 * cycles idle → trying → cs → idle and counts its visits to the critical section modulo K.
 * Processes are numbered 1..N (`lock = 0` means free); `pc[p - 1]` and `ctr[p - 1]` are
 * process p's program counter and counter.
 *
 * Reachable states: K^N · 2^(N−1) · (N+2) — N=5,K=4: 114,688; N=7,K=4: 9,437,184.
 */
export default defineSpec({
  name: "scalable",
  params: { n: t.int(1, 12).default(5), k: t.int(1, 16).default(4) },
  state: ({ n, k }) => ({
    pc: t.array(n, t.enum("idle", "trying", "cs")),
    ctr: t.array(n, t.int(0, k - 1)),
    lock: t.int(0, n),
  }),
  init: ({ n }) => ({
    pc: Array.from({ length: n }, () => "idle" as const),
    ctr: Array.from({ length: n }, () => 0),
    lock: 0,
  }),
  actions: {
    try: (s, { n }) => exists(t.int(1, n), (p) => s.pc[p - 1] === "idle" && { ...s, pc: s.pc.with(p - 1, "trying") }),
    enter: (s, { n }) =>
      s.lock === 0 && exists(t.int(1, n), (p) => s.pc[p - 1] === "trying" && { ...s, pc: s.pc.with(p - 1, "cs"), lock: p }),
    exit: (s, { n, k }) =>
      exists(
        t.int(1, n),
        (p) =>
          s.pc[p - 1] === "cs" && {
            pc: s.pc.with(p - 1, "idle"),
            ctr: s.ctr.with(p - 1, mod(s.ctr[p - 1] + 1, k)),
            lock: 0,
          },
      ),
  },
  invariants: {
    mutualExclusion: (s) => s.pc.filter((pc) => pc === "cs").length <= 1,
    lockHolder: (s) => s.pc.every((pc, i) => (pc === "cs") === (s.lock === i + 1)),
  },
});
