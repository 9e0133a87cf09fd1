import { describe, expect, it } from "vitest";
import { memory, type MemoryState } from "interleave-spec/memory";
import { error, ok } from "./helpers.ts";
import { raSettled } from "../../src/memory/promising-queries.ts";
import { raFence, raInit, raPromise, raReads, raStore, raWrite, type RaMemory, type RaShape } from "../../src/memory/promising.ts";

const locations = { x: [0, 2], y: [0, 2], l: [0, 1] } as const;
type L = keyof typeof locations;
const ra = (extra: { bound?: number; promises?: number; cpus?: number } = {}) => memory({ model: "ra", cpus: 2, locations, ...extra });
const xchg = (val: number) => () => val;

describe("ra: exclusive read-modify-writes and promises", () => {
  it("an xchg may fulfil its CPU's promise: the exclusive pair reads the message before it and makes no new one", () => {
    const m = ra();
    const p = ok(m.promise(m.init(), 0, "x", 1));
    const early = m.loads(p, 1, "x").find((l) => l.val === 1)!.memory; // CPU 1 reads the promised x=1 first
    const outcomes = m.rmw(early, 0, "x", xchg(1));
    // Reading its own promised x=1 and appending is an outcome too, but it strands the promise: it never settles.
    expect(outcomes.map((o) => o.read)).toEqual(["x=0 (stale: a newer store is in memory) (fulfils its promise)", "x=1"]);
    expect(outcomes.map((o) => m.drained(o.memory))).toEqual([true, false]);
    // No new message: the promised one is the only one left (x=0 is collected, both CPUs are past it).
    expect(outcomes[0].memory.msgs!.filter((msg) => msg.loc === "x")).toEqual([{ loc: "x", val: 1, cpu: 0 }]);
    // atomicAdd and spin_lock return one state, the pair that reads the newest message, as before:
    // a promise it fulfils must lie after its read, so they never fulfil one (rmw has every outcome).
    expect(m.drained(ok(m.atomicAdd(p, 0, "x", 1)))).toBe(false);
    expect(m.lock(ok(m.promise(m.init(), 0, "l", 1)), 0, "l")).toBe(false); // the newest l is its own promised 1: held
  });

  it("exclusivity: no other CPU's message to the location may lie between the read and the write", () => {
    const m = ra();
    // x: 0, then CPU 1's 2, then CPU 0's promised 1. Reading x=0 would put CPU 1's store in between.
    const p = ok(m.promise(ok(m.store(m.init(), 1, "x", 2)), 0, "x", 1));
    expect(m.rmw(p, 0, "x", xchg(1)).map((o) => o.read)).toEqual(["x=2 (stale: a newer store is in memory) (fulfils its promise)", "x=1"]);
    // Appending after a read needs the read to be the newest message of another CPU.
    const s = ok(m.store(m.init(), 1, "x", 2));
    expect(m.rmw(s, 0, "x", xchg(1)).map((o) => o.read)).toEqual(["x=2"]);
    // A failed cmpxchg is a plain read and may still return the stale value.
    expect(m.rmw(s, 0, "x", (old) => (old === 1 ? 2 : undefined)).map((o) => o.read)).toEqual(["x=0 (stale: a newer store is in memory) (fails)", "x=2 (fails)"]);
  });
});

