import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, isSpecError, strong, t, weak, type CheckResult } from "interleave-spec";
import ring from "../fixtures/liveness/ring.ts";

const run = async (properties: string[], fairness = [weak()]): Promise<CheckResult<any>> =>
  check(compile(defineSpec({ ...ring.definition, fairness })), { properties });

describe("temporal operators through the DSL", () => {
  it("□◇p holds when the token keeps coming back under WF(next)", async () => {
    expect((await run(["visitsZero"])).result).toBe("ok");
  });

  it("◇□p fails with a cycle that leaves p, and ◇p fails when a cycle avoids it", async () => {
    const settles = await run(["settles"]);
    expect(settles.result === "violation" && settles.violation).toMatchObject({ kind: "liveness", stuttering: false });
    const parks = await run(["parks"]);
    expect(parks.result).toBe("violation");
    if (parks.result !== "violation") return;
    // The cycle passes the token round without ever parking: every state has parked = false.
    expect(parks.violation.trace.every((s) => !s.state.parked)).toBe(true);
  });

  it("◇p holds once parking is strongly fair (it is enabled infinitely often)", async () => {
    expect((await run(["parks"], [weak(), strong("park")])).result).toBe("ok");
    expect((await run(["parks"], [weak(), weak("park")])).result).toBe("violation");
  });

  it("◇□p holds once the ring must park: the parked state only stutters (idle is a self-loop)", async () => {
    expect((await run(["settles"], [weak(), strong("park"), weak("idle")])).result).toBe("ok");
  });
});

describe("compiling temporal declarations", () => {
  const base = ring.definition;
  const fails = (def: object, code: string, text: RegExp) => {
    try {
      compile(defineSpec(def as typeof base));
    } catch (e) {
      expect(isSpecError(e) && e.code).toBe(code);
      expect((e as Error).message).toMatch(text);
      return;
    }
    expect.fail("compile did not throw");
  };

  it("rejects fairness on an unknown action, naming the known ones", () => {
    fails({ ...base, fairness: [weak("pas")] }, "invalid-spec", /"pas".*pass, park/);
  });

  it("rejects a property that is a bare state predicate: as a formula it would speak of the initial state only", () => {
    fails({ ...base, properties: { raw: (s: { token: number }) => s.token === 0 } }, "invalid-spec", /property "raw" is a bare state predicate.*always\(p\) \(an invariant\), eventually\(p\)/);
  });

  it("rejects two properties with the same name", () => {
    fails({ ...base, invariants: { parks: () => true } }, "invalid-spec", /two properties are named "parks"/);
  });

  it("compiles always(p) to an invariant and the rest to temporal properties with fairness", () => {
    const model = compile(
      defineSpec({ ...base, properties: ({ always, leadsTo }) => ({ a: always((s) => s.token >= 0), b: leadsTo((s) => s.parked, (s) => s.token === 0) }) }),
    );
    expect(model.properties.map((p) => [p.name, p.kind])).toEqual([
      ["parked", "sometimes"],
      ["atTwo", "sometimes"],
      ["a", "invariant"],
      ["b", "temporal"],
    ]);
    expect(model.fairness).toEqual([{ kind: "weak", perInstance: false }]);
  });

  it("rejects a sub-formula that is not a formula, naming the property and where it is", () => {
    fails({ ...base, properties: ({ always, and }: any) => ({ odd: always(and((s: { token: number }) => s.token > 0, 3)) }) }, "invalid-spec", /property "odd" \(always › and\[1\]: a sub-formula\) is 3/);
  });

  it("rejects an action name that enabled, step or fairness do not know", () => {
    fails({ ...base, properties: ({ eventually, enabled }: any) => ({ e: eventually(enabled("jump")) }) }, "invalid-spec", /names action "jump".*pass, park, idle, never/);
    fails({ ...base, properties: ({ eventually, step }: any) => ({ e: eventually(step(["pass", "hop"])) }) }, "invalid-spec", /names action "hop"/);
    fails({ ...base, fairness: [weak("pass", { where: 3 as never })] }, "invalid-spec", /fairness\[0\]: where must be a function/);
  });

  it("accepts weak/strong with action lists and per-instance options", () => {
    expect(weak(["a", "b"], { perInstance: true })).toEqual({ kind: "weak", actions: ["a", "b"], perInstance: true });
    expect(strong("a")).toEqual({ kind: "strong", actions: ["a"], perInstance: false });
  });

});

