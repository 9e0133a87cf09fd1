import { describe, expect, it } from "vitest";
import { check, compile, defineSpec } from "interleave-spec";
import ring from "../fixtures/liveness/token-ring.ts";

describe("EWD426 token ring (◇□UniqueToken)", () => {
  it("stabilises under WF_vars(Next) with TLC's counts for N = M = 6", async () => {
    const r = await check(compile(ring));
    expect(r.stats).toMatchObject({ distinctStates: 46_656, statesGenerated: 248_832, depth: 1 });
    expect(r.result).toBe("ok");
  });

  it("does not stabilise without fairness: it may stutter with several tokens", async () => {
    const r = await check(compile(defineSpec({ ...ring.definition, fairness: [] })), { properties: ["stab"] });
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation).toMatchObject({ kind: "liveness", stuttering: true, loopStart: 0 });
    expect(r.warnings?.map((w) => w.kind)).toContain("no-fairness");
  });

  it("fails with a fair cycle when M < N - 1 (Dijkstra's bound on the counter range)", async () => {
    const r = await check(compile(ring, { N: 4, M: 2 }));
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    const v = r.violation;
    expect(v).toMatchObject({ kind: "liveness", property: "stab", stuttering: false, loopStart: 0 });
    expect(v.trace.at(-1)!.state).toEqual(v.trace[0].state);
    expect((await check(compile(ring, { N: 4, M: 3 }))).result).toBe("ok");
  });
});
