import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, toDot, traceDiagram } from "interleave-spec";
import ring from "../fixtures/liveness/token-ring.ts";
import dining from "../../examples/tla/dining-philosophers.ts";

describe("traceDiagram of a liveness lasso", () => {
  it("draws a cycle's last step as the edge back to the state it repeats", async () => {
    const model = compile(ring, { N: 4, M: 2 });
    const r = await check(model);
    if (r.result !== "violation") throw new Error(r.result);
    const { trace, loopStart } = r.violation;
    expect(loopStart).toBeDefined();
    const d = traceDiagram(model, r.violation);
    expect(d.nodes).toHaveLength(trace.length - 1); // the repeated state is not drawn twice
    const back = d.edges[d.edges.length - 1];
    expect(back).toMatchObject({ from: `t${trace.length - 2}`, to: `t${loopStart}` });
    expect(d.nodes[d.nodes.length - 1].violates).toEqual(["stab"]);
    expect(toDot(d)).toContain(`cycle: back to step ${loopStart! + 1}`);
  });

  it("draws stuttering for ever as a self-loop on the last state", async () => {
    const model = compile(defineSpec({ ...dining.definition, fairness: [] }));
    const r = await check(model, { properties: ["nobodyStarves1"] });
    if (r.result !== "violation") throw new Error(r.result);
    expect(r.violation.stuttering).toBe(true);
    const d = traceDiagram(model, r.violation);
    const last = `t${d.nodes.length - 1}`;
    expect(d.edges).toContainEqual(expect.objectContaining({ from: last, to: last, action: "stutter" }));
    expect(toDot(d)).toContain("stutters here for ever");
  });
});
