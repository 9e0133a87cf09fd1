import path from "node:path";
import { writeOutput } from "./output-file.ts";
import { UsageError } from "./params.ts";

/** Renders DOT to SVG with Graphviz compiled to WebAssembly (no system Graphviz needed). */
export async function renderSvg(dot: string): Promise<string> {
  // Loaded on first use: most runs draw nothing, and Graphviz is large.
  const { renderGraphFromSource } = await import("graphviz-cli");
  return renderGraphFromSource({ input: dot }, { format: "svg" });
}

/** The output format a diagram file name asks for; a UsageError for anything but .dot and .svg. */
export function diagramFormat(file: string, flag: string): "dot" | "svg" {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".dot" || ext === ".gv") return "dot";
  if (ext === ".svg") return "svg";
  throw new UsageError(`${flag} ${file}: expected a file name ending in .dot or .svg`);
}

/** Writes `dot` to `file` (resolved against `cwd`), rendered to SVG when the name ends in .svg. */
export async function writeDiagram(file: string, dot: string, cwd: string, flag = "--out"): Promise<string> {
  const out = path.resolve(cwd, file);
  const content = diagramFormat(out, flag) === "svg" ? await renderSvg(dot) : dot;
  return writeOutput(file, content, flag, cwd);
}
