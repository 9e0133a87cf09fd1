import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, t, weak, type CheckResult } from "interleave-spec";
import { formatLasso } from "../../src/export/text.ts";
import { checkTemporal } from "../../src/check/liveness.ts";
import { allocator, anyReturn, unfair } from "../fixtures/liveness/allocator.ts";

/** Each property's verdict, deciding every property in one search, by the fast paths or the product only. */
async function verdicts(spec: typeof allocator, method: "auto" | "product" = "auto"): Promise<Record<string, string>> {
  const model = compile(spec);
  const result: CheckResult<unknown> = await checkTemporal(model as never, { continue: true }, model.properties as never, method);
  const failed = new Set(result.result === "violation" ? result.violations.map((v) => v.property) : []);
  return Object.fromEntries(model.properties.map((p) => [p.name, failed.has(p.name) ? "violated" : "holds"]));
}

describe("nested temporal formulas, enabled and restricted fairness through the DSL", () => {
  const expected = {
    staysEmpty: "violated",
    returns: "holds",
    settles: "violated",
    firstOnly: "holds",
    everywhere: "violated",
    canGiveBack: "holds",
    onlyActions: "holds",
    givesBack: "violated",
    takesByAllocate: "holds",
    neverStuck: "holds",
  };

  it("decides each property as TLA+ does under \\A c : WF_vars(Return(c, alloc[c])), by fast paths and by the product alike", async () => {
    expect(await verdicts(allocator)).toEqual(expected);
    expect(await verdicts(allocator, "product")).toEqual(expected);
  });

  it("fairness on any return (partial ones too) does not make clients give everything back", async () => {
    // Client 0 may give back r2 and take it again forever, holding r1 all along.
    const v = await verdicts(anyReturn);
    expect(v).toMatchObject({ returns: "violated", neverStuck: "violated", canGiveBack: "holds" });
  });

  it("without fairness the progress properties fail, the safety ones still hold", async () => {
    const v = await verdicts(unfair);
    expect(v).toMatchObject({ returns: "violated", neverStuck: "violated", canGiveBack: "holds", onlyActions: "holds", takesByAllocate: "holds", firstOnly: "holds" });
  });

  it("compiles always(state formula with enabled) to an invariant, checked during the search", () => {
    const model = compile(allocator);
    const kinds = Object.fromEntries(model.properties.map((p) => [p.name, p.kind]));
    expect(kinds).toMatchObject({ canGiveBack: "invariant", staysEmpty: "temporal", onlyActions: "temporal" });
  });

  it("reports a nested violation as a lasso whose message shows the formula, and warns of a vacuous implication", async () => {
    const result = await check(compile(allocator), { properties: ["everywhere", "firstOnly"], continue: true });
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    expect(result.violation.message).toBe("a fair behaviour violates everywhere: □(!s.alloc[0].isEmpty() ⇒ ◇□!s.alloc[0].isEmpty()) is false on it");
    expect(result.violation.stuttering).toBe(false);
    expect(result.warnings?.map((w) => w.message)).toContain("firstOnly holds vacuously: the antecedent of an implication in it is false in every initial state");
  });

  it("shows the stuttering step a step predicate is falsified by, which the printed trace would otherwise leave out", async () => {
    const spec = defineSpec({
      name: "clock",
      state: { n: t.int(0, 2) },
      init: { n: 0 },
      actions: { tick: (s) => ({ n: (s.n + 1) % 3 }) },
      properties: ({ always, eventually, step }) => ({
        // □tick: false on any behaviour that stutters once, although every shown step is a tick.
        everyStepTicks: always(step("tick")),
        // ◇(n = 2) cannot tell stuttering steps apart: nothing to show.
        reachesTwo: eventually((s) => s.n === 2),
      }),
      fairness: [weak("tick")],
    });
    const model = compile(spec);
    const result = await check(model, { continue: true });
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    const v = result.violation;
    expect(v).toMatchObject({ property: "everyStepTicks", loopStart: 0, stuttering: false, stutterAfter: [0] });
    expect(v.trace.map((st) => st.action)).toEqual([null, "tick", "tick", "tick"]);
    expect(formatLasso(model, v)).toContain("1. initial state   then the state repeats once (a stuttering step) · ⟲ cycle starts here");
    const stops = await check(compile(defineSpec({ ...spec.definition, fairness: [] })), { properties: ["reachesTwo"] });
    expect(stops.result === "violation" && stops.violation).toMatchObject({ stuttering: true });
    expect(stops.result === "violation" && "stutterAfter" in stops.violation).toBe(false);
  });

  it("checks a conjunction conjunct by conjunct and names the conjunct a violation breaks", async () => {
    const spec = defineSpec({
      ...allocator.definition,
      properties: ({ and, always, orKeep, leadsTo }) => ({
        both: and(leadsTo((s) => !s.alloc[0].isEmpty(), (s) => s.alloc[0].isEmpty()), always(orKeep("allocate"))),
      }),
    });
    const result = await check(compile(spec));
    expect(result.result === "violation" && result.violation.message).toBe("a fair behaviour violates both: its conjunct 2 of 2, □(allocate ∨ UNCHANGED vars), is false on it");
  });
});