describe("formulas the checker refuses, before exploring", () => {
  const base = ring.definition;
  it("refuses a formula whose automaton is too large, naming the property (unsupported-formula)", async () => {
    // ¬(□◇p₁ ∨ … ∨ □◇p₁₁) = ◇□¬p₁ ∧ … ∧ ◇□¬p₁₁: 2¹¹ combinations of pending promises.
    const atoms = Array.from({ length: 11 }, (_, i) => (s: { token: number }) => s.token === i);
    const spec = defineSpec({ ...base, properties: ({ or, alwaysEventually }) => ({ huge: or(...atoms.map((p) => alwaysEventually(p))) }) });
    await expect(check(compile(spec))).rejects.toMatchObject({ code: "unsupported-formula", details: { property: "huge" }, message: /"huge" needs an automaton of more than 1024 nodes/ });
  });

  it("refuses an instance whose number of values is not the action's (enabled, fairness), naming the owner", async () => {
    // pass binds no exists value: [1] names no instance of it.
    const inv = defineSpec({ ...base, properties: ({ always, enabled }) => ({ canPass: always(enabled("pass", { instance: [1] })) }) });
    await expect(check(compile(inv))).rejects.toMatchObject({ code: "invalid-spec", message: /property "canPass" \(enabled\): instance \[1\] has 1 value, but action "pass" binds 0/ });
    const fair = defineSpec({ ...base, fairness: [weak("pass", { instance: [1] })] });
    await expect(check(compile(fair), { properties: ["parks"] })).rejects.toMatchObject({ code: "invalid-spec", message: /fairness\[0\]: instance \[1\] has 1 value, but action "pass" binds 0/ });
  });

  it("says so when a step predicate throws on a stuttering step (step.action is null there)", async () => {
    const spec = defineSpec({
      ...base,
      properties: ({ alwaysEventually, step }) => ({ passes: alwaysEventually(step((_s, _t, st) => st.action!.length > 0)) }),
    });
    await expect(check(compile(spec))).rejects.toMatchObject({ code: "property-threw", message: /property "passes" threw on a stuttering step \(t is s, step.action is null\)/ });
  });

  it("refuses more than 32 distinct state predicates in one property", async () => {
    const atoms = Array.from({ length: 33 }, (_, i) => (s: { token: number }) => s.token === i);
    const spec = defineSpec({ ...base, properties: ({ eventually, or }) => ({ wide: eventually(or(...atoms)) }) });
    await expect(check(compile(spec))).rejects.toMatchObject({ code: "unsupported-formula", message: /"wide" has more than 32 distinct state predicates/ });
  });
});

describe("enabled and fairness under a state constraint (successors it cuts still count, as TLC's ENABLED)", () => {
  const counter = defineSpec({
    name: "cut",
    state: { n: t.int(0, 3) },
    init: { n: 0 },
    actions: { inc: (s) => s.n < 3 && { n: s.n + 1 } },
    constraint: (s) => s.n <= 1,
    properties: ({ always, eventually, enabled }) => ({
      canInc: always(enabled("inc")),
      reachesTwo: eventually((s) => s.n === 2),
      incInfinitelyOften: always(eventually(enabled("inc"))),
    }),
    fairness: [weak("inc")],
    deadlock: false,
  });

  it("judges enabled(inc) true where its only successor is outside the constraint (an invariant and a temporal formula)", async () => {
    const result = await check(compile(counter), { properties: ["canInc", "incInfinitelyOften"] });
    expect(result.result).toBe("ok");
  });

  it("like TLC, finds no fair behaviour that stays in n = 1 (inc is enabled there), so <>(n = 2) is not refuted, with a warning", async () => {
    // TLC (Cut.tla with CONSTRAINT n <= 1, WF_n(Inc)) reports no error for <>(n = 2) either.
    const result = await check(compile(counter), { properties: ["reachesTwo"] });
    expect(result.result).toBe("ok");
    expect(result.warnings?.map((w) => w.kind)).toContain("liveness-with-constraint");
  });
});
