import { defineSpec, exists, t } from "interleave-spec";
export default defineSpec({
  name: "scalable",
  params: { n: t.int(1, 8).default(6), k: t.int(1, 8).default(4) },
  state: ({ n, k }) => ({ pc: t.array(n, t.enum("idle", "trying", "cs")), ctr: t.array(n, t.int(0, k - 1)), lock: t.int(0, n) }),
  init: ({ n }) => ({ pc: Array(n).fill("idle"), ctr: Array(n).fill(0), lock: 0 }),
  actions: {
    try: (s, { n }) => exists(t.int(0, n - 1), (p) => s.pc[p] === "idle" && { ...s, pc: s.pc.with(p, "trying") }),
    enter: (s, { n }) => s.lock === 0 && exists(t.int(0, n - 1), (p) => s.pc[p] === "trying" && { ...s, pc: s.pc.with(p, "cs"), lock: p + 1 }),
    exit: (s, { n, k }) => exists(t.int(0, n - 1), (p) => s.pc[p] === "cs" && { pc: s.pc.with(p, "idle"), ctr: s.ctr.with(p, (s.ctr[p] + 1) % k), lock: 0 }),
  },
  invariants: { mutex: (s) => s.pc.filter((x) => x === "cs").length <= 1 },
});
