import path from "node:path";
import { writeOutput } from "./output-file.ts";
import { UsageError } from "./usage-error.ts";

/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly (graphviz-cli's engine; no system
 * Graphviz needed). Each call runs in a fresh Graphviz instance: one instance reused across
 * renders carries state from earlier graphs (the drawing order of clusters changed with what
 * was rendered before), so the same DOT would not always give the same bytes.
 */
export async function renderSvg(dot: string): Promise<string> {
  // Loaded when first needed: most commands draw nothing, and every start pays for what it imports.
  const [{ default: Viz }, { default: startWorker }] = await Promise.all([import("@aduh95/viz.js"), import("@aduh95/viz.js/worker")]);
  // In Node the worker module's default export starts a worker thread (a promise only in browsers).
  const viz = new Viz({ worker: startWorker() as ConstructorParameters<typeof Viz>[0]["worker"] });
  try {
    return await viz.renderString(dot, { format: "svg" });
  } finally {
    await viz.terminateWorker();
  }
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
