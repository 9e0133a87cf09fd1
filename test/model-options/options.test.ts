import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, exists, t, withActionConstraint, withStateConstraint, withView, type Model } from "interleave-spec";
import { graphModel } from "../fixtures/graph-model.ts";

/** Two processes with a program counter each and a lock; `ticks` counts steps up to 3 (noise for views). */
const Proc = t.enum("p", "q");
const mutex = defineSpec({
  name: "mutex",
  state: { pc: t.map(Proc, t.enum("idle", "wait", "cs")), lock: t.optional(Proc), ticks: t.int(0, 3) },
  init: { pc: { p: "idle", q: "idle" }, lock: undefined, ticks: 0 },
  actions: {
    request: (s) => exists(Proc, (i) => s.pc[i] === "idle" && { ...s, pc: { ...s.pc, [i]: "wait" }, ticks: Math.min(3, s.ticks + 1) }),
    enter: (s) => s.lock === undefined && exists(Proc, (i) => s.pc[i] === "wait" && { ...s, pc: { ...s.pc, [i]: "cs" }, lock: i }),
    exit: (s) => exists(Proc, (i) => s.pc[i] === "cs" && { ...s, pc: { ...s.pc, [i]: "idle" }, lock: undefined }),
  },
  invariants: { exclusive: (s) => !(s.pc.p === "cs" && s.pc.q === "cs") },
});

describe("symmetry", () => {
  it("identifies states that differ by renaming the ids (the mutex of two processes: 3·3·… → orbits)", async () => {
    const full = await check(compile(mutex));
    const reduced = await check(compile(defineSpec({ ...mutex.definition, symmetry: [Proc] })));
    expect(full.result).toBe("ok");
    expect(reduced.result).toBe("ok");
    expect(reduced.stats.distinctStates).toBeLessThan(full.stats.distinctStates);
  });

  it("refuses a spec whose invariant names one particular id (not-symmetric) instead of hiding its violation", async () => {
    // Unreduced, q reaches its critical section; reduced, q's states merge into p's, so
    // qNeverInCs would silently hold. The sampled check of the renamed state catches it first.
    const biased = defineSpec({ ...mutex.definition, invariants: { qNeverInCs: (s) => s.pc.q !== "cs" } });
    expect((await check(compile(biased))).result).toBe("violation");
    const error = await check(compile(defineSpec({ ...biased.definition, symmetry: [Proc] }))).catch((e) => e);
    expect(error).toMatchObject({ code: "not-symmetric", details: { property: "qNeverInCs" } });
    expect(error.message).toMatch(/symmetry over "p" \| "q" \(2 permutations\) is unsound for this spec: invariant qNeverInCs is true in a state and false in the same state with its ids renamed/);
  });

  it("refuses a spec whose action favours one id", async () => {
    const biased = defineSpec({
      ...mutex.definition,
      actions: { ...mutex.definition.actions, enter: (s) => s.lock === undefined && s.pc.p === "wait" && { ...s, pc: { ...s.pc, p: "cs" as const }, lock: "p" as const } },
      symmetry: [Proc],
    });
    await expect(check(compile(biased))).rejects.toMatchObject({ code: "not-symmetric", details: { action: "enter" } });
  });

  it("says when a symmetric domain is not in the state, or an enum holds only some of its values", () => {
    expect(() => compile(defineSpec({ ...mutex.definition, symmetry: [t.enum("x", "y")] }))).toThrow(/symmetry: the domain "x" \| "y" occurs nowhere in the state/);
    const partial = defineSpec({ ...mutex.definition, state: { ...mutex.definition.state, last: t.enum("p", "none") }, init: { ...mutex.definition.init, last: "none" }, symmetry: [Proc] } as never);
    expect(() => compile(partial)).toThrow(/the enum "p" \| "none" holds some values of the symmetric domain "p" \| "q" but not "q"/);
    const ints = t.int(0, 1);
    expect(() => compile(defineSpec({ ...mutex.definition, symmetry: [{ domain: ints, arrays: ["ticks"] }] }))).toThrow(/ticks is not a fixed array of 2 elements/);
  });

  it("checks temporal properties without the reduction, and says so", async () => {
    const live = defineSpec({
      ...mutex.definition,
      properties: ({ leadsTo }) => ({ served: leadsTo((s) => s.pc.p === "wait", (s) => s.pc.p === "cs") }),
      symmetry: [Proc],
    });
    const r = await check(compile(live));
    const plain = await check(compile(defineSpec({ ...live.definition, symmetry: undefined })));
    expect(r.result).toBe(plain.result);
    expect(r.stats.distinctStates).toBe(plain.stats.distinctStates);
    expect(r.warnings?.map((w) => w.kind)).toContain("reduction-not-applied");
  });
});