describe("ra: the message bound is never silent", () => {
  it("memory() refuses a bound that does not exceed the promises, naming both", () => {
    expect(error(() => ra({ bound: 1, promises: 1 }))).toMatch(/under ra, bound \(messages kept per location, got 1\) must exceed promises \(outstanding promises per CPU, got 1\)/);
    expect(error(() => ra({ bound: 2, promises: 2 }))).toMatch(/got 2\).*got 2\)/);
    expect(error(() => ra({ bound: 2, promises: 1 }))).toBe("no error");
    expect(error(() => memory({ model: "pso", cpus: 2, locations, bound: 1, promises: 1 }))).toBe("no error");
  });

  it("a store to a location whose oldest kept message is a promise forgets the oldest other message and sets saturated", () => {
    const m = ra({ bound: 2 });
    const p = ok(m.promise(m.init(), 0, "x", 1));
    const full = ok(m.store(p, 1, "x", 2)); // forgets the initial x=0: the promise is now the oldest
    expect(full.msgs!.filter((msg) => msg.loc === "x").map((msg) => msg.val)).toEqual([1, 2]);
    const s: MemoryState<L> = ok(m.store(full, 1, "x", 0));
    expect(s.saturated).toBe(true);
    expect(s.msgs!.filter((msg) => msg.loc === "x").map((msg) => msg.val)).toEqual([1, 0]);
    expect(m.promised(s, 0)).toEqual([{ loc: "x", val: 1 }]);
    expect(m.drained(ok(m.store(s, 0, "x", 1)))).toBe(true);
  });

  it("forgetting a message keeps the coherence it gave: a CPU that read it cannot then read an older message (CoRR)", () => {
    const m = memory({ model: "ra", cpus: 3, locations: { x: [0, 3] }, bound: 2, promises: 1 });
    let s = ok(m.promise(m.init(), 0, "x", 1)); // coherence: 0, 1 (CPU 0's promise)
    s = ok(m.store(s, 1, "x", 2)); // 0 is forgotten
    const read2 = m.loads(s, 2, "x").find((l) => l.val === 2)!; // CPU 2 reads x=2, coherence-after 1
    s = ok(m.store(read2.memory, 1, "x", 3)); // the bound forgets x=2, the oldest message not promised
    expect(s.saturated).toBe(true);
    // x=1 precedes x=2, which CPU 2 has seen: it may read only x=3 now (reading x=1 was the bug).
    expect(m.loads(s, 2, "x").map((l) => l.val)).toEqual([3]);
  });

  it("when several CPUs' promises fill a location's history, a store is kept beyond the bound rather than forgetting a promise", () => {
    const m = ra({ bound: 2 });
    const both = ok(m.promise(ok(m.promise(m.init(), 0, "x", 1)), 1, "x", 2));
    const s = ok(m.store(both, 0, "y", 1));
    const over = ok(m.store(s, 1, "y", 2));
    const x = ok(m.store(over, 0, "x", 0));
    expect(x.msgs!.filter((msg) => msg.loc === "x").map((msg) => msg.val)).toEqual([1, 2, 0]);
    expect(m.promised(x, 1)).toEqual([{ loc: "x", val: 2 }]);
  });
});

describe("ra: a store fulfils a matching promise whenever it can, and that loses no execution", () => {
  const shape: RaShape = { names: ["x", "y"], cpus: 2, bound: 4, promises: 2 };
  const init = () => raInit(shape, { x: 0, y: 0 });
  /** Whether CPU 0, running alone, can reach a state with no outstanding promise within `depth` more operations (any store, barrier or read). */
  const canSettle = (m: RaMemory, depth: number): boolean => {
    if (raSettled(m)) return true;
    if (depth === 0) return false;
    const next: RaMemory[] = [];
    for (const loc of shape.names) {
      for (const val of [0, 1, 2]) for (const release of [false, true]) next.push(raStore(shape, m, 0, loc, val, release));
      for (const acquire of [false, true]) next.push(...raReads(m, 0, loc, acquire).map((r) => r.after));
    }
    for (const kind of ["sy", "ld", "st"] as const) next.push(raFence(m, 0, kind));
    return next.some((n) => canSettle(n, depth - 1));
  };

  it("appending instead of fulfilling puts the CPU's coherence view past its promise: it can never be fulfilled", () => {
    const p = ok(raPromise(shape, init(), 0, "x", 1));
    expect(canSettle(raStore(shape, p, 0, "x", 1, false), 0)).toBe(true);
    const appended = raWrite(shape, p, 0, "x", 1, false, undefined);
    expect(appended.views[0].prom).toHaveLength(1);
    expect(canSettle(appended, 3)).toBe(false);
  });

  it("two promises to one location: the oldest matching one is fulfilled; fulfilling the newer would strand the older", () => {
    const two = ok(raPromise(shape, ok(raPromise(shape, init(), 0, "x", 1)), 0, "x", 1));
    const [older, newer] = two.views[0].prom;
    const first = raStore(shape, two, 0, "x", 1, false);
    expect(first.views[0].prom).toEqual([newer]);
    expect(canSettle(first, 1)).toBe(true);
    expect(canSettle(raWrite(shape, two, 0, "x", 1, false, newer), 3)).toBe(false);
    expect(older).toBeLessThan(newer);
    // Different values: a store of the newer promise's value strands the older one whatever the rule.
    const mixed = ok(raPromise(shape, ok(raPromise(shape, init(), 0, "x", 1)), 0, "x", 2));
    expect(canSettle(raStore(shape, mixed, 0, "x", 1, false), 1)).toBe(true);
    expect(canSettle(raStore(shape, mixed, 0, "x", 2, false), 3)).toBe(false);
    expect(canSettle(raWrite(shape, mixed, 0, "x", 1, false, undefined), 3)).toBe(false);
  });
});
