import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, isSpecError, strong, weak, type CheckResult } from "interleave-spec";
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

  it("rejects a property that is not built with an operator", () => {
    fails({ ...base, properties: { raw: (s: { token: number }) => s.token === 0 } }, "invalid-spec", /eventually\(p\)/);
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

  it("accepts weak/strong with action lists and per-instance options", () => {
    expect(weak(["a", "b"], { perInstance: true })).toEqual({ kind: "weak", actions: ["a", "b"], perInstance: true });
    expect(strong("a")).toEqual({ kind: "strong", actions: ["a"], perInstance: false });
  });

});
