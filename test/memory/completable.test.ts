import { describe, expect, it } from "vitest";
import { check, compile, t, type CheckResult } from "interleave-spec";
import { memory } from "interleave-spec/memory";
import { lb } from "../fixtures/memory/lb-ctrl.ts";

const verdict = (r: CheckResult) => (r.result === "violation" ? `${r.violation.property} (${r.violation.trace.length})` : r.result);

describe("ra: only states on a complete execution are states of the model", () => {
  it("no out-of-thin-air value is observed in any state of LB+ctrl, with one promise per CPU, and no state is a false deadlock", async () => {
    const r = await check(compile(lb(1)));
    expect(verdict(r)).toBe("ok");
    // The promise-free model has the same states: every promise of LB+ctrl is a dead end.
    expect(r.stats.distinctStates).toBe((await check(compile(lb(0)))).stats.distinctStates);
  });

  it("without the rule the same spec shows the out-of-thin-air state (the rule is what rejects it)", async () => {
    const raw = await check(compile(lb(1, true, false)), { properties: ["noThinAir"] });
    expect(verdict(raw)).toBe("noThinAir (3)");
  });

  it("a promise that can be fulfilled stays: LB's allowed outcome (a store before an earlier load) is found", async () => {
    const both = (promises: number) => check(compile(lb(promises, false)), { properties: ["notBoth"] });
    expect(verdict(await both(0))).toBe("ok");
    expect(verdict(await both(1))).toBe("notBoth (5)");
  });

  it("a record holding a memory holds its promises: the rule applies to a memory nested in the state", () => {
    const m = memory({ model: "ra", cpus: 2, locations: { x: [0, 1] } });
    const promised = m.promise(m.init(), 1, "x", 1);
    if (!promised) throw new Error("the promise was refused");
    const sys = t.record({ mem: m.domain, n: t.int(0, 1) });
    expect(sys.owing?.({ mem: promised, n: 0 })).toEqual([1]);
    expect(sys.owing?.({ mem: m.init(), n: 0 })).toEqual([]);
    expect(t.record({ n: t.int(0, 1) }).owing).toBeUndefined();
    expect(memory({ model: "ra", cpus: 2, locations: { x: [0, 1] }, promises: 0 }).domain.owing).toBeUndefined();
  });
});
