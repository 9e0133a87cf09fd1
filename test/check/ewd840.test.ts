import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, weak } from "interleave-spec";
import ewd840 from "../fixtures/liveness/ewd840.ts";

describe("EWD840 termination detection (terminated ~> terminationDetected)", () => {
  it("holds under WF_vars(System) with TLC's 302 distinct states for N = 3", async () => {
    const r = await check(compile(ewd840));
    expect(r.stats.distinctStates).toBe(302);
    expect(r.result).toBe("ok");
  });

  it("fails when only passing the token is fair: the probe is never initiated", async () => {
    const spec = defineSpec({ ...ewd840.definition, fairness: [weak("passToken")] });
    const r = await check(compile(spec), { properties: ["liveness"] });
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    const last = r.violation.trace.at(-1)!.state;
    expect(r.violation.stuttering).toBe(true);
    expect(last.tpos).toBe(0);
    expect(last.active.every((a: boolean) => !a)).toBe(true);
  });
});
