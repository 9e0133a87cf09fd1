import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { check, type Fairness, type Model, type Temporal, type TemporalFormula } from "interleave-spec";
import { StateGraph } from "../../src/graph/state-graph.ts";
import { checkTemporal } from "../../src/check/liveness.ts";
import { planProperty, type TemporalMethod } from "../../src/check/temporal-plan.ts";
import { TemporalSearch } from "../../src/check/temporal-search.ts";
import { atomHolds, fairCycle, holdsOnLasso, oracle, type AtomKind, type Case, type Edge, type F, type FairSpec } from "./temporal-oracle.ts";

// The checker against an independent brute-force oracle (temporal-oracle.ts) on random small
// graphs × random formulas over the whole language × random fairness (none, weak/strong on the
// next-state relation, an action, per instance, an instance, a subscript). For every case:
//  1. the verdict of the fast paths (where they apply), of the general automaton product, and of
//     `check` end to end equals the oracle's;
//  2. a counterexample is a real behaviour from an initial state (stuttering steps allowed), its
//     cycle is fair and the formula is false on it (judged directly on the lasso);
//  3. its prefix has the fewest non-stuttering steps of any fair counterexample.

const ACTIONS = ["a", "b"];

function kernelAtom(kind: AtomKind, c: Case): TemporalFormula<number> {
  const stepOf = (a: string): TemporalFormula<number> => ({ op: "step", holds: (_f, _t, step) => step?.action.name === a, label: a });
  switch (kind) {
    case "p":
      return { op: "state", holds: (s) => c.p.includes(s), label: "p" };
    case "q":
      return { op: "state", holds: (s) => c.q.includes(s), label: "q" };
    case "stepA":
      return stepOf("a");
    case "changeB":
      return { op: "and", args: [stepOf("b"), { op: "not", arg: { op: "unchanged" } }] };
    case "keepA":
      return { op: "or", args: [stepOf("a"), { op: "unchanged" }] };
    case "raw":
      return { op: "step", holds: (s, t) => t === (s + 1) % c.n, label: "raw" };
    case "unchanged":
      return { op: "unchanged" };
    case "unchangedParity":
      return { op: "unchanged", subscript: (s) => s % 2 };
    case "enA":
      return { op: "enabled", steps: { actions: ["a"] } };
    case "enB1":
      return { op: "enabled", steps: { actions: ["b"], includes: (step) => step.instance === 1 } };
    case "enAny":
      return { op: "enabled", steps: {}, selfLoops: true };
  }
}

/** One kernel atom per kind and case: the checker identifies atoms by identity, as a spec's named predicates. */
const atoms = new WeakMap<Case, Map<AtomKind, TemporalFormula<number>>>();

function kernelFormula(f: F, c: Case): TemporalFormula<number> {
  if ("atom" in f) {
    const known = atoms.get(c) ?? new Map<AtomKind, TemporalFormula<number>>();
    atoms.set(c, known);
    if (!known.has(f.atom)) known.set(f.atom, kernelAtom(f.atom, c));
    return known.get(f.atom)!;
  }
  switch (f.op) {
    case "not":
    case "always":
    case "eventually":
      return { op: f.op, arg: kernelFormula(f.a, c) } as TemporalFormula<number>;
    case "and":
    case "or":
      return { op: f.op, args: [kernelFormula(f.a, c), kernelFormula(f.b, c)] };
    case "implies":
    case "leadsTo":
      return { op: f.op, args: [kernelFormula(f.a, c), kernelFormula(f.b, c)] };
  }
}

function kernelFairness(f: FairSpec): Fairness<number> {
  switch (f.on) {
    case "next":
      return { kind: f.kind, perInstance: false };
    case "a":
      return { kind: f.kind, actions: ["a"], perInstance: false };
    case "bPerInstance":
      return { kind: f.kind, actions: ["b"], perInstance: true };
    case "aInstance1":
      return { kind: f.kind, actions: ["a"], includes: (step) => step.instance === 1, perInstance: false };
    case "bParity":
      return { kind: f.kind, actions: ["b"], subscript: (s) => s % 2, perInstance: false };
    case "abPerInstance":
      return { kind: f.kind, actions: ["a", "b"], perInstance: true };
  }
}

export function modelOf(c: Case): Model<number> {
  const property: Temporal<number> = { kind: "temporal", name: "prop", formula: kernelFormula(c.formula, c) };
  return {
    name: "random",
    codec: { width: 1, encode: (s, out, off) => void (out[off] = s), decode: (v, off) => v[off], toJson: (s) => s },
    init: (emit) => c.init.forEach((s) => emit(s)),
    actions: ACTIONS.map((name, a) => ({
      name,
      next: (s, emit) => c.edges.forEach(([f, t, act, k]) => f === s && act === a && emit(t, k)),
      bindingOf: (k) => ({ k }),
    })),
    properties: [property],
    fairness: c.fairness.map(kernelFairness),
  };
}

/** The checker's raw lasso (stuttering steps kept) by `method`, with the explored graph. */
export async function refute(c: Case, method: TemporalMethod) {
  const model = modelOf(c);
  const graph = new StateGraph(1);
  await check({ ...model, properties: [] }, { observer: graph });
  const plan = planProperty(model.properties[0] as Temporal<number>, model.actions, method);
  const lasso = new TemporalSearch(model, graph, [plan]).refute(0);
  return { lasso, graph, plan };
}

