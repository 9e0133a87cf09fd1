import { describe, expect, it } from "vitest";
import { check, compile, defineSpec } from "interleave-spec";
import dining from "../../examples/tla/dining-philosophers.ts";

describe("dining philosophers (NobodyStarves)", () => {
  it("holds under per-philosopher weak fairness with TLC's counts for NP = 5", async () => {
    const r = await check(compile(dining));
    expect(r.stats).toMatchObject({ distinctStates: 67, statesGenerated: 336, depth: 29 });
    expect(r.result).toBe("ok");
  });

  it("fails without fairness: a philosopher may stop for ever (the PlusCal 'fair' removed)", async () => {
    const spec = defineSpec({ ...dining.definition, fairness: [] });
    const r = await check(compile(spec), { properties: ["nobodyStarves1"] });
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation).toMatchObject({ kind: "liveness", stuttering: true, loopStart: 0 });
    expect(r.violation.trace[0].state.hungry[1]).toBe(true);
  });
});
