import { describe, expect, it } from "vitest";
import type { TemporalFormula } from "interleave-spec";
import { FormulaTable } from "../../src/temporal/formula.ts";
import { buildAutomaton } from "../../src/temporal/gba.ts";
import { functionLabel, renderFormula } from "../../src/temporal/render.ts";

type F = TemporalFormula<number>;
const p: F = { op: "state", holds: (s) => s > 0, label: "p" };
const q: F = { op: "state", holds: (s) => s > 1, label: "q" };
const a: F = { op: "step", holds: (s, t) => t > s, label: "A" };
const always = (arg: F): F => ({ op: "always", arg });
const eventually = (arg: F): F => ({ op: "eventually", arg });
const implies = (x: F, y: F): F => ({ op: "implies", args: [x, y] });
const not = (arg: F): F => ({ op: "not", arg });

/** The automaton of ¬f: its size and number of acceptance sets. */
function negated(f: F) {
  const table = new FormulaTable<number>("f");
  const automaton = buildAutomaton(table, table.nnf(f, true));
  return { size: automaton.size, sets: automaton.acceptanceSets, initial: automaton.initial.length };
}

describe("formula tables (negation normal form, hash-consed, simplified)", () => {
  it("shares equal subformulas and simplifies nested temporal operators", () => {
    const t = new FormulaTable<number>("f");
    const x = t.nnf(always(always(p)), false);
    expect(x).toBe(t.nnf(always(p), false));
    expect(t.nnf(eventually(eventually(p)), false)).toBe(t.nnf(eventually(p), false));
    expect(t.nnf(always(eventually(always(p))), false)).toBe(t.nnf(eventually(always(p)), false));
    expect(t.nnf(eventually(always(eventually(p))), false)).toBe(t.nnf(always(eventually(p)), false));
    expect(t.nodes[t.nnf({ op: "and", args: [p, not(p)] }, false)]).toEqual({ k: "const", value: false });
    expect(t.nodes[t.nnf({ op: "or", args: [p, { op: "or", args: [not(p), q] }] }, false)]).toEqual({ k: "const", value: true });
    expect(t.atomCounts).toEqual({ state: 2, step: 0 });
  });

  it("pushes negation to the atoms: ¬□(p ⇒ ◇q) is ◇(p ∧ □¬q)", () => {
    const t = new FormulaTable<number>("f");
    const n = t.nnf(always(implies(p, eventually(q))), true);
    const expected = t.eventually(t.and([t.literal(0, false), t.always(t.literal(1, true))]));
    expect(n).toBe(expected);
  });

  it("treats a function shorthand like its tree", () => {
    const t = new FormulaTable<number>("f");
    const holds = (s: number) => s > 0;
    expect(t.nnf({ op: "leadsTo", p: holds, q: holds }, false)).toBe(t.nnf({ op: "leadsTo", args: [{ op: "state", holds }, { op: "state", holds }] }, false));
  });
});

describe("Büchi automata of the issue's nested forms stay small", () => {
  it.each([
    ["[](p => []q)", always(implies(p, always(q))), 6],
    ["[](p => <>[]q)", always(implies(p, eventually(always(q)))), 5],
    ["Init => <>q", implies(p, eventually(q)), 2],
    ["p ~> q", { op: "leadsTo", args: [p, q] } as F, 3],
    ["<><<A>>", eventually({ op: "and", args: [a, not({ op: "unchanged" })] }), 2],
    ["[][A]_vars", always({ op: "or", args: [a, { op: "unchanged" }] }), 3],
  ])("%s: at most %i nodes", (_name, f, most) => {
    const { size } = negated(f as F);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(most as number);
  });

  it("merges nodes that accept the same runs (GPVW's nodes record how they were expanded)", () => {
    // (p ∧ (p ⤳ p)) ⤳ ((p ⤳ (p ⤳ p)) ∧ p), nested once more under ⤳ q: 51 GPVW nodes, 34 merged.
    const lt = (x: F, y: F): F => ({ op: "leadsTo", args: [x, y] });
    const and = (x: F, y: F): F => ({ op: "and", args: [x, y] });
    expect(negated(lt(lt(and(p, lt(p, p)), and(lt(p, lt(p, p)), p)), q)).size).toBe(34);
  });

  it("a valid formula's negation has no run at all", () => {
    expect(negated({ op: "or", args: [p, not(p)] }).initial).toBe(0);
  });
});

describe("rendering for messages", () => {
  it("shows formulas in TLA+'s notation with their predicates' labels", () => {
    expect(renderFormula(always(implies(p, always(q))))).toBe("□(p ⇒ □q)");
    expect(renderFormula({ op: "leadsTo", args: [p, { op: "and", args: [q, { op: "enabled", steps: { actions: ["send"] } }] }] })).toBe("p ⤳ (q ∧ ENABLED ⟨send⟩)");
    expect(functionLabel(function terminated() {})).toBe("terminated");
    expect(functionLabel((s: { n: number }) => s.n > 0)).toBe("s.n > 0");
  });
});