const atom = fc.constantFrom<AtomKind>("p", "q", "stepA", "changeB", "keepA", "raw", "unchanged", "unchangedParity", "enA", "enB1", "enAny");
const formula: fc.Arbitrary<F> = fc.letrec<{ f: F }>((tie) => ({
  f: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom.map((a) => ({ atom: a })),
    fc.record({ op: fc.constantFrom("not" as const, "always" as const, "eventually" as const), a: tie("f") }),
    fc.record({ op: fc.constantFrom("and" as const, "or" as const, "implies" as const, "leadsTo" as const), a: tie("f"), b: tie("f") }),
  ),
})).f;

const caseOf = fc
  .integer({ min: 1, max: 4 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      init: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(1), fc.nat(1)), { maxLength: 6 }) as fc.Arbitrary<Edge[]>,
      p: fc.uniqueArray(fc.nat(n - 1), { maxLength: n }),
      q: fc.uniqueArray(fc.nat(n - 1), { maxLength: n }),
      formula,
      fairness: fc.array(
        fc.record({
          kind: fc.constantFrom("weak" as const, "strong" as const),
          on: fc.constantFrom("next" as const, "a" as const, "bPerInstance" as const, "aInstance1" as const, "bParity" as const, "abPerInstance" as const),
        }),
        { maxLength: 2 },
      ),
    }),
  );

/** The state (as a number) of every graph id along the lasso. */
function statesOf(graph: StateGraph, ids: readonly number[]): number[] {
  return ids.map((id) => graph.vector(id)[0]);
}

describe("temporal checking against a brute-force oracle", () => {
  it("agrees on verdicts, gives valid fair counterexamples with the shortest prefix (product and fast paths)", async () => {
    await fc.assert(
      fc.asyncProperty(caseOf, async (c) => {
        const expected = oracle(c);
        const general = await refute(c, "product");
        expect(general.lasso !== undefined).toBe(expected.violated);
        const fast = await refute(c, "auto");
        expect(fast.lasso !== undefined).toBe(expected.violated);
        const e2e = await check(modelOf(c));
        expect(e2e.result).toBe(expected.violated ? "violation" : "ok");
        for (const { lasso, graph, plan } of [general, fast]) {
          if (!lasso) continue;
          const states = statesOf(graph, lasso.states);
          expect(c.init).toContain(states[0]);
          lasso.edges.forEach((e, i) => {
            if (e < 0) expect(states[i + 1]).toBe(states[i]);
            else expect([graph.from(e), graph.to(e)]).toEqual([lasso.states[i], lasso.states[i + 1]]);
          });
          // The behaviour: the lasso's states, then its cycle forever (a stuttering lasso repeats its last state).
          const loopStart = lasso.loopStart;
          const cycle = lasso.stuttering ? [[states[loopStart], states[loopStart]] as const] : states.slice(loopStart, -1).map((s, j) => [s, states[loopStart + j + 1]] as const);
          expect(fairCycle(c, cycle)).toBe(true);
          const shown = lasso.stuttering ? states : states.slice(0, -1);
          expect(holdsOnLasso(c, shown, loopStart)).toBe(false);
          const prefix = lasso.edges.slice(0, loopStart).filter((e) => e >= 0).length;
          // The fast paths find the shortest prefix of any counterexample; the product, the
          // shortest path to a fair accepting cycle of the product, which may enter the
          // behaviour's cycle a little later (never earlier than possible).
          expect(prefix).toBeGreaterThanOrEqual(expected.prefix);
          if (plan.kind === "fast" && general.lasso) expect(prefix).toBe(general.lasso.edges.slice(0, general.lasso.loopStart).filter((e) => e >= 0).length);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it("uses the fast paths for the shapes they serve, and the product otherwise", () => {
    const c = (formula: F): Case => ({ n: 1, init: [0], edges: [], p: [], q: [], formula, fairness: [] });
    const kind = (f: F) => planProperty(modelOf(c(f)).properties[0] as Temporal<number>, modelOf(c(f)).actions).kind;
    expect(kind({ op: "eventually", a: { atom: "p" } })).toBe("fast");
    expect(kind({ op: "leadsTo", a: { atom: "p" }, b: { op: "and", a: { atom: "q" }, b: { atom: "enA" } } })).toBe("fast");
    expect(kind({ op: "always", a: { op: "eventually", a: { atom: "p" } } })).toBe("fast");
    expect(kind({ op: "eventually", a: { op: "always", a: { atom: "p" } } })).toBe("fast");
    expect(kind({ op: "always", a: { op: "implies", a: { atom: "p" }, b: { op: "always", a: { atom: "q" } } } })).toBe("product");
    expect(kind({ op: "eventually", a: { atom: "stepA" } })).toBe("product");
  });

  it("evaluates atoms on steps as the oracle does (sanity of the test's own model)", () => {
    const c: Case = { n: 2, init: [0], edges: [[0, 1, 0, 0], [0, 1, 1, 1], [1, 1, 0, 0]], p: [0], q: [], formula: { atom: "p" }, fairness: [] };
    expect(atomHolds(c, "stepA", 0, 1)).toBe(true);
    expect(atomHolds(c, "changeB", 0, 1)).toBe(true);
    expect(atomHolds(c, "stepA", 1, 1)).toBe(true); // the a self-loop is the pair (1, 1)
    expect(atomHolds(c, "enA", 1, 1)).toBe(false); // a self-loop does not enable ⟨a⟩
    expect(atomHolds(c, "enAny", 1, 1)).toBe(true); // but plain ENABLED counts it
  });
});
