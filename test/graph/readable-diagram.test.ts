import { describe, expect, it } from "vitest";
import { propertyFields, readableDiagram } from "interleave-spec";
import counter from "../../examples/counter.ts";
import ewd840 from "../../examples/tla/ewd840.ts";
import brokenMutex from "../fixtures/diagram/broken-mutex.ts";
import { original } from "../../specs/smp-call-function-many.ts";
import { explore } from "./diagram-fixtures.ts";

describe("propertyFields (evaluation tracking)", () => {
  it("finds the fields each of the flagship's properties reads on its counterexample", async () => {
    const { model, counterexample } = await explore(original);
    const states = counterexample!.trace.map((s) => s.state);
    expect(propertyFields(model, "refsImpliesOnList", states)).toEqual(["cfd.refs", "cfd.onList"]);
    expect(propertyFields(model, "noDoubleListDel", states)).toEqual(["listFault"]);
    // Object.keys(s.ran) reads the map whole; the temporal property's state predicate reads the caller's pc.
    expect(propertyFields(model, "runsOncePerCall", states)).toEqual(["ran", "caller[0].pc", "caller[0].call", "staleRun"]);
    expect(propertyFields(model, "callsComplete", states)).toEqual(["caller[0].pc"]);
    expect(propertyFields(model, "deadlock", states)).toEqual([]);
    expect(propertyFields(model, "noSuchProperty", states)).toEqual([]);
  });
});

describe("readableDiagram", () => {
  it("keeps the whole graph, minimised, when it fits", async () => {
    const { model, graph, counterexample } = await explore(brokenMutex);
    const r = readableDiagram(model, graph, { counterexample });
    expect(r.readable).toBe(true);
    expect(r.view).toBeUndefined();
    expect(r.diagram.nodes).toHaveLength(12);
  });

  it("draws the flagship within 80 nodes on the fields its violated property reads, its counterexample step by step", async () => {
    const { model, graph, counterexample } = await explore(original);
    const r = readableDiagram(model, graph, { counterexample });
    expect(r.readable).toBe(true);
    // The program counters and refsImpliesOnList's fields do not fit together (122 nodes): the
    // property's fields are kept (else the counterexample's last state merges with states that
    // do not violate), then the caller's pc and the fields that fit.
    expect(r.view?.slice(0, 3)).toEqual(["caller[0].pc", "cfd.refs", "cfd.onList"]);
    expect(r.diagram.nodes.length).toBeLessThanOrEqual(80);
    expect(r.diagram.notes.at(-1)).toBe(
      "view chosen to draw within 80 nodes (the whole graph has 414 after minimisation, and 122 on caller[0].pc, handler[1].pc, handler[2].pc, cfd.refs, cfd.onList); choose fields with --view",
    );
    // Every step of the counterexample is in a node, and each step is drawn as an edge numbered
    // for it (a step that leaves the shown fields alone is a drawn self-loop).
    const steps = r.diagram.traceNodes!;
    expect(steps.every((id) => id !== null)).toBe(true);
    for (let i = 1; i < steps.length; i++) {
      expect(r.diagram.edges.some((e) => e.from === steps[i - 1] && e.to === steps[i] && e.traceSteps.includes(i + 1))).toBe(true);
    }
  });

  it("without program counters or a violation, projects onto the fields with fewest values that fit", async () => {
    const { model, graph } = await explore(ewd840);
    const r = readableDiagram(model, graph, {});
    expect(r.readable).toBe(true);
    expect(r.diagram.nodes.length).toBeLessThanOrEqual(80);
    // Parts of array fields are candidates: the two-valued ones come first.
    expect(r.view).toEqual(["tcolor", "active[0]", "active[1]", "active[2]", "color[0]", "color[1]"]);
  });

  it("says so, and how to choose a view, when nothing fits", async () => {
    const { model, graph } = await explore(counter);
    const r = readableDiagram(model, graph, {}, 1);
    expect(r.readable).toBe(false);
    expect(r.diagram.nodes.length).toBeGreaterThan(1);
    expect(r.diagram.notes.at(-1)).toMatch(/more than 1: choose (fewer|a few) fields with --view/);
  });
});

describe("the quotient keeps the counterexample apart", () => {
  it("never draws two of its states in one node unless the projection put them there", async () => {
    const { model, graph, counterexample } = await explore(original);
    const r = readableDiagram(model, graph, { counterexample }, Infinity).diagram;
    const steps = r.traceNodes!;
    expect(new Set(steps).size).toBe(steps.length);
  });
});
