import { defineSpec, exists, t } from "interleave-spec";

/** A counter that two actions move towards a bound: the smallest complete spec. */
export default defineSpec({
  name: "counter",
  params: { max: t.int(1, 10).default(3) },
  state: ({ max }) => ({ n: t.int(0, max), mode: t.enum("idle", "busy") }),
  init: { n: 0, mode: "idle" },
  actions: {
    start: (s) => s.mode === "idle" && { ...s, mode: "busy" },
    add: (s, { max }) => s.mode === "busy" && exists(t.int(1, 2), (k) => s.n + k <= max && { ...s, n: s.n + k }),
    stop: (s) => s.mode === "busy" && { ...s, mode: "idle" },
  },
  invariants: {
    bounded: (s, { max }) => s.n <= max,
  },
  deadlock: false,
});
