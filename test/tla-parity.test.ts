/**
 * TLC parity for the ports P1–P6 of github:tlaplus/Examples (commit 32a32c7). TLC's numbers
 * are the ones its manifests record (see ground-truth/tla-examples.md): distinct states and
 * verdicts must be equal; states generated are equal too because every port mirrors TLA+'s
 * branching (one successor per true disjunct and `\E` witness); depth is compared.
 */
import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, type Model, type Spec } from "interleave-spec";
import dieHard from "../examples/tla/die-hard.ts";
import missionaries from "../examples/tla/missionaries-and-cannibals.ts";
import tCommit from "../examples/tla/t-commit.ts";
import peterson, { lockInit, lockStep, lockView } from "../examples/tla/peterson.ts";
import diningPhilosophers, { notHungry, philosophers } from "../examples/tla/dining-philosophers.ts";
import twoPhase from "../examples/tla/two-phase.ts";
import { StateGraph, invariantNamed, replayFailures, statesOf, transitionsOf } from "./tla/trace-checks.ts";

interface Holds {
  readonly model: string;
  readonly spec: Spec<any, any>;
  /** What the cfg checks: its invariants, plus "deadlock" unless `CHECK_DEADLOCK FALSE`. */
  readonly properties: readonly string[];
  readonly tlc: { readonly distinct: number; readonly generated: number; readonly depth: number };
}

const holding: readonly Holds[] = [
  {
    model: "P3 TCommit",
    spec: tCommit,
    properties: ["TCTypeOK", "TCConsistent"],
    tlc: { distinct: 34, generated: 94, depth: 7 },
  },
  {
    model: "P4 Peterson",
    spec: peterson,
    properties: ["TypeOK", "Inv", "deadlock"],
    tlc: { distinct: 42, generated: 77, depth: 11 },
  },
  {
    model: "P5 DiningPhilosophers (NP = 5)",
    spec: diningPhilosophers,
    // NobodyStarves (one []<> property per philosopher) under weak fairness, as the cfg's PROPERTY.
    properties: ["TypeOK", "ExclusiveAccess", "deadlock", ...[1, 2, 3, 4, 5].map((p) => `nobodyStarves${p}`)],
    tlc: { distinct: 67, generated: 336, depth: 29 },
  },
  {
    model: "P6 TwoPhase",
    spec: twoPhase,
    properties: ["TPTypeOK", "deadlock"],
    tlc: { distinct: 288, generated: 1146, depth: 11 },
  },
];

interface Fails {
  readonly model: string;
  readonly spec: Spec<any, any>;
  readonly properties: readonly string[];
  readonly invariant: string;
  /** States in the shortest counterexample: the puzzle's known shortest solution plus the initial state. */
  readonly traceStates: number;
}

const failing: readonly Fails[] = [
  { model: "P1 DieHard", spec: dieHard, properties: ["TypeOK", "NotSolved", "deadlock"], invariant: "NotSolved", traceStates: 7 },
  {
    model: "P2 MissionariesAndCannibals",
    spec: missionaries,
    properties: ["TypeOK", "Solution", "deadlock"],
    invariant: "Solution",
    traceStates: 12,
  },
];

describe("TLC parity: models that hold", () => {
  it.each(holding)("$model: TLC's verdict and counts", async ({ spec, properties, tlc }) => {
    const result = await check(compile(spec));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(properties);
    expect({
      distinct: result.stats.distinctStates,
      generated: result.stats.statesGenerated,
      depth: result.stats.depth,
    }).toEqual(tlc);
  });
});

describe("TLC parity: models whose invariant fails", () => {
  it.each(failing)("$model: $invariant is violated by a shortest behaviour of the spec", async (row) => {
    const model = compile(row.spec) as Model<unknown>;
    const result = await check(model);
    expect(result.properties).toEqual(row.properties);
    if (result.result !== "violation") throw new Error(`expected a violation, got ${result.result}`);
    const { violation } = result;
    expect(violation).toMatchObject({ kind: "invariant", property: row.invariant });

    const trace = violation.trace;
    expect(trace).toHaveLength(row.traceStates);
    expect(result.stats.depth).toBe(row.traceStates);
    // Starts in an initial state and every step is a step of the named action.
    expect(replayFailures(model, trace)).toEqual([]);
    // Only the last state violates the invariant.
    const invariant = invariantNamed(model, row.invariant);
    expect(trace.map((step) => invariant.holds(step.state))).toEqual([...Array(trace.length - 1).fill(true), false]);
    // No shorter behaviour reaches a violation: one level less finds none.
    const shorter = await check(model, { maxDepth: trace.length - 1 });
    expect(shorter).toMatchObject({ result: "incomplete", stoppedBy: "max-depth" });
  });

  it("the replay check rejects a behaviour with a step left out or a wrong binding", async () => {
    const model = compile(missionaries) as Model<unknown>;
    const result = await check(model);
    if (result.result !== "violation") throw new Error(`expected a violation, got ${result.result}`);
    const trace = result.violation.trace;
    const skipped = replayFailures(model, [trace[0], ...trace.slice(2)]);
    expect(skipped).toEqual([`step 1 (Move ${JSON.stringify(trace[2].binding)}) is not a successor of step 0`]);
    const wrongBinding = { ...trace[1], binding: trace[2].binding };
    expect(replayFailures(model, [trace[0], wrongBinding])).toHaveLength(1);
    expect(replayFailures(model, trace.slice(1))).toContain("step 0 is not an initial state");
  });
});

describe("TLC parity: other constants", () => {
  it("TwoPhase with six resource managers reaches the 50,816 states TwoPhase.tla's closing comment records", async () => {
    const result = await check(compile(twoPhase, { rmCount: 6 }));
    expect(result.result).toBe("ok");
    expect(result.stats.distinctStates).toBe(50_816);
  });
});

describe("properties of the cfgs beyond invariants", () => {
  it("P4 Peterson refines the abstract lock (PROPERTY LSpec) on every explored step", async () => {
    const model = compile(peterson);
    const graph = new StateGraph(model.codec.width);
    await check(model, { observer: graph });
    const initial = statesOf(model, graph).filter((s) => s.depth === 1);
    expect(initial.map((s) => lockInit(lockView(s.state)))).toEqual([true]);
    const steps = transitionsOf(model, graph);
    expect(steps).toHaveLength(77 - 1); // TLC's 77 generated states less the initial one
    const bad = steps.filter(({ from, to }) => !lockStep(lockView(from), lockView(to)));
    expect(bad).toEqual([]);
    // The mapping is not vacuous: some steps take and release the abstract lock.
    expect(steps.some(({ from, to }) => lockView(from).lock === 1 && lockView(to).lock === 0)).toBe(true);
    expect(steps.some(({ from, to }) => lockView(from).lock === 0 && lockView(to).lock === 1)).toBe(true);
  });

  it("P5 DiningPhilosophers: NobodyStarves needs its fairness (without it a philosopher may stop for ever)", async () => {
    const unfair = defineSpec({ ...diningPhilosophers.definition, fairness: [] });
    const r = await check(compile(unfair), { properties: ["nobodyStarves1"] });
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation.kind).toBe("liveness");
    expect(notHungry(r.violation.trace[r.violation.trace.length - 1].state, 1)).toBe(false);
    expect(philosophers(5)).toHaveLength(5);
  });
});
