import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { buildDiagram, readableDiagram, toDot, traceDiagram, type Diagram, type Json } from "interleave-spec";
import { renderSvg } from "../../src/cli/render-svg.ts";
import counter from "../../examples/counter.ts";
import brokenMutex from "../fixtures/diagram/broken-mutex.ts";
import lockOrder from "../fixtures/diagram/lock-order.ts";
import boundedBuffer from "../../examples/bounded-buffer.ts";
import { original as smpOriginal } from "../../specs/smp-call-function-many.ts";
import twoWorkers from "../fixtures/diagram/two-workers.ts";
import { explore } from "../graph/diagram-fixtures.ts";

/** Every diagram the golden tests draw: name → a fresh build (called twice for determinism). */
const cases: Record<string, () => Promise<Diagram>> = {
  counter: async () => {
    const { model, graph } = await explore(counter);
    return buildDiagram(model, graph, { notes: ["max = 3"] });
  },
  "counter-view-mode": async () => {
    const { model, graph } = await explore(counter);
    return buildDiagram(model, graph, { view: ["mode"] });
  },
  "counter-view-n-hide-stutter": async () => {
    const { model, graph } = await explore(counter);
    return buildDiagram(model, graph, { view: ["n"], hideStutter: true });
  },
  "counter-cluster-mode": async () => {
    const { model, graph } = await explore(counter);
    return buildDiagram(model, graph, { cluster: "mode" });
  },
  "broken-mutex": async () => {
    const { model, graph, counterexample } = await explore(brokenMutex);
    return buildDiagram(model, graph, { counterexample });
  },
  "broken-mutex-view-pc0-locked": async () => {
    const { model, graph, counterexample } = await explore(brokenMutex);
    return buildDiagram(model, graph, { view: ["pc.0", "locked"], counterexample });
  },
  "broken-mutex-view-critical": async () => {
    const { model, graph, counterexample } = await explore(brokenMutex);
    const critical = brokenMutex.definition.views!.critical;
    return buildDiagram(model, graph, { project: { name: "critical", of: (s) => critical(s as never, {}) as Json }, counterexample });
  },
  "broken-mutex-quotient": async () => {
    const { model, graph, counterexample } = await explore(brokenMutex);
    return buildDiagram(model, graph, { counterexample, quotient: true });
  },
  "lock-order-quotient": async () => {
    const { model, graph, counterexample } = await explore(lockOrder);
    return buildDiagram(model, graph, { counterexample, quotient: true, label: (s) => lockOrder.definition.label!(s as never, {}) });
  },
  // The default drawings of `graph --quotient` and the report when the whole graph is too large:
  // projected onto the program counters (and fields that fit), the counterexample kept apart.
  "bounded-buffer-readable": async () => {
    const { model, graph, counterexample } = await explore(boundedBuffer);
    return readableDiagram(model, graph, { counterexample }).diagram;
  },
  "smp-original-readable": async () => {
    const { model, graph, counterexample } = await explore(smpOriginal);
    return readableDiagram(model, graph, { counterexample }).diagram;
  },
  "broken-mutex-trace": async () => {
    const { model, counterexample } = await explore(brokenMutex);
    return traceDiagram(model, counterexample!);
  },
  "two-workers-trace-lanes": async () => {
    const { model, counterexample } = await explore(twoWorkers);
    return traceDiagram(model, counterexample!, { lanes: "auto" });
  },
  "lock-order": async () => {
    const { model, graph, counterexample } = await explore(lockOrder);
    return buildDiagram(model, graph, { counterexample, label: (s) => lockOrder.definition.label!(s as never, {}) });
  },
};

/** Node statements in a DOT text (`id [`, not edges): what Graphviz should draw as nodes. */
function nodeStatements(dot: string): number {
  return dot.split("\n").filter((line) => /^\s*\w+ \[/.test(line) && !/^\s*(graph|node|edge) \[/.test(line)).length;
}

/** Runs `f`, collecting what is written to stderr meanwhile (Graphviz's warnings go there). */
async function capturingStderr<T>(f: () => Promise<T>): Promise<{ result: T; stderr: string[] }> {
  const stderr: string[] = [];
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  try {
    return { result: await f(), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe("toDot", () => {
  for (const [name, build] of Object.entries(cases)) {
    it(`draws ${name} as its reviewed golden DOT, identically on every run, and Graphviz renders it`, async () => {
      const dot = toDot(await build());
      expect(toDot(await build())).toBe(dot);
      // A missing golden fails even where vitest would write it (outside CI): goldens are reviewed.
      const golden = fileURLToPath(new URL(`../golden/${name}.dot`, import.meta.url));
      if (process.env.UPDATE_GOLDEN !== "1") {
        expect(existsSync(golden), `no golden ${name}.dot: create it with UPDATE_GOLDEN=1 npx vitest run test/export, then review it`).toBe(true);
      }
      await expect(dot).toMatchFileSnapshot(golden);
      const { result: svg, stderr } = await capturingStderr(() => renderSvg(dot));
      expect(stderr).toEqual([]); // Graphviz warns there (each warning once per process)
      expect(dot).toMatch(/^[\x20-\x7e\n]*$/); // it has font metrics for ASCII only
      expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
      expect(svg.match(/class="node"/g)?.length).toBe(nodeStatements(dot));
      expect(await renderSvg(dot)).toBe(svg); // the committed SVGs can be checked for drift
    });
  }

  it("escapes quotes and backslashes in labels", () => {
    const dot = toDot({
      kind: "graph",
      title: 'a "quoted" \\ title',
      notes: [],
      constants: [],
      nodes: [{ id: "s0", fields: [["s", 'say "hi"\\']], states: 1, initial: true, deadlock: false, final: false, violates: [], onTrace: false }],
      edges: [],
    });
    expect(dot).toContain('digraph "a \\"quoted\\" \\\\ title" {');
    expect(dot).toContain('s0 [label="s = say \\"hi\\"\\\\", penwidth=1.8];');
  });

  it("numbers counterexample steps on the edges they take and lists merged bindings", async () => {
    const { model, graph, counterexample } = await explore(brokenMutex);
    const dot = toDot(buildDiagram(model, graph, { view: ["locked"], counterexample }));
    // self-loops of a node are drawn as one loop with a line per action; #k is the text trace's
    // step k (the initial state is 1, so the first action is #2)
    expect(dot).toContain('s0 -> s0 [label="#2,#3 want x8 (p in {0,1})\\n#4,#5 test x8 (p in {0,1})\\nleave x6 (p in {0,1})"');
    expect(dot).toContain('s0 -> s1 [label="#6 set x8 (p in {0,1})"');
    expect(dot).toContain('s1 -> s1 [label="want x2 (p in {0,1})\\n#7 set x2 (p in {0,1})"');
  });
});

describe("traceDiagram", () => {
  it("shows only what changed at each step and the violated property on the last node", async () => {
    const { model, counterexample } = await explore(brokenMutex);
    const d = traceDiagram(model, counterexample!);
    expect(d.nodes.map((n) => n.fields)).toEqual([
      [["pc", "[idle, idle]"], ["locked", "false"]],
      [["pc", "[test, idle]"]],
      [["pc", "[test, test]"]],
      [["pc", "[set, test]"]],
      [["pc", "[set, set]"]],
      [["pc", "[cs, set]"], ["locked", "true"]],
      [["pc", "[cs, cs]"]],
    ]);
    expect(d.nodes.at(-1)).toMatchObject({ violates: ["mutex"], note: "both processes are in the critical section" });
    expect(d.edges.map((e) => e.action)).toEqual(["want", "want", "test", "test", "set", "set"]);
  });
});
