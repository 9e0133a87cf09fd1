import { describe, expect, it } from "vitest";
import { corpus, type CorpusEntry } from "../../litmus/corpus.ts";
import { runLitmus } from "./outcomes.ts";

type Column = "sc" | "tso" | "pso" | "pso-ordered";

/** The outcome set pinned for `column`. */
function expected(e: CorpusEntry, column: Column): string[] {
  const tso = [...e.sc, ...(e.tso ?? [])];
  const pso = [...tso, ...(e.pso ?? [])];
  const out = column === "sc" ? e.sc : column === "tso" ? tso : column === "pso" ? pso : pso.filter((o) => !(e.psoOrderedLacks ?? []).includes(o));
  return [...out].sort();
}

const hasUnlock = (e: CorpusEntry) => e.test.threads.some((code) => code.some((i) => i.op === "unlock"));

const runs: [string, Column, CorpusEntry][] = corpus.flatMap((e) => {
  const columns: Column[] = ["sc", "tso", "pso", ...(hasUnlock(e) ? (["pso-ordered"] as const) : [])];
  return columns.map((c) => [e.test.name, c, e] as [string, Column, CorpusEntry]);
});

describe("litmus corpus under SC, TSO and PSO", () => {
  it.each(runs)("%s under %s: the pinned outcome set, and no published verdict contradicted", async (_name, column, e) => {
    const run = await runLitmus(e.test, column === "pso-ordered" ? { memory: "pso", unlock: "ordered" } : { memory: column });
    expect(run.saturated, "a store buffer reached its bound: the search is not complete").toBe(false);
    expect(run.deadlocks).toBe(0);
    expect(run.outcomes).toEqual(expected(e, column));
    // The models only ever get weaker: SC ⊆ TSO ⊆ PSO, and PSO ⊆ LKMM — a test LKMM forbids is forbidden here too.
    if (e.lkmm?.result === "Never") expect(run.allowed).toBe(false);
    // x86-TSO: the catalogue's verdict on the same shape.
    if (column === "tso" && e.x86) expect(run.allowed).toBe(e.x86.result === "Allow");
  });

  it("covers every shape the issue lists", () => {
    const names = corpus.map((e) => e.test.name);
    for (const shape of ["MP", "SB", "LB", "2+2W", "R+", "S+", "WRC", "IRIW", "ISA2", "CoRR", "CoWW", "CoRW", "CoWR", "lock", "SCFM"]) {
      expect(names.some((n) => n.includes(shape)), shape).toBe(true);
    }
  });
});
