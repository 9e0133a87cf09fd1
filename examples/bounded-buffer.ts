/**
 * A bounded buffer of `size` slots: two producers put `items` items each, one consumer takes
 * them — the textbook solution with counting semaphores `empty` and `full`, written with
 * processes. Each producer reserves a free slot (`P(empty)`), reads the shared index `in`,
 * writes its item there, advances `in`, and signals the consumer (`V(full)`).
 *
 * Two variants built by one factory:
 * - `racy` (the seeded bug): the producers share `in` without a lock. Both can read the same
 *   `in` before either advances it, and the second write lands on the first producer's item:
 *   an item is lost, and later the consumer takes from a slot nobody filled.
 * - `locked` (the fix): `in` is read, the slot written and `in` advanced under a mutex
 *   (`p2`/`p6`), as in Dijkstra's solution.
 *
 * The same algorithm in PlusCal is test/fixtures/pluscal/BoundedBuffer.tla (and
 * BoundedBufferRacy.tla, without `p2`/`p6`); each label here is a label there, so the checker
 * and TLC count the same states (the tests pin both).
 */
import { defineSpec, t } from "interleave-spec";

const params = {
  /** Slots in the buffer. */
  size: t.int(1, 3).default(2),
  /** Items each producer puts. */
  items: t.int(1, 3).default(2),
};

/** The buffer's shared state: the slots (0 = empty, else the producer id), the indices, the semaphores, the mutex. */
const shape = ({ size }: { size: number }) => ({
  buf: t.map(t.int(0, size - 1), t.int(0, 2)),
  in: t.int(0, size - 1),
  out: t.int(0, size - 1),
  /** Semaphore: free slots. */
  empty: t.int(0, size),
  /** Semaphore: filled slots the consumer may take. */
  full: t.int(0, size),
  mutex: t.bool(),
  /** History: the first fault seen — a producer overwrote an item, or the consumer took an empty slot. */
  fault: t.enum("none", "overwrite", "emptyTake"),
});

function boundedBuffer(name: string, withMutex: boolean) {
  return defineSpec({
    name,
    params,
    state: shape,
    init: ({ size }) => ({
      buf: Object.fromEntries(Array.from({ length: size }, (_, i) => [i, 0])),
      in: 0,
      out: 0,
      empty: size,
      full: 0,
      mutex: false,
      fault: "none" as const,
    }),
    processes: ({ process }, { size, items }) => {
      // P(mutex) and V(mutex), only in the fixed variant.
      const lock = { p2: { code: "P(mutex)", step: <V extends { readonly mutex: boolean }>(s: V) => !s.mutex && { ...s, mutex: true } } } as const;
      const unlock = { p6: { code: "V(mutex)", step: <V extends { readonly mutex: boolean }>(s: V) => ({ ...s, mutex: false }) } } as const;
      return {
        producer: process({
          ids: t.int(1, 2),
          locals: { k: t.int(0, items), slot: t.int(0, size - 1) },
          init: { k: 0, slot: 0 },
          fair: "weak",
          steps: {
            p1: {
              code: "while (k < items) { P(empty);",
              step: (s) => (s.k < items ? s.empty > 0 && { ...s, empty: s.empty - 1 } : { ...s, goto: "Done" }),
            },
            ...(withMutex ? lock : {}),
            p3: { code: "slot = in;", step: (s) => ({ ...s, slot: s.in }) },
            p4: {
              code: "buf[slot] = item;",
              step: (s, self) => ({
                ...s,
                buf: { ...s.buf, [s.slot]: self },
                fault: s.buf[s.slot] !== 0 && s.fault === "none" ? ("overwrite" as const) : s.fault,
              }),
            },
            p5: { code: "in = (slot + 1) % size;", step: (s) => ({ ...s, in: (s.slot + 1) % size }) },
            ...(withMutex ? unlock : {}),
            p7: { code: "V(full); k++; }", step: (s) => ({ ...s, full: s.full + 1, k: s.k + 1, goto: "p1" }) },
          },
        }),
        consumer: process({
          ids: t.int(0, 0),
          locals: { got: t.int(0, 2 * items) },
          init: { got: 0 },
          fair: "weak",
          steps: {
            c1: {
              code: "while (got < 2 * items) { P(full);",
              step: (s) => (s.got < 2 * items ? s.full > 0 && { ...s, full: s.full - 1 } : { ...s, goto: "Done" }),
            },
            c2: {
              code: "item = buf[out]; buf[out] = 0; out = (out + 1) % size;",
              step: (s) => ({
                ...s,
                buf: { ...s.buf, [s.out]: 0 },
                out: (s.out + 1) % size,
                fault: s.buf[s.out] === 0 && s.fault === "none" ? ("emptyTake" as const) : s.fault,
              }),
            },
            c3: { code: "V(empty); got++; }", step: (s) => ({ ...s, empty: s.empty + 1, got: s.got + 1, goto: "c1" }) },
          },
        }),
      };
    },
    invariants: {
      noFault: {
        holds: (s) => s.fault === "none",
        message: (s) =>
          s.fault === "overwrite" ? "a producer wrote a slot that still held an unconsumed item: that item is lost" : "the consumer took an item from an empty slot",
      },
    },
    // Every process ends: all items are put and taken (PlusCal's Termination).
    properties: ({ eventually }) => ({
      allDone: eventually((s) => s.consumer[0].pc === "Done" && s.producer[1].pc === "Done" && s.producer[2].pc === "Done"),
    }),
  });
}

/** The seeded bug: the producers read and advance `in` without a lock. */
export const racy = boundedBuffer("bounded buffer (racy producers)", false);

/** The fix: a mutex around reading `in`, writing the slot and advancing `in`. */
export const locked = boundedBuffer("bounded buffer (producers under a mutex)", true);

export default racy;
