import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { ts as Ts } from "ts-morph";
import type { Diagnostic, RelatedLocation } from "./diagnostic.ts";
import { tsMorph } from "./ts-morph.ts";

/** This installation's root: src/ or dist/, whichever this module runs from. */
const ownRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const fromSources = import.meta.url.endsWith(".ts");
const packageName = (JSON.parse(readFileSync(path.join(ownRoot, "..", "package.json"), "utf8")) as { name: string }).name;

/**
 * Type-checks a spec file (and the local modules it imports) as a strict editor would, with this
 * package resolved to this installation (its declarations, or its sources in a checkout). The
 * user's tsconfig.json is not read. Returns syntax and type errors as diagnostics, each with its
 * whole message (types never truncated), TypeScript's related locations, and a hint where one
 * helps; diagnostics inside this package are dropped. Never throws on user input.
 */
export function typecheckSpec(file: string): Diagnostic[] {
  const { Project, ts } = tsMorph();
  const entry = (name: string) => path.join(ownRoot, `${name}${fromSources ? ".ts" : ".d.ts"}`);
  const project = new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2023.d.ts"],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      noErrorTruncation: true,
      allowImportingTsExtensions: true,
      resolveJsonModule: true,
      paths: { [packageName]: [entry("index")], [`${packageName}/vitest`]: [entry("vitest")] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  project.addSourceFileAtPath(file);
  project.resolveSourceFileDependencies();
  const program = project.getProgram().compilerObject;
  const out: Diagnostic[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.file && d.file.fileName.startsWith(ownRoot + path.sep)) continue;
    const at = position(ts, d.file, d.start, file);
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const related = (d.relatedInformation ?? []).map((r): RelatedLocation => ({
      ...position(ts, r.file, r.start, file),
      message: ts.flattenDiagnosticMessageText(r.messageText, "\n"),
    }));
    const hint = hintFor(d.code, message);
    out.push({
      code: `TS${d.code}`,
      severity: d.category === ts.DiagnosticCategory.Error ? "error" : "warning",
      ...at,
      message,
      ...(related.length > 0 ? { related } : {}),
      ...(hint ? { hint } : {}),
    });
  }
  return out;
}

function position(ts: typeof Ts, source: Ts.SourceFile | undefined, start: number | undefined, fallback: string): { file: string; line: number; column: number } {
  if (!source) return { file: fallback, line: 1, column: 1 };
  const { line, character } = ts.getLineAndCharacterOfPosition(source, start ?? 0);
  return { file: path.normalize(source.fileName), line: line + 1, column: character + 1 };
}

/** interleave's reading of the TypeScript errors specs commonly meet. */
function hintFor(code: number, message: string): string | undefined {
  if (code === 2307 && message.includes(`'${packageName}`)) return `install it in the spec's project: npm install --save-dev ${packageName}`;
  if (/^\s*Object literal may only specify known properties/m.test(message)) {
    return "a field that is not in the state schema: check its spelling against `state:` (a state has exactly the schema's fields)";
  }
  if (/^\s*Property '[^']+' is missing in type/m.test(message)) {
    return "a state gives every field of the schema: an action spreads the current state and changes what moves ({ ...s, field: value })";
  }
  if (/'Successors</.test(message)) return "an action returns a state, an array of states, exists(…), or false/undefined when it is disabled";
  return undefined;
}
