import { describe, expect, it } from "vitest";
import { corpus, type CorpusEntry } from "../../litmus/corpus.ts";
import { outcomeSets } from "../../litmus/table.ts";
import { deref, R } from "../../litmus/litmus.ts";
import { runLitmus } from "./outcomes.ts";

type Column = "sc" | "tso" | "pso" | "pso-ordered" | "ra" | "ra-promise-free";

/** The outcome set pinned for `column`. */
function expected(e: CorpusEntry, column: Column): string[] {
  const sets = outcomeSets(e);
  const out = column === "pso-ordered" ? sets.psoOrdered : column === "ra-promise-free" ? sets.raPromiseFree : sets[column];
  return [...out].sort();
}

const params: Record<Column, { memory: string; unlock?: string; promises?: number }> = {
  sc: { memory: "sc" },
  tso: { memory: "tso" },
  pso: { memory: "pso" },
  "pso-ordered": { memory: "pso", unlock: "ordered" },
  ra: { memory: "ra" },
  "ra-promise-free": { memory: "ra", promises: 0 },
};

const hasUnlock = (e: CorpusEntry) => e.test.threads.some((code) => code.some((i) => i.op === "unlock"));

const runs: [string, Column, CorpusEntry][] = corpus.flatMap((e) => {
  const columns: Column[] = ["sc", "tso", "pso", ...(hasUnlock(e) ? (["pso-ordered"] as const) : []), "ra", "ra-promise-free"];
  return columns.map((c) => [e.test.name, c, e] as [string, Column, CorpusEntry]);
});

describe("litmus corpus under SC, TSO, PSO and ra", () => {
  it.each(runs)("%s under %s: the pinned outcome set, and no published verdict contradicted", async (_name, column, e) => {
    const run = await runLitmus(e.test, params[column]);
    expect(run.saturated, "a store buffer or a message history reached its bound: the search is not complete").toBe(false);
    expect(run.deadlocks).toBe(0);
    expect(run.outcomes).toEqual(expected(e, column));
    // The models only ever get weaker: SC ⊆ TSO ⊆ PSO, and PSO ⊆ LKMM — a test LKMM forbids is forbidden here too.
    if (e.lkmm?.result === "Never") expect(run.allowed).toBe(false);
    // x86-TSO: the catalogue's verdict on the same shape.
    if (column === "tso" && e.x86) expect(run.allowed).toBe(e.x86.result === "Allow");
    // ra: LKMM's verdict exactly, unless the test is listed as outside the model's reach — and then it does differ.
    if (column === "ra" && e.lkmm) expect(run.allowed, e.raOutside ?? "ra agrees with LKMM").toBe(e.raOutside === undefined ? e.lkmm.result === "Sometimes" : e.lkmm.result !== "Sometimes");
  });

  it("SCFM-3rdparty: the 3rd-party refs case needs two promises of the caller under ra, and the 45a5791920ae fix holds even then", async () => {
    const entry = (name: string) => corpus.find((e) => e.test.name === name)!;
    expect((await runLitmus(entry("SCFM-3rdparty").test, { memory: "ra", promises: 2 })).allowed).toBe(true);
    expect((await runLitmus(entry("SCFM-3rdparty-fixed").test, { memory: "ra", promises: 2 })).allowed).toBe(false);
  });

  it("a load through a register that holds no listed address is an error naming the CPU, the register and its value", async () => {
    const bad = { name: "bad-deref", threads: [[R("p", "r0"), deref("r0", ["x"], "r1")]], observe: ["0:r1"], exists: () => true, init: { p: 1 } };
    await expect(runLitmus(bad, { memory: "sc" })).rejects.toThrow("READ_ONCE(*r0) by CPU 0: r0=1 is not the address of any of x");
  });

  it("covers every shape the issue lists", () => {
    const names = corpus.map((e) => e.test.name);
    for (const shape of ["MP", "SB", "LB", "2+2W", "R+", "S+", "WRC", "IRIW", "ISA2", "CoRR", "CoWW", "CoRW", "CoWR", "lock", "silsil", "RM-", "SCFM", "RCU+sync", "onceassign"]) {
      expect(names.some((n) => n.includes(shape)), shape).toBe(true);
    }
  });
});
