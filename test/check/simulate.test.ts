import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, t, type CheckResult, type Model } from "interleave-spec";
import dieHard from "../../examples/tla/die-hard.ts";
import missionaries from "../../examples/tla/missionaries-and-cannibals.ts";
import { original, upstreamFix } from "../../specs/smp-call-function-many.ts";
import { strongMutex, unfair, weakMutex } from "../fixtures/liveness/mutex.ts";
import { manyBugs } from "../fixtures/specs/laws.ts";

/** A result without its wall time, for comparing runs. */
function timeless<S>(r: CheckResult<S>) {
  return { ...r, stats: { ...r.stats, durationMs: 0 } };
}

const simulate = <S,>(model: Model<S>, simulation: Parameters<typeof check>[1] extends infer O ? O extends { simulation?: infer X } ? X : never : never, extra = {}) =>
  check(model, { strategy: "simulation", simulation, coverage: true, ...extra });

describe("simulation finds the known violations from a fixed seed", () => {
  it.each<[string, string, number, Model<any>]>([
    ["DieHard", "NotSolved", 7, compile(dieHard)],
    ["MissionariesAndCannibals", "Solution", 12, compile(missionaries)],
    ["the flagship's original ordering", "refsImpliesOnList", 5, compile(original)],
  ])("%s: %s, shortened to the exhaustive search's shortest trace (%i states)", async (_name, property, shortest, model) => {
    const r = await simulate(model, { seed: 1 });
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation.property).toBe(property);
    expect(r.violation.trace.length).toBe(shortest);
    const bfs = await check(model, { properties: [property] });
    expect(bfs.result === "violation" && bfs.violation.trace.length).toBe(shortest);
    // The trace is a behaviour of the spec ending in a violating state.
    const invariant = model.properties.find((p) => p.name === property);
    expect(invariant?.kind === "invariant" && invariant.holds(r.violation.trace.at(-1)!.state)).toBe(false);
    expect(r.violation.behaviour).toBeGreaterThanOrEqual(0);
    expect(r.simulation?.seed).toBe(1);
  });

  it("gives the behaviour's own trace and its index; replaying that behaviour alone finds the same violation", async () => {
    const model = compile(dieHard);
    const full = await simulate(model, { seed: 7, shortenBudget: 0 });
    expect(full.result).toBe("violation");
    if (full.result !== "violation") return;
    expect(full.violation.shortenedFrom).toBeUndefined();
    const k = full.violation.behaviour!;
    const replay = await simulate(model, { seed: 7, behaviour: k, shortenBudget: 0 });
    expect(replay.result === "violation" && replay.violation.trace).toEqual(full.violation.trace);
    expect(replay.simulation?.replayed?.index).toBe(k);
    const shortened = await simulate(model, { seed: 7, behaviour: k });
    expect(shortened.result === "violation" && [shortened.violation.trace.length, shortened.violation.shortenedFrom]).toEqual([7, full.violation.trace.length]);
  });

  it("is deterministic: the same seed gives the same result, another seed other behaviours", async () => {
    const model = compile(missionaries);
    const a = await simulate(model, { seed: 3 });
    const b = await simulate(model, { seed: 3 });
    expect(timeless(b)).toEqual(timeless(a));
    const c = await simulate(model, { seed: 4, shortenBudget: 0 });
    const d = await simulate(model, { seed: 3, shortenBudget: 0 });
    expect(c.result === "violation" && d.result === "violation" && c.violation.trace).not.toEqual(d.result === "violation" && d.violation.trace);
  });
});

describe("what a simulation judges", () => {
  it("judges every successor it generates, not only those its behaviours take", async () => {
    // From 0, `go` climbs one at a time; `peek` generates 9 from 1 only. Behaviours have at most
    // 2 states, so their last state, 1 or 9, is never expanded: whichever the behaviour takes,
    // 9 is generated from 1 and judged there.
    const spec = defineSpec({
      name: "peek",
      state: { n: t.int(0, 9) },
      init: { n: 0 },
      actions: { go: (s) => s.n < 8 && { n: s.n + 1 }, peek: (s) => s.n === 1 && { n: 9 } },
      invariants: { notNine: (s) => s.n !== 9 },
    });
    for (const seed of [1, 2, 3, 4]) {
      const r = await simulate(compile(spec), { seed, depth: 3, behaviours: 1 });
      expect(r.result === "violation" && r.violation.trace.map((s) => s.state)).toEqual([{ n: 0 }, { n: 1 }, { n: 9 }]);
    }
  });

  it("finds deadlocks, states outside the constraint that violate an invariant, and goes on with continue", async () => {
    const model = compile(manyBugs);
    const exhaustive = await check(model, { continue: true });
    const r = await simulate(model, { seed: 2, behaviours: 400 }, { continue: true });
    expect(r.result).toBe("violation");
    if (r.result !== "violation" || exhaustive.result !== "violation") return;
    const found = r.violations.map((v) => `${v.kind} ${v.property}`).sort();
    expect(found).toEqual(exhaustive.violations.map((v) => `${v.kind} ${v.property}`).sort());
    expect(r.stoppedBy).toBe("behaviours");
  });

  it("never concludes that a property holds: no violation is an incomplete result", async () => {
    const r = await simulate(compile(upstreamFix), { seed: 5, behaviours: 50 });
    expect(r.result).toBe("incomplete");
    expect(r.result === "incomplete" && r.stoppedBy).toBe("behaviours");
    expect(r.simulation?.behaviours).toBe(50);
    expect(r.simulation?.steps).toBeGreaterThan(50 * 30);
  });

  it("witnesses sometimes properties with the behaviour that met them", async () => {
    const r = await simulate(compile(strongMutex), { seed: 1, behaviours: 20 }, { properties: ["bothWaiting"] });
    expect(r.result).toBe("incomplete");
    const w = r.witnesses?.find((x) => x.property === "bothWaiting");
    expect(w?.trace.at(-1)?.state).toEqual({ pc: ["waiting", "waiting"], lock: false });
  });
});

