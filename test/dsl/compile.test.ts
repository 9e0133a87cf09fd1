import { describe, expect, it } from "vitest";
import { specError } from "./spec-error.ts";
import { check, compile, defineSpec, exists, t } from "interleave-spec";
import * as faults from "../fixtures/specs/faults.ts";
import { careless, safe } from "../fixtures/specs/lights.ts";


describe("compile: parameters", () => {
  const spec = defineSpec({
    name: "p",
    params: { max: t.int(1, 5).default(2), mode: t.enum("a", "b").default("a") },
    state: ({ max }) => ({ n: t.int(0, max) }),
    init: { n: 0 },
    actions: { inc: (s, { max }) => s.n < max && { ...s, n: s.n + 1 } },
    deadlock: false,
  });

  it("uses defaults and overrides, and the schema depends on them", async () => {
    expect((await check(compile(spec))).stats.distinctStates).toBe(3);
    expect((await check(compile(spec, { max: 5 }))).stats.distinctStates).toBe(6);
  });

  it("rejects a value outside the parameter's domain, naming it", async () => {
    const e = await specError(() => compile(spec, { max: 9 }));
    expect(e.code).toBe("invalid-param");
    expect(e.message).toContain("max = 9");
    expect(e.details.param).toBe("max");
  });

  it("rejects unknown parameters and lists the known ones", async () => {
    const e = await specError(() => compile(spec, { cpus: 2 }));
    expect(e.message).toMatch(/no parameter "cpus".*max, mode/);
  });

  it("requires a value for a parameter without default", async () => {
    const needs = defineSpec({
      name: "needs",
      params: { max: t.int(1, 5) },
      state: ({ max }) => ({ n: t.int(0, max) }),
      init: { n: 0 },
      actions: { inc: (s, { max }) => s.n < max && { ...s, n: s.n + 1 } },
      deadlock: false,
    });
    expect((await specError(() => compile(needs))).message).toMatch(/"max" has no default/);
    expect((await check(compile(needs, { max: 1 }))).stats.distinctStates).toBe(2);
  });
});

describe("compile: init forms", () => {
  const base = { name: "i", state: { a: t.bool(), b: t.int(0, 2) }, actions: { stay: (s: { a: boolean; b: number }) => s } } as const;

  it("accepts one state, an array, a function returning an iterable, and { where }", async () => {
    const count = async (init: unknown) =>
      (await check(compile(defineSpec({ ...base, init } as never)))).stats.distinctStates;
    expect(await count({ a: true, b: 0 })).toBe(1);
    expect(await count([{ a: true, b: 0 }, { a: false, b: 2 }])).toBe(2);
    expect(
      await count(function* () {
        for (let b = 0; b <= 2; b++) yield { a: false, b };
      }),
    ).toBe(3);
    expect(await count({ where: (s: { a: boolean; b: number }) => s.a || s.b > 0 })).toBe(5);
  });
});

describe("exists: bindings in traces", () => {
  it("shows the callback's parameter names, nested", async () => {
    const spec = defineSpec({
      name: "e",
      state: { x: t.int(0, 9) },
      init: { x: 0 },
      actions: {
        set: (s) => exists(t.int(1, 3), (tens) => exists(t.int(0, 1), (ones) => ({ ...s, x: tens * 2 + ones }))),
      },
      invariants: { small: (s) => s.x < 7 },
      deadlock: false,
    });
    const r = await check(compile(spec));
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation.trace.map((s) => s.binding)).toEqual([null, { tens: 3, ones: 1 }]);
  });

  it("ranges over sets in the state and shows destructured records by field", async () => {
    const spec = defineSpec({
      name: "r",
      state: { inbox: t.set(t.record({ from: t.int(0, 1), v: t.bool() })), got: t.optional(t.int(0, 1)) },
      init: { inbox: t.set(t.record({ from: t.int(0, 1), v: t.bool() })).of({ from: 1, v: true }), got: undefined },
      actions: { take: (s) => exists(s.inbox, ({ from, v }) => v && { ...s, got: from }) },
      invariants: { none: (s) => s.got === undefined },
      deadlock: false,
    });
    const r = await check(compile(spec));
    if (r.result !== "violation") throw new Error(r.result);
    expect(r.violation.trace[1].binding).toEqual({ from: 1, v: true });
  });
});

