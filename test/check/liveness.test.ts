import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, type CheckResult, type Model } from "interleave-spec";
import { mutex, strongMutex, unfair, weakMutex } from "../fixtures/liveness/mutex.ts";
import { weak } from "interleave-spec";

const run = (model: Model<any>, properties?: string[]): Promise<CheckResult<any>> =>
  check(model, properties ? { properties } : {});

describe("temporal properties on a two-process mutex", () => {
  it("fails without fairness: a process may stay in its critical section forever", async () => {
    const r = await run(compile(unfair), ["leaves"]);
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation).toMatchObject({ kind: "liveness", property: "leaves", stuttering: true });
    // Shortest: request, enter, then stutter in the critical section.
    expect(r.violation.trace.map((s) => s.action)).toEqual([null, "request", "enter"]);
    expect(r.violation.loopStart).toBe(2);
    expect(r.warnings?.map((w) => w.kind)).toContain("no-fairness");
  });

  it("holds under weak fairness what fails without fairness", async () => {
    const r = await run(compile(weakMutex), ["leaves"]);
    expect(r.result).toBe("ok");
    expect(r.warnings ?? []).toEqual([]);
  });

  it("lets the other process starve a waiting one under weak fairness, with a lasso", async () => {
    const r = await run(compile(weakMutex), ["noStarvation"]);
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    const v = r.violation;
    expect(v.kind).toBe("liveness");
    expect(v.stuttering).toBe(false);
    const k = v.loopStart!;
    expect(v.trace.at(-1)!.state).toEqual(v.trace[k].state);
    // Process 0 waits in every state of the cycle, and process 1 enters in it.
    for (const step of v.trace.slice(k)) expect(step.state.pc[0]).toBe("waiting");
    expect(v.trace.slice(k + 1).some((s) => s.action === "enter" && s.binding?.p === 1)).toBe(true);
  });

  it("holds under strong fairness what fails under weak fairness", async () => {
    const r = await run(compile(strongMutex), ["noStarvation", "leaves"]);
    expect(r.result).toBe("ok");
  });

  it("reports always(p) like an invariant, during the search", async () => {
    const bad = mutex("bad", [weak()]);
    const model = compile(bad);
    expect(model.properties.find((p) => p.name === "exclusive")?.kind).toBe("invariant");
  });
});

describe("sometimes (reachability witnesses)", () => {
  it("keeps the shortest witness trace", async () => {
    const r = await run(compile(strongMutex), ["bothWaiting"]);
    expect(r.result).toBe("ok");
    const w = r.witnesses?.find((x) => x.property === "bothWaiting");
    expect(w?.trace.map((s) => s.action)).toEqual([null, "request", "request"]);
    expect(w?.trace.at(-1)?.state.pc).toEqual(["waiting", "waiting"]);
  });
});

describe("settings", () => {
  it("warns about a leadsTo whose trigger never holds (vacuously true)", async () => {
    const spec = defineSpec({
      ...weakMutex.definition,
      properties: ({ leadsTo }) => ({ never: leadsTo((s) => s.pc[0] === "critical" && s.pc[1] === "critical", () => false) }),
    });
    const r = await check(compile(spec));
    expect(r.result).toBe("ok");
    expect(r.warnings).toEqual([expect.objectContaining({ kind: "vacuous-property", subject: "never" })]);
  });

  it("warns that a state constraint can make liveness unsound", async () => {
    const model = { ...compile(weakMutex), constraint: () => true };
    const r = await check(model, { properties: ["leaves"] });
    expect(r.result).toBe("ok");
    expect(r.warnings?.map((w) => w.kind)).toEqual(["liveness-with-constraint"]);
  });

  it("skips temporal properties when the search is incomplete, and says so", async () => {
    const r = await check(compile(weakMutex), { maxStates: 3, properties: ["noStarvation"] });
    expect(r.result).toBe("incomplete");
    expect(r.warnings?.map((w) => w.kind)).toContain("liveness-not-checked");
  });
});
