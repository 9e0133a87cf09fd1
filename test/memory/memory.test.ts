import { describe, expect, it } from "vitest";
import { memory } from "interleave-spec/memory";
import { error, ok } from "./helpers.ts";

const locations = { x: [0, 2], y: [0, 2], l: [0, 1] } as const;
type L = keyof typeof locations;

describe("memory: store buffers", () => {
  it("SC: a store is visible at once, nothing is ever buffered", () => {
    const m = memory({ model: "sc", cpus: 2, locations });
    const s = ok(m.store(m.init(), 0, "x", 1));
    expect(m.value(s, "x")).toBe(1);
    expect(m.load(s, 1, "x")).toBe(1);
    expect(m.drainable(s, 0)).toEqual([]);
  });

  it("TSO: the storing CPU reads its own buffered store, the others memory; drains are FIFO", () => {
    const m = memory({ model: "tso", cpus: 2, locations });
    const s = ok(m.store(ok(m.store(m.init(), 0, "x", 1)), 0, "y", 2));
    expect([m.load(s, 0, "x"), m.load(s, 1, "x")]).toEqual([1, 0]);
    expect(m.drainable(s, 0)).toEqual(["x"]);
    expect(m.mb(s, 0)).toBe(false);
    const d = m.drain(s, 0, "x");
    expect([m.value(d, "x"), m.describe(d, 0)]).toEqual([1, "y=2"]);
  });

  it("PSO: stores to different locations drain in any order unless an smp_wmb separates them", () => {
    const m = memory({ model: "pso", cpus: 1, locations });
    const s = ok(m.store(ok(m.store(m.init(), 0, "x", 1)), 0, "y", 1));
    expect(m.drainable(s, 0)).toEqual(["x", "y"]);
    const fenced = ok(m.store(ok(m.wmb(ok(m.store(m.init(), 0, "x", 1)), 0)), 0, "y", 1));
    expect(m.drainable(fenced, 0)).toEqual(["x"]);
    expect(m.describe(fenced, 0)).toBe("x=1, wmb, y=1");
    expect(m.drainable(m.drain(fenced, 0, "x"), 0)).toEqual(["y"]);
  });

  it("PSO: a release store drains only after every earlier store; the ordered unlock also holds back later stores", () => {
    const oneWay = memory({ model: "pso", cpus: 1, locations });
    const s = ok(oneWay.store(ok(oneWay.unlock(ok(oneWay.store(oneWay.init({ l: 1 }), 0, "x", 1)), 0, "l")), 0, "y", 1));
    expect(oneWay.drainable(s, 0)).toEqual(["x", "y"]);
    const ordered = memory({ model: "pso", cpus: 1, locations, unlock: "ordered" });
    const o = ok(ordered.store(ok(ordered.unlock(ok(ordered.store(ordered.init({ l: 1 }), 0, "x", 1)), 0, "l")), 0, "y", 1));
    expect(ordered.drainable(o, 0)).toEqual(["x"]);
  });

  it("PSO: spin_lock waits for the CPU's own buffered unlock (UNLOCK then LOCK)", () => {
    const m = memory({ model: "pso", cpus: 1, locations });
    const locked = ok(m.lock(m.init(), 0, "l"));
    const unlocked = ok(m.unlock(locked, 0, "l"));
    expect(m.lock(unlocked, 0, "l")).toBe(false);
    expect(m.lock(m.drain(unlocked, 0, "l"), 0, "l")).not.toBe(false);
  });

  it("atomics: a value-returning RMW waits for an empty buffer; a failed cmpxchg is a plain read under PSO, a barrier under TSO", () => {
    for (const model of ["tso", "pso"] as const) {
      const m = memory({ model, cpus: 1, locations });
      const s = ok(m.store(m.init(), 0, "x", 1));
      expect(m.rmw(s, 0, "y", (old) => old + 1)).toEqual([]);
      const failed = m.rmw(s, 0, "y", (old) => (old === 2 ? 0 : undefined));
      expect(failed.length === 0 ? "waits" : failed.map((f) => f.old)).toEqual(model === "tso" ? "waits" : [0]);
    }
  });

  it("bound: a store to a full buffer waits, and reaching the bound sets saturated for good", () => {
    const m = memory({ model: "tso", cpus: 1, locations, bound: 2 });
    const one = ok(m.store(m.init(), 0, "x", 1));
    expect(one.saturated).toBe(false);
    const two = ok(m.store(one, 0, "y", 1));
    expect(two.saturated).toBe(true);
    expect(m.store(two, 0, "x", 2)).toBe(false);
    expect(m.drain(m.drain(two, 0, "x"), 0, "y").saturated).toBe(true);
  });

  it("bad input: a clear error naming the operation, the location or CPU, and the value", () => {
    const m = memory({ model: "pso", cpus: 2, locations });
    expect(error(() => m.store(m.init(), 0, "x", 3))).toBe("memory store by CPU 0: 3 is outside x's values 0..2");
    expect(error(() => m.load(m.init(), 0, "z" as L))).toBe('memory load: no location "z" (the locations are x, y, l)');
    expect(error(() => m.store(m.init(), 2, "x", 1))).toBe("memory store: CPU 2 is not one of 0..1");
    expect(error(() => m.drain(m.init(), 0, "x"))).toBe("memory drain: CPU 0 has no store to x that may become visible now");
    expect(error(() => memory({ model: "tso", cpus: 0, locations }))).toBe("memory(): cpus must be a positive integer, got 0");
    expect(error(() => memory({ model: "arm" as "sc", cpus: 1, locations }))).toBe('memory(): model must be one of sc, tso, pso, ra, got "arm"');
  });
});

