import { describe, expect, it } from "vitest";
import { buildDiagram, defineSpec, t, type DiagramEdge, type Json } from "interleave-spec";
import counter from "../../examples/counter.ts";
import brokenMutex from "../fixtures/diagram/broken-mutex.ts";
import lockOrder from "../fixtures/diagram/lock-order.ts";
import { explore } from "./diagram-fixtures.ts";

const edgeSummary = (edges: readonly DiagramEdge[]) => edges.map((e) => `${e.from}>${e.to} ${e.action} x${e.count}`);

describe("buildDiagram on the full graph", () => {
  it("has one node per reachable state and one edge per transition of the counter", async () => {
    const { model, graph } = await explore(counter);
    const d = buildDiagram(model, graph);
    expect(d.nodes).toHaveLength(8);
    expect(d.edges).toHaveLength(13);
    expect(d.nodes.filter((n) => n.initial).map((n) => n.id)).toEqual(["s0"]);
    expect(d.nodes[0].fields).toEqual([
      ["n", "0"],
      ["mode", "idle"],
    ]);
    expect(d.edges.find((e) => e.from === "s1" && e.to === "s3")).toMatchObject({ action: "add", bindings: [{ k: 2 }], count: 1 });
  });

  it("marks the violating state and the checker's shortest counterexample", async () => {
    const { model, graph, counterexample } = await explore(brokenMutex);
    expect(counterexample?.property).toBe("mutex");
    const d = buildDiagram(model, graph, { counterexample });
    const violating = d.nodes.filter((n) => n.violates.length > 0);
    expect(violating).toHaveLength(1);
    expect(violating[0].fields).toContainEqual(["pc", "[cs, cs]"]);
    expect(d.nodes.filter((n) => n.onTrace)).toHaveLength(counterexample!.trace.length);
    const steps = d.edges.flatMap((e) => e.traceSteps).sort((a, b) => a - b);
    expect(steps).toEqual([2, 3, 4, 5, 6, 7]); // numbered as the text trace: the initial state is 1
    expect(d.violation).toMatchObject({ kind: "invariant", property: "mutex", steps: 6 });
  });

  it("tells deadlocks from states the spec allows to end, and uses the spec's label", async () => {
    const { model, graph, counterexample } = await explore(lockOrder);
    const d = buildDiagram(model, graph, { counterexample, label: (s) => (lockOrder.definition.label!)(s as never, {}) });
    expect(d.nodes.filter((n) => n.deadlock).map((n) => n.text)).toEqual(["a:t1 b:t2"]);
    expect(d.nodes.filter((n) => n.final).map((n) => n.text)).toEqual(["a:free b:free\ndone 1"]);
    expect(d.violation).toMatchObject({ kind: "deadlock", steps: 2 });
  });

  it("drops fields that never vary from node labels and lists them once", async () => {
    const spec = defineSpec({
      name: "constant-tag",
      state: { n: t.int(0, 2), tag: t.enum("a", "b") },
      init: { n: 0, tag: "a" },
      actions: { inc: (s) => s.n < 2 && { ...s, n: s.n + 1 } },
      deadlock: false,
    });
    const { model, graph } = await explore(spec);
    const d = buildDiagram(model, graph);
    expect(d.constants).toEqual([["tag", "a"]]);
    expect(d.nodes.map((n) => n.fields)).toEqual([[["n", "0"]], [["n", "1"]], [["n", "2"]]]);
    expect(d.nodes[2].final).toBe(true);
  });
});

