import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, exists, t, type CheckResult } from "interleave-spec";
import { memory } from "interleave-spec/memory";
import { isSpecError } from "interleave-spec";
import { lb, setsWhere } from "../fixtures/memory/lb-ctrl.ts";
import litmusSpecs from "../../litmus/specs.ts";

const verdict = (r: CheckResult) => (r.result === "violation" ? `${r.violation.property} (${r.violation.trace.length})` : r.result);

describe("ra: only states on a complete execution are states of the model", () => {
  it("no out-of-thin-air value is observed in any state of LB+ctrl, with one promise per CPU, and no state is a false deadlock", async () => {
    const r = await check(compile(lb({ promises: 1 })));
    expect(verdict(r)).toBe("ok");
    // The promise-free model has the same states: every promise of LB+ctrl is a dead end.
    expect(r.stats.distinctStates).toBe((await check(compile(lb({ promises: 0 })))).stats.distinctStates);
  });

  it("without the rule the same spec shows the out-of-thin-air state (the rule is what rejects it)", async () => {
    const raw = await check(compile(lb({ promises: 1, certify: false })), { properties: ["noThinAir"] });
    expect(verdict(raw)).toBe("noThinAir (3)");
  });

  it("a promise that can be fulfilled stays: LB's allowed outcome (a store before an earlier load) is found", async () => {
    const both = (promises: number) => check(compile(lb({ promises, ctrl: false })), { properties: ["notBoth"] });
    expect(verdict(await both(0))).toBe("ok");
    expect(verdict(await both(1))).toBe("notBoth (5)");
  });

  it("a spec fault met only while searching a state's future is reported as the step's fault, naming the steps (never a thin-air ✗)", async () => {
    const fault = await check(compile(lb({ promises: 1, faultAfterThinAir: true }))).catch((e: unknown) => e);
    expect(isSpecError(fault) && fault.code).toBe("action-threw");
    expect(String((fault as Error).message)).toMatch(/while searching whether the promises owed after this step can be fulfilled, \d+ steps? after this one \(.*cpu\.step\): action "cpu\.step" with \{"self":1\} threw: a spec bug on the branch taken/);
  });

  it("the search of a state's future stays within the state constraint (a counter bounded only by it)", async () => {
    const counts = await Promise.all([2, 100_000].map(async (counter) => (await check(compile(lb({ promises: 1, counter })))).stats.distinctStates));
    expect(counts[0]).toBe(counts[1]);
  });

  it("an initial state owing a promise that can never be fulfilled is not an initial state; if none is left, the spec is refused", async () => {
    const refused = await check(compile(lb({ promises: 1, initialPromise: true }))).catch((e: unknown) => e);
    expect(isSpecError(refused) && refused.code).toBe("no-initial-states");
  });

  it("fairness conditions get the values exists bound (a set), as without a memory", async () => {
    expect((await check(compile(setsWhere()), { properties: ["picks"] })).result).toBe("ok");
  });

  it("past the bound whether a promise can be fulfilled cannot be told: such a state is kept (flagged), and a search that needed to look past it is a bound-reached fault, never a ✗", async () => {
    const m = memory({ model: "ra", cpus: 2, locations: { x: [0, 2] }, bound: 2 });
    const promised = m.promise(m.init(), 0, "x", 1);
    const full = promised && m.store(promised, 1, "x", 2);
    if (!full) throw new Error("refused");
    expect([full.saturated, m.promised(full, 0)]).toEqual([true, [{ loc: "x", val: 1 }]]);
    expect(m.domain.owing?.(full)).toBeNull();
    expect(m.domain.owing?.(promised)).toEqual([0]);
    // Nested, past the bound stays "cannot tell" (it once became "owes nothing" in a record).
    expect(t.record({ mem: m.domain }).owing?.({ mem: full })).toBeNull();
    expect(t.map(t.int(0, 1), m.domain).owing?.({ 0: m.init(), 1: full })).toBeNull();
    // LB+ctrl with two messages per location: CPU 0's promise of y=1 fills y's history at once. Its
    // future past the bound used to count as complete, showing the thin-air read as a violation;
    // the promise is provably stranded there (CPU 0's views pass it), a dead end at any bound.
    expect((await check(compile(lb({ promises: 1, bound: 2 })))).result).toBe("ok");
    // LB-unlock-lock needs five messages per location to tell (the litmus suite runs it with 12).
    const small = await check(compile(litmusSpecs.LB_unlock_lock, { memory: "ra", bound: 4 })).catch((e: unknown) => e);
    expect(isSpecError(small) && small.code).toBe("bound-reached");
    expect(String((small as Error).message)).toMatch(/^judging the step of action "promise.promise" with \{"self":\d/);
  });

  it("a memory operation's error inside an action names the action and its binding", async () => {
    const m = memory({ model: "ra", cpus: 2, locations: { x: [0, 1] } });
    const spec = defineSpec({
      name: "bad-cpu",
      state: { mem: m.domain },
      init: { mem: m.init() },
      actions: { store: (s) => exists([0, 2], (cpu) => { const mem = m.store(s.mem, cpu, "x", 1); return mem && { mem }; }) },
    });
    const e = await check(compile(spec)).catch((x: unknown) => x);
    expect(isSpecError(e) && e.message).toBe('action "store" with {"cpu":2}: memory store: CPU 2 is not one of 0..1');
    // Outside any exists (the usual m.choose(m.loads(…)) idiom), and in an invariant.
    const top = defineSpec({
      name: "bad-cpu-top",
      state: { mem: m.domain },
      init: { mem: m.init() },
      actions: { load: (s) => m.choose(m.loads(s.mem, 5, "x"), (r) => ({ mem: r.memory })) },
    });
    const inAction = await check(compile(top)).catch((x: unknown) => x);
    expect(isSpecError(inAction) && [inAction.message, inAction.details.state !== undefined]).toEqual(['action "load": memory load: CPU 5 is not one of 0..1', true]);
    const inv = defineSpec({
      name: "bad-cpu-inv",
      state: { mem: m.domain },
      init: { mem: m.init() },
      actions: { stay: (s) => s },
      invariants: { reads: (s) => m.loads(s.mem, 5, "x").length > 0 },
    });
    const inProperty = await check(compile(inv)).catch((x: unknown) => x);
    expect(isSpecError(inProperty) && inProperty.message).toBe('property "reads": memory load: CPU 5 is not one of 0..1');
  });

  it("a record holding a memory holds its promises: the rule applies to a memory nested in the state", () => {
    const m = memory({ model: "ra", cpus: 2, locations: { x: [0, 1] } });
    const promised = m.promise(m.init(), 1, "x", 1);
    if (!promised) throw new Error("the promise was refused");
    const sys = t.record({ mem: m.domain, n: t.int(0, 1) });
    expect(sys.owing?.({ mem: promised, n: 0 })).toEqual([1]);
    expect(sys.owing?.({ mem: m.init(), n: 0 })).toEqual([]);
    expect(t.record({ n: t.int(0, 1) }).owing).toBeUndefined();
    // Every way of nesting a domain keeps the hook (a map, array, tuple, sequence, optional, a default).
    expect(t.map(t.int(0, 1), m.domain).owing?.({ 0: m.init(), 1: promised })).toEqual([1]);
    expect(t.array(2, m.domain).owing?.([promised, m.init()])).toEqual([1]);
    expect(t.tuple(t.bool(), m.domain).owing?.([true, promised])).toEqual([1]);
    expect(t.seq(m.domain, 2).owing?.([promised])).toEqual([1]);
    expect(t.optional(m.domain).owing?.(undefined)).toEqual([]);
    expect(t.optional(m.domain).owing?.(promised)).toEqual([1]);
    expect(m.domain.default(m.init()).owing?.(promised)).toEqual([1]);
    expect(() => t.set(m.domain)).toThrow(/t.set\(\) of values that hold promises/);
    expect(memory({ model: "ra", cpus: 2, locations: { x: [0, 1] }, promises: 0 }).domain.owing).toBeUndefined();
  });
});
