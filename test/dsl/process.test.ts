import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, exists, t } from "interleave-spec";
import { specError } from "./spec-error.ts";

/**
 * test/fixtures/pluscal/Term.tla, written with processes. TLC 2.19 on its PlusCal translation
 * (`java -cp tla2tools.jar pcal.trans Term.tla`, then `tlc2.TLC -workers 1 Term.tla`, deadlock
 * checking on): 183 distinct states, 457 generated, depth 15, no error — the translation's
 * `Terminating` disjunct makes the all-done state stutter instead of deadlocking.
 */
const term = defineSpec({
  name: "Term",
  state: { x: t.int(0, 2) },
  init: { x: 0 },
  processes: ({ process }) => ({
    p: process({
      ids: t.int(1, 2),
      locals: { i: t.int(0, 2) },
      init: { i: 0 },
      steps: {
        // a: while (i < 2) { either { x := (x + 1) % 3 } or { skip }; b: i := i + 1 };
        a: (s) => (s.i < 2 ? [{ ...s, x: (s.x + 1) % 3 }, s] : { ...s, goto: "c" }),
        b: (s) => ({ ...s, i: s.i + 1, goto: "a" }),
        // c: with (v \in {0, 1}) { x := (x + v) % 3 };
        c: (s) => exists([0, 1], (v) => ({ ...s, x: (s.x + v) % 3 })),
        // d: if (x = 2) goto a;   (then the process ends)
        d: (s) => (s.x === 2 ? { ...s, goto: "a" } : true),
      },
    }),
  }),
});

describe("processes compile to PlusCal's translation", () => {
  it("gives TLC's counts for a PlusCal translation with either, with, goto, a loop and termination", async () => {
    const result = await check(compile(term));
    expect(result.result).toBe("ok");
    expect(result.stats).toMatchObject({ distinctStates: 183, statesGenerated: 457, depth: 15 });
  });

  it("keeps each process's pc and locals in a field named after its type, keyed by id", () => {
    const model = compile(term);
    const initial: unknown[] = [];
    model.init((s) => initial.push(model.codec.toJson(s)));
    expect(initial).toEqual([{ x: 0, p: { 1: { pc: "a", i: 0 }, 2: { pc: "a", i: 0 } } }]);
  });

  it("has one action per process type and label, with the process id bound as self, then Terminating", () => {
    const model = compile(term);
    expect(model.actions.map((a) => a.name)).toEqual(["p.a", "p.b", "p.c", "p.d", "Terminating"]);
    expect(model.actions[2].process).toEqual({ process: "p", label: "c" });
    expect(model.actions[4].process).toBeUndefined();
    const bindings: unknown[] = [];
    model.init((s) => {
      const atC = { ...s, p: { ...s.p, 2: { pc: "c" as const, i: 2 } } };
      model.actions[2].next(atC, (_next, instance) => bindings.push([model.actions[2].bindingOf(instance), model.actions[2].instanceValues?.(instance)]));
    });
    expect(bindings).toEqual([
      [{ self: 2, v: 0 }, [2, 0]],
      [{ self: 2, v: 1 }, [2, 1]],
    ]);
  });

  it("lets the all-done state stutter (Terminating) rather than deadlock", async () => {
    const result = await check(compile(term), { properties: ["deadlock"] });
    expect(result.result).toBe("ok");
    const model = compile(term);
    const done = { x: 1, p: { 1: { pc: "Done" as const, i: 2 }, 2: { pc: "Done" as const, i: 2 } } };
    const successors: unknown[] = [];
    for (const a of model.actions) a.next(done, (s) => successors.push([a.name, s]));
    expect(successors).toEqual([["Terminating", done]]);
  });

  it("reports a deadlock when a process waits forever on an await", async () => {
    const stuck = defineSpec({
      name: "stuck",
      state: { go: t.bool() },
      init: { go: false },
      processes: ({ process }) => ({
        w: process({ ids: t.int(1, 1), steps: { wait: (s) => s.go, run: () => true } }),
      }),
    });
    const result = await check(compile(stuck));
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    expect(result.violation.kind).toBe("deadlock");
    expect(result.violation.trace.map((s) => s.state)).toEqual([{ go: false, w: { 1: { pc: "wait" } } }]);
  });

  it("drops Done and Terminating when a body repeats forever (PlusCal's while (TRUE))", () => {
    const loop = defineSpec({
      name: "loop",
      state: { n: t.int(0, 1) },
      init: { n: 0 },
      processes: ({ process }) => ({
        q: process({ ids: t.enum("a", "b"), forever: true, steps: { up: (s) => ({ ...s, n: 1 }), down: (s) => ({ ...s, n: 0 }) } }),
      }),
    });
    const model = compile(loop);
    expect(model.actions.map((a) => a.name)).toEqual(["q.up", "q.down"]);
    const next: unknown[] = [];
    model.actions[1].next({ n: 1, q: { a: { pc: "down" }, b: { pc: "up" } } }, (s) => next.push(s));
    expect(next).toEqual([{ n: 0, q: { a: { pc: "up" }, b: { pc: "up" } } }]);
  });

  it("starts from every combination of the processes' initial locals", async () => {
    const choices = defineSpec({
      name: "choices",
      state: { n: t.int(0, 0) },
      init: { n: 0 },
      processes: ({ process }) => ({
        r: process({ ids: t.int(1, 2), locals: { v: t.int(0, 2) }, init: (self) => (self === 1 ? [{ v: 0 }, { v: 1 }] : [{ v: 0 }, { v: 1 }, { v: 2 }]), steps: { s: () => true } }),
      }),
    });
    const model = compile(choices);
    let count = 0;
    model.init(() => count++);
    expect(count).toBe(6);
  });
});