describe("buildDiagram with a view (the quotient graph)", () => {
  it("projects the counter onto mode: 2 nodes, 3 merged edges (hand-computed)", async () => {
    const { model, graph } = await explore(counter);
    const d = buildDiagram(model, graph, { view: ["mode"] });
    expect(d.nodes.map((n) => [n.fields, n.states])).toEqual([
      [[["mode", "idle"]], 4],
      [[["mode", "busy"]], 4],
    ]);
    // start: idle→busy for n = 0..3; add: k=1 from n = 0,1,2 and k=2 from n = 0,1; stop: busy→idle for n = 0..3
    expect(edgeSummary(d.edges)).toEqual(["s0>s1 start x4", "s1>s1 add x5", "s1>s0 stop x4"]);
    expect(d.edges[1].bindings).toEqual([{ k: 1 }, { k: 2 }]);
    const hidden = buildDiagram(model, graph, { view: ["mode"], hideStutter: true });
    expect(edgeSummary(hidden.edges)).toEqual(["s0>s1 start x4", "s1>s0 stop x4"]);
  });

  it("projects the counter onto n: 4 nodes, 13 edges, 5 without self-loops (hand-computed)", async () => {
    const { model, graph } = await explore(counter);
    const d = buildDiagram(model, graph, { view: ["n"] });
    expect(d.nodes.map((n) => n.fields[0][1])).toEqual(["0", "1", "2", "3"]);
    expect(d.nodes.every((n) => n.states === 2)).toBe(true);
    expect(d.edges).toHaveLength(13); // 4 start self-loops, 5 add, 4 stop self-loops
    const moving = buildDiagram(model, graph, { view: ["n"], hideStutter: true });
    expect(edgeSummary(moving.edges).sort()).toEqual(
      ["s0>s1 add x1", "s0>s2 add x1", "s1>s2 add x1", "s1>s3 add x1", "s2>s3 add x1"].sort(),
    );
  });

  it("keeps every state and transition when merging (sums of counts)", async () => {
    const { model, graph } = await explore(brokenMutex);
    for (const view of [["pc[0]"], ["locked"], ["pc.1", "locked"], ["pc"]]) {
      const d = buildDiagram(model, graph, { view });
      expect(d.nodes.reduce((sum, n) => sum + n.states, 0)).toBe(graph.stateCount);
      expect(d.edges.reduce((sum, e) => sum + e.count, 0)).toBe(graph.edgeCount);
    }
    const byPc0 = buildDiagram(model, graph, { view: ["pc[0]"] });
    expect(byPc0.nodes.map((n) => n.fields)).toEqual([[["pc[0]", "idle"]], [["pc[0]", "test"]], [["pc[0]", "set"]], [["pc[0]", "cs"]]]);
    expect(byPc0.nodes.find((n) => n.violates.length > 0)?.fields).toEqual([["pc[0]", "cs"]]);
  });

  it("projects with the spec's named view function (hand-computed: 4 nodes, 11 edges)", async () => {
    const { model, graph } = await explore(brokenMutex);
    const critical = brokenMutex.definition.views!.critical;
    const d = buildDiagram(model, graph, { project: { name: "critical", of: (s) => critical(s as never, {}) as Json } });
    // locked is set on entering and cleared on leaving: (0 in cs, free), (1, locked), (2, locked), (1, free)
    expect(d.nodes.map((n) => n.fields.map(([, v]) => v).join(" "))).toEqual(["0 false", "1 true", "2 true", "1 false"]);
    expect(d.nodes.map((n) => n.states)).toEqual([9, 6, 1, 6]);
    expect(edgeSummary(d.edges).sort()).toEqual([
      "s0>s0 want x6",
      "s0>s0 test x6",
      "s0>s1 set x6",
      "s1>s1 want x2",
      "s1>s0 leave x6",
      "s1>s2 set x2",
      "s2>s3 leave x2",
      "s3>s3 want x2",
      "s3>s3 test x2",
      "s3>s0 leave x6",
      "s3>s2 set x2",
    ].sort());
    expect(() => buildDiagram(model, graph, { view: ["locked"], project: { name: "x", of: () => 1 } })).toThrow(RangeError);
  });

  it("clusters by a field the view determines, and refuses one it does not", async () => {
    const { model, graph } = await explore(counter);
    const d = buildDiagram(model, graph, { cluster: "mode" });
    expect(new Set(d.nodes.map((n) => n.cluster))).toEqual(new Set(["idle", "busy"]));
    expect(d.nodes.every((n) => n.fields.every(([path]) => path !== "mode"))).toBe(true);
    expect(() => buildDiagram(model, graph, { view: ["n"], cluster: "mode" })).toThrow(/--cluster mode.*--view n,mode/);
  });

  it("rejects a view path that names no field, listing the fields there are", async () => {
    const { model, graph } = await explore(brokenMutex);
    expect(() => buildDiagram(model, graph, { view: ["pc.7"] })).toThrow(RangeError);
    expect(() => buildDiagram(model, graph, { view: ["nope"] })).toThrow(/no field "nope".*pc, pc\.0|pc, locked/);
  });
});