describe("check: violations through the DSL", () => {
  it("finds the shortest trace to both lights green, with the invariant's message", async () => {
    expect((await check(compile(safe))).stats).toMatchObject({ distinctStates: 5 });
    const r = await check(compile(careless));
    if (r.result !== "violation") throw new Error(r.result);
    expect(r.violation.property).toBe("notBothGreen");
    expect(r.violation.message).toMatch(/collide/);
    expect(r.violation.trace.map((s) => [s.action, s.binding])).toEqual([
      [null, null],
      ["turnGreen", { i: 0 }],
      ["turnGreen", { i: 1 }],
    ]);
  });
});

describe("spec faults are SpecErrors naming the cause", () => {
  it("an action that throws: action-threw, with the action and state", async () => {
    const e = await specError(() => check(compile(faults.throws)));
    expect(e.code).toBe("action-threw");
    expect(e.message).toContain('action "inc" threw: n reached two');
    expect(e.details.state).toEqual({ n: 2, seen: [] });
    expect((e.details.cause as Error).stack).toContain("faults.ts");
  });

  it("a successor outside the schema: outside-schema, with action, binding, path and value", async () => {
    const e = await specError(() => check(compile(faults.outside)));
    expect(e.code).toBe("outside-schema");
    expect(e.details).toMatchObject({ action: "add", path: ".n", value: 4, binding: { k: 2 } });
    expect(e.message).toMatch(/action "add" with \{"k":2\} returned a state where s\.n = 4, outside the schema \(expected an integer in 0\.\.3\)/);
  });

  it("an initial state outside the schema", async () => {
    const e = await specError(() => check(compile(faults.badInit)));
    expect(e.code).toBe("outside-schema");
    expect(e.message).toMatch(/initial state has s\.n = 9/);
  });

  it("an action depending on module-level mutable state: nondeterministic-action", async () => {
    const e = await specError(() => check(compile(faults.nondeterministic)));
    expect(e.code).toBe("nondeterministic-action");
    expect(e.details.action).toBe("coin");
  });

  it("an action assigning to the current state: state-mutated, with the spec's line", async () => {
    const e = await specError(() => check(compile(faults.mutates)));
    expect(e.code).toBe("state-mutated");
    expect(e.message).toMatch(/action "inc" modifies the current state/);
    expect((e.details.cause as Error).stack).toMatch(/faults\.ts:\d+/);
  });

  it("an action adding to a Set of the current state: state-mutated", async () => {
    const e = await specError(() => check(compile(faults.mutatesSet)));
    expect(e.code).toBe("state-mutated");
    expect(e.details.action).toBe("see");
  });

  it("an invariant that throws: property-threw", async () => {
    const e = await specError(() => check(compile(faults.invariantThrows)));
    expect(e.code).toBe("property-threw");
    expect(e.message).toContain('property "fragile" threw: cannot judge three');
  });

  it("a schema field that is not a domain: invalid-spec", async () => {
    const bad = defineSpec({ name: "b", state: { n: 3 as never }, init: { n: 0 as never }, actions: { a: (s) => s } });
    expect((await specError(() => compile(bad))).code).toBe("invalid-spec");
  });
});

describe("compile: spec functions that throw while the spec is compiled", () => {
  it("a state function that throws is an invalid-spec SpecError naming it, not a raw error", async () => {
    const spec = defineSpec({
      name: "throws-in-state",
      params: { n: t.int(0, 3).default(0) },
      init: { x: 0 },
      actions: { stay: (s) => s },
      state: ({ n }) => {
        if (n === 0) throw new Error("n must be positive");
        return { x: t.int(0, n) };
      },
    });
    const e = await specError(() => compile(spec));
    expect(e.code).toBe("invalid-spec");
    expect(e.message).toMatch(/state.*threw.*n must be positive/);
    expect(() => compile(spec, { n: 2 })).not.toThrow();
  });

  it("a properties function that throws is an invalid-spec SpecError naming it", async () => {
    const spec = defineSpec({
      name: "throws-in-properties",
      init: { x: 0 },
      actions: { stay: (s) => s },
      state: { x: t.int(0, 3) },
      properties: () => {
        throw new Error("no properties today");
      },
    });
    const e = await specError(() => compile(spec));
    expect(e.code).toBe("invalid-spec");
    expect(e.message).toMatch(/properties.*threw.*no properties today/);
  });
});
