import { describe, expect, it } from "vitest";
import { check, compile, readableDiagram, StateGraph, type Model } from "interleave-spec";
import { upstreamFix } from "../../specs/smp-call-function-many.ts";

describe("the readable drawing of a counterexample under PSO", () => {
  it("draws every step of upstreamFix's refsImpliesOnList trace, and marks only violating nodes", async () => {
    const model = compile(upstreamFix, { memory: "pso" }) as Model<unknown>;
    const graph = new StateGraph(model.codec.width);
    const full = await check(model, { observer: graph, properties: [] });
    expect(full.result).toBe("ok");
    const verdict = await check(model);
    expect(verdict.result).toBe("violation");
    const counterexample = verdict.result === "violation" ? verdict.violation : undefined;
    const r = readableDiagram(model, graph, { counterexample });
    const d = r.diagram;
    // The invariant reads the memory's refs and list head: the view keeps them.
    expect(counterexample!.property).toBe("refsImpliesOnList");
    expect(r.view).toEqual(expect.arrayContaining(["mem.mem.refs", "mem.mem.head"]));
    expect(d.notes).toContain("self-loops hidden, except the counterexample's");
    const steps = d.traceNodes!;
    const node = (id: string | null) => d.nodes.find((n) => n.id === id)!;
    // Only the last state violates (the trace is shortest), and a node never mixes violating
    // and non-violating states: the path's nodes are unmarked up to the last, which is marked.
    expect(node(steps.at(-1)!).violates).toContain("refsImpliesOnList");
    for (const id of steps.slice(0, -1)) expect(node(id).violates).toEqual([]);
    expect(steps.every((id) => id !== null)).toBe(true);
    for (let i = 1; i < steps.length; i++) {
      expect(d.edges.some((e) => e.from === steps[i - 1] && e.to === steps[i] && e.traceSteps.includes(i + 1)), `step ${i + 1}`).toBe(true);
    }
  }, 120_000);
});