describe("memory: ra (Promising-ARMv8)", () => {
  const ra = (extra: { bound?: number; promises?: number } = {}) => memory({ model: "ra", cpus: 2, locations, ...extra });

  it("a load may return an older message until the CPU's views rule it out; the trace text says it is stale", () => {
    const m = ra();
    const s = ok(m.store(m.init(), 0, "x", 1));
    expect(m.value(s, "x")).toBe(1);
    expect(m.loads(s, 1, "x").map((l) => l.read)).toEqual(["x=0 (stale: a newer store is in memory)", "x=1"]);
    // The writer itself reads its own store only (its coherence view is at it).
    expect(m.loads(s, 0, "x").map((l) => l.val)).toEqual([1]);
    // Once CPU 1 has read x=1, it never reads x=0 again (coherence).
    const seen = m.loads(s, 1, "x").find((l) => l.val === 1)!.memory;
    expect(m.loads(seen, 1, "x").map((l) => l.val)).toEqual([1]);
    expect(m.describe(s, 1)).toBe("may read x=0");
    expect(() => m.load(s, 1, "x")).toThrow(/under ra a load may return several values/);
  });

  it("smp_wmb orders stores, smp_rmb orders loads: MP with both cannot read the old data after the new flag", () => {
    const m = ra();
    const w = ok(m.store(ok(m.wmb(ok(m.store(m.init(), 0, "x", 1)), 0)), 0, "y", 1));
    const flag = m.loads(w, 1, "y").find((l) => l.val === 1)!.memory;
    expect(m.loads(m.rmb(flag, 1), 1, "x").map((l) => l.val)).toEqual([1]);
    // Without smp_rmb the older data is still a possible read.
    expect(m.loads(flag, 1, "x").map((l) => l.val)).toEqual([0, 1]);
  });

  it("a promise is a message others can read before the store is made; the store fulfils it and the state is settled again", () => {
    const m = ra();
    const p = ok(m.promise(m.init(), 0, "y", 1));
    expect(m.drained(p)).toBe(false);
    expect(m.promise(p, 0, "x", 1)).toBe(false); // one outstanding promise per CPU by default
    expect(m.loads(p, 1, "y").map((l) => l.val)).toEqual([0, 1]);
    const fulfilled = ok(m.store(p, 0, "y", 1));
    expect(m.drained(fulfilled)).toBe(true);
    expect(fulfilled.msgs).toEqual(p.msgs);
    expect(ra({ promises: 0 }).promise(m.init(), 0, "y", 1)).toBe(false);
  });

  it("messages no CPU can read any more are collected, so repeated stores keep the state finite without saturating", () => {
    const m = ra({ bound: 2 });
    let s = m.init();
    for (let i = 0; i < 6; i++) {
      s = ok(m.store(s, 0, "x", i % 3));
      s = m.loads(s, 1, "x").at(-1)!.memory; // CPU 1 catches up
    }
    expect(s.msgs!.filter((msg) => msg.loc === "x")).toHaveLength(1);
    expect(s.saturated).toBe(false);
  });

  it("bound: past `bound` messages of a location the oldest is forgotten and saturated is set for good", () => {
    const m = ra({ bound: 2 });
    const s = ok(m.store(ok(m.store(m.init(), 0, "x", 1)), 0, "x", 2));
    expect(s.saturated).toBe(true);
    expect(m.loads(s, 1, "x").map((l) => l.val)).toEqual([1, 2]);
  });

  it("spin_lock is an acquire RMW of the newest value: it waits while the lock is held", () => {
    const m = ra();
    const held = ok(m.lock(m.init(), 0, "l"));
    expect(m.lock(held, 1, "l")).toBe(false);
    const free = ok(m.unlock(held, 0, "l"));
    expect(m.lock(free, 1, "l")).not.toBe(false);
    // A failed cmpxchg may read a stale value; a successful one acts on the newest.
    const s = ok(m.store(m.init(), 0, "x", 1));
    expect(m.rmw(s, 1, "x", (old) => (old === 1 ? 2 : undefined)).map((r) => r.read)).toEqual(["x=0 (stale: a newer store is in memory) (fails)", "x=1"]);
  });
});

