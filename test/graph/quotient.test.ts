import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bisimulationBlocks, type LabelledGraph } from "../../src/graph/quotient.ts";

/** The (label, target block) pairs a node can take, as a sorted text. */
function moves(graph: LabelledGraph, blocks: Int32Array, node: number): string {
  return [...new Set(graph.edges.filter((e) => e.from === node).map((e) => `${e.label}>${blocks[e.to]}`))].sort().join(",");
}

const graphs = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      colours: fc.array(fc.constantFrom("a", "b"), { minLength: n, maxLength: n }),
      edges: fc.array(
        fc.record({ from: fc.integer({ min: 0, max: n - 1 }), to: fc.integer({ min: 0, max: n - 1 }), label: fc.constantFrom("x", "y") }),
        { maxLength: 30 },
      ),
    }),
  );

describe("bisimulationBlocks", () => {
  it("merges the two symmetric branches of a diamond but not the ends that differ in colour", () => {
    const blocks = bisimulationBlocks({
      colours: ["init", "", "", "end", "bad"],
      edges: [
        { from: 0, to: 1, label: "go" },
        { from: 0, to: 2, label: "go" },
        { from: 1, to: 3, label: "stop" },
        { from: 2, to: 3, label: "stop" },
        { from: 3, to: 4, label: "fail" },
      ],
    });
    expect([...blocks]).toEqual([0, 1, 1, 2, 3]);
  });

  it("keeps apart states whose futures differ only deep down (a chain of two vs three steps)", () => {
    const blocks = bisimulationBlocks({
      colours: ["", "", "", "", "", ""],
      edges: [
        { from: 0, to: 1, label: "a" },
        { from: 1, to: 2, label: "a" },
        { from: 3, to: 4, label: "a" },
        { from: 4, to: 5, label: "a" },
        { from: 5, to: 5, label: "b" },
      ],
    });
    expect(new Set([blocks[0], blocks[3]]).size).toBe(2);
    expect(blocks[2]).not.toBe(blocks[5]);
  });

  it("on random graphs: blocks are a bisimulation (same colour, same moves into blocks) and as coarse as the colours allow", () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const blocks = bisimulationBlocks(graph);
        for (let i = 0; i < blocks.length; i++) {
          for (let j = i + 1; j < blocks.length; j++) {
            if (blocks[i] !== blocks[j]) continue;
            expect(graph.colours[i]).toBe(graph.colours[j]);
            expect(moves(graph, blocks, i)).toBe(moves(graph, blocks, j));
          }
        }
        // Coarsest: merging any two blocks whose members all agree on colour and moves would
        // have been found; check that every block differs from every other in colour or moves.
        const signature = new Map<number, string>();
        for (let i = 0; i < blocks.length; i++) signature.set(blocks[i], `${graph.colours[i]}|${moves(graph, blocks, i)}`);
        expect(new Set(signature.values()).size).toBe(signature.size);
      }),
      { numRuns: 300 },
    );
  });
});
