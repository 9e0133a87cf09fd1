import { defineSpec, t } from "interleave-spec";

export default defineSpec({
  name: "lost update",
  params: { workers: t.int(1, 3).default(2) },
  state: { counter: t.int(0, 3) },
  init: { counter: 0 },
  processes: ({ process }, { workers }) => ({
    worker: process({
      ids: t.int(1, workers),            // worker[1], worker[2]
      locals: { tmp: t.int(0, 3) },      // each worker's own tmp
      init: { tmp: 0 },
      fair: "weak",                      // PlusCal's fair process
      steps: {                           // labels, run in this order, then "Done"
        read: { code: "tmp = counter;", step: (s) => ({ ...s, tmp: s.counter }) },
        write: { code: "counter = tmp + 1;", step: (s) => ({ ...s, counter: s.tmp + 1 }) },
      },
    }),
  }),
  invariants: {
    noLostUpdate: (s, { workers }) =>
      Object.values(s.worker).some((w) => w.pc !== "Done") || s.counter === workers,
  },
});
