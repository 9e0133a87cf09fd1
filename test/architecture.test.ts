import path from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";

/** Which src/ layers each layer may import (STYLE.md, "Direction of imports"). */
const allowed: Record<string, readonly string[]> = {
  model: ["model"],
  state: ["model", "state"],
  graph: ["model", "state", "graph"],
  // Temporal formulas: normal forms, Büchi automata, step sets — used by the DSL and the checker.
  temporal: ["model", "state", "temporal"],
  check: ["model", "state", "graph", "temporal", "check"],
  dsl: ["model", "state", "model-options", "temporal", "dsl"],
  // TLC's model options as Model → Model wrappers, over the codec's layout.
  "model-options": ["model", "state", "model-options"],
  export: ["model", "graph", "check", "export", "state"],
  analysis: ["model", "analysis"],
  // Imports spec modules of every format (TypeScript through loader hooks), in any thread.
  loader: ["model", "loader"],
  // Like cli, parallel loads spec files (in worker threads), so it may reach dsl/; never cli/ or export/.
  parallel: ["model", "state", "graph", "check", "dsl", "model-options", "loader", "parallel"],
  // The vitest matchers: a front door like cli that compiles, checks and formats, but in-process.
  "vitest.ts": ["model", "state", "graph", "check", "dsl", "model-options", "export", "analysis"],
  // The partitioned search: a scheduler around check/'s pipeline; its transports are the only
  // network I/O outside cli/ (the Redis client), constructed by cli/.
  distributed: ["model", "state", "graph", "check", "distributed"],
  // The memory library (interleave-spec/memory): memory operations built on the DSL's domains.
  memory: ["model", "state", "dsl", "memory"],
  cli: ["*"],
};
const onlyIn: Record<string, readonly string[]> = {
  "ts-morph": ["analysis"],
  commander: ["cli"],
  "graphviz-cli": ["cli"],
  "@aduh95/viz.js": ["cli"],
  "@aduh95/viz.js/worker": ["cli"],
  "node:fs": ["cli", "analysis", "loader"],
  esbuild: ["loader"],
  "node:process": ["cli"],
  // cli: the spec's code runs in a supervised thread, the spec analysis in another while the spec loads.
  "node:worker_threads": ["parallel", "cli", "loader"],
  vitest: ["vitest.ts"],
  ioredis: ["distributed"],
};

describe("architecture", () => {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths("src/**/*.ts");
  const src = path.resolve("src");
  const layerOf = (file: string) => path.relative(src, file).split(path.sep)[0];

  it("knows every layer under src/ (a new one must be given its rules here)", () => {
    const layers = new Set(project.getSourceFiles().map((f) => layerOf(f.getFilePath())));
    const unknown = [...layers].filter((l) => !(l in allowed) && l !== "index.ts");
    expect(unknown).toEqual([]);
  });

  it("imports flow in STYLE.md's direction, and nothing imports cli/", () => {
    const wrong: string[] = [];
    for (const file of project.getSourceFiles()) {
      const from = layerOf(file.getFilePath());
      if (!(from in allowed)) continue;
      for (const decl of file.getImportDeclarations()) {
        const spec = decl.getModuleSpecifierValue();
        if (spec.startsWith(".")) {
          const target = layerOf(path.resolve(path.dirname(file.getFilePath()), spec));
          const ok = allowed[from].includes("*") ? true : allowed[from].includes(target) || !(target in allowed);
          if (!ok || (target === "cli" && from !== "cli")) wrong.push(`${path.relative(src, file.getFilePath())} → ${spec}`);
        } else {
          const layers = onlyIn[spec];
          if (layers && !layers.includes(from)) wrong.push(`${path.relative(src, file.getFilePath())} → ${spec}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has no import cycle between src/ files (type-only imports and re-exports included)", () => {
    const edges = new Map<string, string[]>();
    for (const file of project.getSourceFiles()) {
      const from = path.relative(src, file.getFilePath());
      const targets: string[] = [];
      const specifiers = [
        ...file.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
        ...file.getExportDeclarations().flatMap((d) => d.getModuleSpecifierValue() ?? []),
      ];
      for (const spec of specifiers) {
        if (spec.startsWith(".")) targets.push(path.relative(src, path.resolve(path.dirname(file.getFilePath()), spec)));
      }
      edges.set(from, targets);
    }
    const cycles = stronglyConnected(edges)
      .filter((scc) => scc.length > 1 || edges.get(scc[0])?.includes(scc[0]))
      .map((scc) => scc.sort().join(" ↔ "));
    expect(cycles).toEqual([]);
  });

  it("only the CLI touches process exit, the console and process streams", () => {
    const wrong: string[] = [];
    for (const file of project.getSourceFiles()) {
      if (layerOf(file.getFilePath()) === "cli") continue;
      const text = file.getFullText();
      if (/process\.exit|console\.(log|error|warn)|process\.std(out|err)/.test(text)) wrong.push(path.relative(src, file.getFilePath()));
    }
    expect(wrong).toEqual([]);
  });
});

/** Tarjan's strongly connected components of a directed graph given as adjacency lists. */
function stronglyConnected(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      out.push(scc);
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}