describe("temporal properties on the lassos behaviours close", () => {
  it.each([
    ["without fairness", unfair],
    ["under weak fairness", weakMutex],
    ["under strong fairness", strongMutex],
  ])("%s: only properties the exhaustive check refutes are reported, each by a fair lasso", async (_name, spec) => {
    const model = compile(spec);
    const temporal = ["leaves", "noStarvation"];
    const exhaustive = await check(model, { properties: temporal, continue: true });
    const refuted = exhaustive.result === "violation" ? exhaustive.violations.map((v) => v.property).sort() : [];
    const r = await simulate(model, { seed: 11, behaviours: 200, depth: 30 }, { properties: temporal, continue: true });
    const found = r.result === "violation" ? r.violations.map((v) => v.property).sort() : [];
    expect(found).toEqual(refuted);
    for (const v of r.result === "violation" ? r.violations : []) {
      expect(v.kind).toBe("liveness");
      const last = v.trace.at(-1)!.state;
      if (!v.stuttering) expect(v.trace[v.loopStart!].state).toEqual(last);
    }
  });

  it("checks callsComplete on the flagship's behaviours without a false alarm (it holds under fairness)", async () => {
    const r = await simulate(compile(upstreamFix), { seed: 2, behaviours: 40 }, { properties: ["callsComplete"] });
    expect(r.result).toBe("incomplete");
  });
});

describe("swarm shards and the bitstate visited set", () => {
  it("gives each shard its own behaviours, replayable with the same shard", async () => {
    const model = compile(dieHard);
    const one = await simulate(model, { seed: 1, shard: { index: 1, count: 4 }, shortenBudget: 0 });
    const two = await simulate(model, { seed: 1, shard: { index: 2, count: 4 }, shortenBudget: 0 });
    expect(one.result === "violation" && one.violation.trace).not.toEqual(two.result === "violation" && two.violation.trace);
    expect(two.simulation?.shard).toEqual({ index: 2, count: 4 });
    if (two.result !== "violation") return;
    const replay = await simulate(model, { seed: 1, shard: { index: 2, count: 4 }, behaviour: two.violation.behaviour, shortenBudget: 0 });
    expect(replay.result === "violation" && replay.violation.trace).toEqual(two.violation.trace);
  });

  it("with a bitstate visited set, states the expected coverage, and loses states when it is full", async () => {
    const model = compile(upstreamFix);
    const exact = await simulate(model, { seed: 3, behaviours: 100 });
    const small = await simulate(model, { seed: 3, behaviours: 100, bitstate: { bytes: 64, hashes: 2 } });
    const large = await simulate(model, { seed: 3, behaviours: 100, bitstate: { bytes: 1 << 16 } });
    expect(large.stats.distinctStates).toBe(exact.stats.distinctStates); // 3 of 524,288 bits per state: nothing lost
    expect(large.simulation?.bitstate?.expectedCoverage).toBeGreaterThan(0.9999);
    expect(small.stats.distinctStates).toBeLessThan(exact.stats.distinctStates);
    const b = small.simulation!.bitstate!;
    expect(b.expectedCoverage).toBeLessThan(0.95);
    expect(b.omissionProbability).toBeCloseTo(b.fill ** 2, 12);
    // The behaviours themselves do not depend on the visited set; only what is judged and counted does.
    expect(small.simulation?.steps).toBe(exact.simulation?.steps);
    expect(small.stats.statesGenerated).toBe(exact.stats.statesGenerated);
  });
});

describe("simulation coverage", () => {
  it("estimates the distinct states met with a sketch, and counts per action, field and depth", async () => {
    const r = await simulate(compile(upstreamFix), { seed: 4, behaviours: 100 });
    const c = r.coverage!;
    expect(Math.abs(c.states!.estimate - r.stats.distinctStates)).toBeLessThanOrEqual(Math.ceil(3 * c.states!.relativeError * r.stats.distinctStates));
    expect(c.depths.reduce((a, b) => a + b, 0)).toBe(r.stats.distinctStates);
    expect(c.actions.reduce((n, a) => n + a.fired, 0)).toBe(r.stats.statesGenerated - c.depths[0]);
    // Two calls per behaviour, each taking csdLock from a state where it is enabled (and it may stay enabled while others move);
    // the flagship is written with processes, so the step is the caller's: caller.csdLock.
    expect(c.actions.find((a) => a.action === "caller.csdLock")?.enabled).toBeGreaterThanOrEqual(200);
    expect(c.sketches?.fields.length).toBe(c.fields.length);
  });
});

describe("bad simulation options", () => {
  it.each([
    [{ seed: -1 }, /simulation seed must be an integer ≥ 0, got -1/],
    [{ behaviours: 0 }, /simulation behaviours must be an integer ≥ 1, got 0/],
    [{ depth: 1.5 }, /simulation depth must be an integer ≥ 1, got 1.5/],
    [{ shard: { index: 5, count: 4 } }, /simulation shard 5\/4: the index must be between 1 and 4/],
    [{ bitstate: { bytes: 4 } }, /simulation bitstate bytes must be an integer ≥ 8, got 4/],
  ])("%j is a RangeError naming the option", async (options, message) => {
    await expect(simulate(compile(dieHard), options)).rejects.toThrow(message);
  });
});