describe("memory: RCU grace periods (sc, tso, pso)", () => {
  const rcuMemory = (model: "sc" | "tso" | "pso") => memory({ model, cpus: 3, locations, rcu: true });

  it("a grace period waits for the readers inside a section when it starts, not for those that enter later", () => {
    const m = rcuMemory("sc");
    const reading = m.rcuReadLock(m.init(), 0);
    const started = ok(m.synchronizeRcu(reading, 1));
    expect(m.synchronizeRcuEnd(started, 1)).toBe(false);
    // CPU 2 enters after the start: not waited for.
    const late = m.rcuReadLock(started, 2);
    expect(m.synchronizeRcuEnd(late, 1)).toBe(false);
    expect(m.synchronizeRcuEnd(m.rcuReadUnlock(late, 0), 1)).not.toBe(false);
    // With nobody reading, the grace period ends at once.
    expect(m.synchronizeRcuEnd(ok(m.synchronizeRcu(m.init(), 1)), 1)).not.toBe(false);
  });

  it.each(["tso", "pso"] as const)("%s: it also waits for the stores of a finished section to become visible, and starts after smp_mb", (model) => {
    const m = rcuMemory(model);
    const left = m.rcuReadUnlock(ok(m.store(m.rcuReadLock(m.init(), 0), 0, "x", 1)), 0);
    const started = ok(m.synchronizeRcu(left, 1));
    expect(m.synchronizeRcuEnd(started, 1)).toBe(false);
    expect(m.synchronizeRcuEnd(m.drain(started, 0, "x"), 1)).not.toBe(false);
    // A store made after the section is not waited for.
    const after = ok(m.store(m.rcuReadUnlock(m.rcuReadLock(m.init(), 0), 0), 0, "y", 1));
    expect(m.synchronizeRcuEnd(ok(m.synchronizeRcu(after, 1)), 1)).not.toBe(false);
    // smp_mb first: the syncing CPU's own buffer must be empty.
    expect(m.synchronizeRcu(ok(m.store(m.init(), 1, "x", 1)), 1)).toBe(false);
  });

  it("misuse is a clear error naming the operation and the CPU", () => {
    const m = rcuMemory("sc");
    expect(error(() => m.rcuReadUnlock(m.init(), 0))).toBe("memory rcu_read_unlock by CPU 0: rcu_read_unlock outside a read-side section");
    expect(error(() => m.synchronizeRcu(m.rcuReadLock(m.init(), 2), 2))).toMatch(/synchronize_rcu by CPU 2: synchronize_rcu inside a read-side section/);
    const plain = memory({ model: "tso", cpus: 2, locations });
    expect(error(() => plain.rcuReadLock(plain.init(), 1))).toMatch(/rcu_read_lock by CPU 1: the memory was made without `rcu: true`/);
  });

  it("ra (an approximation): a grace period's end orders the CPU after the accesses of the readers it waited for; a later reader is ordered after its start", () => {
    const m = memory({ model: "ra", cpus: 2, locations, rcu: true, promises: 0 });
    const reader = ok(m.store(m.rcuReadLock(m.init(), 0), 0, "x", 1));
    const started = ok(m.synchronizeRcu(reader, 1));
    expect(m.loads(started, 1, "x").map((l) => l.val)).toEqual([0, 1]);
    expect(m.synchronizeRcuEnd(started, 1)).toBe(false);
    const ended = ok(m.synchronizeRcuEnd(m.rcuReadUnlock(started, 0), 1));
    expect(m.loads(ended, 1, "x").map((l) => l.val)).toEqual([1]);
    // CPU 1's grace period started after it read y=1: a section CPU 0 enters later cannot read y=0.
    const seen = m.loads(ok(m.store(m.init(), 1, "y", 1)), 1, "y").at(-1)!;
    expect(seen.val).toBe(1);
    const gp = ok(m.synchronizeRcu(seen.memory, 1));
    expect(m.loads(gp, 0, "y").map((l) => l.val)).toEqual([0, 1]);
    expect(m.loads(m.rcuReadLock(gp, 0), 0, "y").map((l) => l.val)).toEqual([1]);
  });
});
