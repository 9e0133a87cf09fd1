import path from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";

/** Which src/ layers each layer may import (STYLE.md, "Direction of imports"). */
const allowed: Record<string, readonly string[]> = {
  model: ["model"],
  state: ["model", "state"],
  graph: ["model", "state", "graph"],
  check: ["model", "state", "graph", "check"],
  dsl: ["model", "state", "dsl"],
  export: ["model", "graph", "check", "export", "state"],
  analysis: ["model", "analysis"],
  // Like cli, parallel loads spec files (in worker threads), so it may reach dsl/; never cli/ or export/.
  parallel: ["model", "state", "graph", "check", "dsl", "parallel"],
  // The vitest matchers: a front door like cli that compiles, checks and formats, but in-process.
  "vitest.ts": ["model", "state", "graph", "check", "dsl", "export", "analysis"],
  cli: ["*"],
};
const onlyIn: Record<string, readonly string[]> = {
  "ts-morph": ["analysis"],
  commander: ["cli"],
  "graphviz-cli": ["cli"],
  "node:fs": ["cli", "analysis"],
  "node:process": ["cli"],
  // The CLI supervises the search in a worker thread; parallel/ runs the multi-worker search.
  "node:worker_threads": ["parallel", "cli"],
  vitest: ["vitest.ts"],
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