describe("fairness per process type", () => {
  const spec = (fair?: "weak" | "strong") =>
    defineSpec({
      name: "fair",
      state: { n: t.int(0, 2) },
      init: { n: 0 },
      processes: ({ process }) => ({
        p: process({ ids: t.int(1, 2), ...(fair ? { fair } : {}), steps: { inc: (s) => ({ ...s, n: Math.min(2, s.n + 1) }) } }),
      }),
      properties: ({ eventually }) => ({ ends: eventually((s) => s.p[1].pc === "Done" && s.p[2].pc === "Done") }),
    });

  it("is one per-instance condition over the type's steps, keyed by the process id (not by with values)", () => {
    const model = compile(spec("strong"));
    expect(model.fairness).toHaveLength(1);
    const [f] = model.fairness!;
    expect(f).toMatchObject({ kind: "strong", actions: ["p.inc"], perInstance: true });
    expect(f.instanceKey?.([2, "m"])).toBe(2);
  });

  it("makes every process terminate (fair process), which it need not without", async () => {
    expect((await check(compile(spec("weak")))).result).toBe("ok");
    const unfair = await check(compile(spec()));
    expect(unfair.result).toBe("violation");
    if (unfair.result === "violation") expect(unfair.violation.kind).toBe("liveness");
  });
});

describe("symmetry over process ids", () => {
  it("identifies states that differ by renaming interchangeable processes", async () => {
    const Ids = t.int(1, 3);
    const spec = (symmetric: boolean) =>
      defineSpec({
        name: "sym",
        state: { n: t.int(0, 0) },
        init: { n: 0 },
        processes: ({ process }) => ({ p: process({ ids: Ids, steps: { a: () => true, b: () => true } }) }),
        ...(symmetric ? { symmetry: [Ids] } : {}),
      });
    // Each pc is a, b or Done: 3^3 states, and 10 multisets of three pcs.
    expect((await check(compile(spec(false)))).stats.distinctStates).toBe(27);
    expect((await check(compile(spec(true)))).stats.distinctStates).toBe(10);
  });
});

describe("process spec errors name the process, step and value", () => {
  const one = (steps: object, extra: object = {}) =>
    defineSpec({
      name: "bad",
      state: { n: t.int(0, 3) },
      init: { n: 0 },
      processes: ({ process }) => ({ p: process({ ids: t.int(1, 1), steps: steps as never, ...extra }) }),
    });

  it("refuses a field that is neither shared nor a local", async () => {
    const e = await specError(() => check(compile(one({ a: (s: object) => ({ ...s, m: 1 }) }))));
    expect(e.code).toBe("outside-schema");
    expect(e.message).toContain('step p.a (self = 1) returned a field "m"');
  });

  it("refuses a jump to a label the process does not have", async () => {
    const e = await specError(() => check(compile(one({ a: (s: object) => ({ ...s, goto: "b" }) }))));
    expect(e.code).toBe("invalid-successor");
    expect(e.message).toContain('jumps to goto: "b", but its labels are a, and "Done" ends the process');
  });

  it("refuses Done in a process that repeats forever", async () => {
    const e = await specError(() => check(compile(one({ a: (s: object) => ({ ...s, goto: "Done" }) }, { forever: true }))));
    expect(e.message).toContain("is declared forever");
  });

  it("refuses an outcome that is not a view, true, false, an array or exists", async () => {
    const e = await specError(() => check(compile(one({ a: () => 5 }))));
    expect(e.code).toBe("invalid-successor");
    expect(e.message).toContain("step p.a (self = 1) returned 5");
  });

  it("reports a missing field at its path", async () => {
    const e = await specError(() => check(compile(one({ a: () => ({}) }))));
    expect(e.code).toBe("outside-schema");
    expect(e.message).toContain("n");
    expect(e.details.action).toBe("p.a");
  });

  it("reports a step that throws with its process id", async () => {
    const e = await specError(() => check(compile(one({ a: () => { throw new Error("boom"); } }))));
    expect(e.code).toBe("action-threw");
    expect(e.message).toContain('action "p.a" with {"self":1} threw: boom');
    // …and the state it was taken in, as for a plain action.
    expect(e.details.state).toMatchObject({ p: { 1: { pc: "a" } } });
  });

  it("refuses a step that mutates its view", async () => {
    const e = await specError(() => check(compile(one({ a: (s: { n: number }) => { s.n = 1; return true; } }))));
    expect(e.code).toBe("action-threw");
  });

  it("refuses names that clash, locals without init, and async steps", () => {
    const clash = defineSpec({ name: "c", state: { p: t.int(0, 1) }, init: { p: 0 }, processes: ({ process }) => ({ p: process({ ids: t.int(1, 1), steps: { a: () => true } }) }) });
    expect(() => compile(clash)).toThrow(/process p has the name of a state field/);
    expect(() => compile(one({ a: () => true }, { locals: { k: t.int(0, 1) } }))).toThrow(/declares locals \(k\) but no init/);
    expect(() => compile(one({ a: () => true }, { locals: { n: t.int(0, 1) }, init: { n: 0 } }))).toThrow(/local "n" has the name of a shared state field/);
    expect(() => compile(one({ a: async () => true }))).toThrow(/step p.a is async/);
    expect(() => compile(one({ Done: () => true }))).toThrow(/"Done" is the program counter of a terminated process/);
    expect(() => compile(one({}))).toThrow(/process p has no steps/);
  });

  it("refuses a spec with neither actions nor processes", () => {
    expect(() => compile(defineSpec({ name: "empty", state: { n: t.int(0, 1) }, init: { n: 0 } }))).toThrow(/declares no actions and no processes/);
  });
});
