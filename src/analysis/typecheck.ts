import { fileURLToPath } from "node:url";
import path from "node:path";
import { DiagnosticCategory, Project, ts } from "ts-morph";
import type { Diagnostic } from "./diagnostic.ts";

const interleaveSrc = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Type-checks a spec file (and what it imports) the way the editor does, with `interleave`
 * resolved to this installation. Returns syntax and type errors as diagnostics; never throws
 * on user input.
 */
export function typecheckSpec(file: string): Diagnostic[] {
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
      allowImportingTsExtensions: true,
      resolveJsonModule: true,
      paths: { interleave: [path.join(interleaveSrc, "index.ts")] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  project.addSourceFileAtPath(file);
  project.resolveSourceFileDependencies();
  const out: Diagnostic[] = [];
  for (const d of project.getPreEmitDiagnostics()) {
    const source = d.getSourceFile();
    const fileName = source?.getFilePath();
    if (fileName && fileName.startsWith(interleaveSrc + path.sep)) continue;
    const start = d.getStart() ?? 0;
    const pos = source ? source.getLineAndColumnAtPos(start) : { line: 1, column: 1 };
    const text = d.getMessageText();
    out.push({
      code: `TS${d.getCode()}`,
      severity: d.getCategory() === DiagnosticCategory.Error ? "error" : "warning",
      file: fileName ?? file,
      line: pos.line,
      column: pos.column,
      message: typeof text === "string" ? text : ts.flattenDiagnosticMessageText(text.compilerObject, "\n"),
    });
  }
  return out;
}