describe("view", () => {
  it("identifies states by field paths; traces still show the full states", async () => {
    const viewed = defineSpec({ ...mutex.definition, view: ["pc", "lock"], invariants: { notBothWaiting: (s) => !(s.pc.p === "wait" && s.pc.q === "wait") } });
    const r = await check(compile(viewed), { continue: true });
    const plain = await check(compile(defineSpec({ ...viewed.definition, view: undefined })), { continue: true });
    expect(plain.stats.distinctStates).toBeGreaterThan(r.stats.distinctStates);
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation.trace.at(-1)!.state).toEqual({ pc: { p: "wait", q: "wait" }, lock: undefined, ticks: 2 });
  });

  it("identifies states by a function of the state", async () => {
    const byPc = await check(compile(defineSpec({ ...mutex.definition, view: ["pc"] })));
    const byFunction = await check(compile(defineSpec({ ...mutex.definition, view: (s) => new Set([`p:${s.pc.p}`, `q:${s.pc.q}`]) })));
    expect(byFunction.stats).toMatchObject({ distinctStates: byPc.stats.distinctStates, statesGenerated: byPc.stats.statesGenerated });
  });

  it("names the field that does not exist", () => {
    expect(() => compile(defineSpec({ ...mutex.definition, view: ["pc.r"] }))).toThrow(/view: field path "pc.r": pc has no part "r" \(it has pc.p, pc.q\)/);
  });
});

describe("constraints", () => {
  it("an action constraint makes a step's successor generated and judged but not stored, knowing the action and binding", async () => {
    const seen: string[] = [];
    const noQ = defineSpec({
      ...mutex.definition,
      invariants: {},
      deadlock: false,
      actionConstraint: (s, next, step) => {
        seen.push(step.action);
        return !(step.action === "request" && (step.binding as { i: string }).i === "q" && s.pc.q !== next.pc.q);
      },
    });
    const r = await check(compile(noQ));
    const plain = await check(compile(defineSpec({ ...noQ.definition, actionConstraint: undefined })));
    expect(r.stats.distinctStates).toBeLessThan(plain.stats.distinctStates);
    expect(new Set(seen)).toEqual(new Set(["request", "enter", "exit"]));
    // q never leaves idle, so every stored state has q idle; the excluded successors were still generated.
    expect(r.stats.statesGenerated).toBeGreaterThan(r.stats.distinctStates);
  });

  it("a successor outside an action constraint that violates an invariant is reported (as TLC reports it)", async () => {
    const spec = defineSpec({
      ...mutex.definition,
      invariants: { qNeverWaits: (s) => s.pc.q !== "wait" },
      actionConstraint: (_s, next) => next.pc.q !== "wait",
    });
    const r = await check(compile(spec));
    expect(r.result === "violation" && r.violation.trace.map((step) => step.action)).toEqual([null, "request"]);
  });

  it("withStateConstraint and withActionConstraint compose on a hand-written model", async () => {
    const chain: Model<number> = graphModel({ nodes: 6, initial: [0], edges: [[0, 1, "a"], [1, 2, "a"], [2, 3, "b"], [3, 4, "a"], [4, 5, "a"]], deadlock: false });
    const cut = withActionConstraint(withStateConstraint(chain, (n) => n < 5), (_from, _to, step) => step.action !== "b");
    const r = await check(cut);
    expect(r.stats).toMatchObject({ distinctStates: 3, statesGenerated: 4 }); // 0, 1, 2 stored; 2 → 3 by b generated only
  });

  it("withView works on a hand-written model with the schema of its codec", async () => {
    const pairs = defineSpec({
      name: "pairs",
      state: { a: t.int(0, 2), b: t.int(0, 2) },
      init: { a: 0, b: 0 },
      actions: { inc: (s) => exists(t.int(0, 1), (k) => (k === 0 ? s.a < 2 && { ...s, a: s.a + 1 } : s.b < 2 && { ...s, b: s.b + 1 })) },
      deadlock: false,
    });
    const model = compile(pairs);
    const viewed = withView(model, { kind: "record", fields: [["a", { kind: "int", min: 0, max: 2 }], ["b", { kind: "int", min: 0, max: 2 }]] }, ["a"]);
    expect((await check(viewed)).stats.distinctStates).toBe(3);
  });
});
