import { existsSync, statSync } from "node:fs";
import { typecheckSpec } from "../analysis/typecheck.ts";
import { displayPath } from "../analysis/source-locations.ts";
import type { Diagnostic } from "../analysis/diagnostic.ts";
import { isSpec, type Spec } from "../dsl/define-spec.ts";
import { importSpecFile } from "../loader/import-spec.ts";
import { isSpecError, SpecError, thrownMessage } from "../model/spec-error.ts";

export interface LoadedSpec {
  readonly spec: Spec;
  /** Absolute path of the spec file. */
  readonly file: string;
  /** The export that was selected (`default` or a name). */
  readonly exportName: string;
}

export interface LoadOptions {
  /** Which export to use; default: the default export, or the only spec exported. */
  readonly exportName?: string;
  /**
   * Type-check the file first, as a strict editor would (syntax and type errors are spec errors,
   * `type-error`). Off unless asked: it loads the TypeScript compiler and takes seconds, and the
   * editor and the project's own `tsc` already do it. JavaScript files are never type-checked.
   */
  readonly typecheck?: boolean;
  /** The working directory, to show paths relative to it (default: the process's). */
  readonly cwd?: string;
  /**
   * Load the spec and everything it imports afresh (not from the module cache), and report each
   * module URL it imports (what `--watch` watches).
   */
  readonly onImport?: (url: string) => void;
  /** Called once type-checking is over and the spec's own code is about to run. */
  readonly onTypechecked?: () => void;
}

/**
 * Loads a spec file — `.ts .mts .cts .js .mjs .cjs`, in an ES module or a CommonJS package —
 * and selects its spec export. Every failure is a SpecError naming the file and the cause.
 */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  if (!existsSync(file)) throw new SpecError("spec-not-found", `no such file (${file})`, { file });
  if (!statSync(file).isFile()) throw new SpecError("spec-not-found", `${file} is a directory, not a spec file`, { file });
  // A JavaScript spec has no types to check (TypeScript would only say "enable allowJs").
  if (options.typecheck === true && !/\.(c|m)?jsx?$/i.test(file)) {
    const errors = typecheckSpec(file).filter((d) => d.severity === "error");
    if (errors.length > 0) {
      const first = errors[0];
      throw new SpecError("type-error", typeErrorsText(errors, options.cwd ?? process.cwd()), { file: first.file, line: first.line, column: first.column });
    }
  }
  options.onTypechecked?.();
  let module: Record<string, unknown>;
  try {
    module = await importSpecFile(file, { onImport: options.onImport });
  } catch (e) {
    throw loadFailed(e, file);
  }
  // A CommonJS spec's exports sit under `default` when imported.
  const inner = module.default as Record<string, unknown> | undefined;
  if (!isSpec(inner) && typeof inner === "object" && inner !== null && Object.values(inner).some(isSpec)) module = inner;
  const specs = Object.entries(module)
    .filter(([, v]) => isSpec(v))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const available = specs.map(([k]) => k).join(", ") || "none";
  let exportName = options.exportName;
  if (exportName === undefined) {
    if (isSpec(module.default)) exportName = "default";
    else if (specs.length === 1) exportName = specs[0][0];
    else if (specs.length === 0) {
      throw new SpecError("not-a-spec", `the file exports no spec (export default defineSpec({ … }))`, { file });
    } else {
      throw new SpecError("export-not-found", `the file exports several specs (${available}); choose one with --spec`, { file });
    }
  }
  const value = module[exportName];
  if (value === undefined) {
    // --spec takes the export's name; a spec's own name (what reports print) may differ.
    const named = specs.find(([, v]) => (v as { definition?: { name?: unknown } }).definition?.name === exportName);
    if (named) throw new SpecError("export-not-found", `the file has no export "${exportName}": the spec named "${exportName}" is exported as ${named[0]} (--spec ${named[0]})`, { file });
    throw new SpecError("export-not-found", `the file has no export "${exportName}"; its specs are: ${available}`, { file });
  }
  if (!isSpec(value)) {
    throw new SpecError("not-a-spec", `export "${exportName}" is not a spec (build it with defineSpec)`, { file });
  }
  return { spec: value, file, exportName };
}

/**
 * Every type error whole: `file:line:col code: message`, the message's chain of reasons, each
 * related location (`file:line:col: 'pc' is declared here.`) and interleave's hint, indented.
 */
export function typeErrorsText(errors: readonly Diagnostic[], cwd: string): string {
  const blocks = errors.map((d) => {
    const [head, ...chain] = d.message.split("\n");
    const lines = [`  ${displayPath(d.file, cwd)}:${d.line}:${d.column} ${d.code}: ${head}`, ...chain.map((l) => `    ${l}`)];
    for (const r of d.related ?? []) lines.push(`    ${displayPath(r.file, cwd)}:${r.line}:${r.column}: ${r.message.split("\n").join("\n      ")}`);
    if (d.hint) lines.push(`    hint: ${d.hint}`);
    return lines.join("\n");
  });
  return `${errors.length} error${errors.length === 1 ? "" : "s"} in the spec's TypeScript:\n${blocks.join("\n")}`;
}

/**
 * Why importing the spec failed: a fault the spec raised while loading (it called `exit()`, say)
 * as it is; a syntax error reported by the TypeScript transform (esbuild, whose columns count
 * from 0) at its line and column, counted from 1 as editors do; else the module system's reason.
 */
function loadFailed(e: unknown, file: string): SpecError {
  if (isSpecError(e)) return e;
  const message = thrownMessage(e);
  const syntax = /^(\/.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  if (syntax && /^Transform failed/.test(message)) {
    const [, at, line, column, what] = syntax;
    return new SpecError("spec-load-failed", `syntax error: ${what}`, { file: at, line: Number(line), column: Number(column) + 1, cause: e });
  }
  return new SpecError("spec-load-failed", `the spec file could not be loaded: ${loadFailure(e)}`, { file, cause: e });
}

/**
 * The module system's reason, without Node's stack of its own internals. A CommonJS spec that
 * requires this ES-module package on a Node.js without `require(esm)` gets one line saying so.
 */
function loadFailure(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ERR_REQUIRE_ESM" || code === "ERR_REQUIRE_ASYNC_MODULE") {
    return `a CommonJS spec cannot require() this package on Node.js ${process.versions.node}: it is an ES module, which require() loads from Node.js 20.19 and 22.12 on — upgrade Node.js, or make the spec an ES module (.mts/.mjs, or "type": "module")`;
  }
  const message = thrownMessage(e).split("\n").slice(0, 6).join("\n");
  const missing = /Cannot find (package|module) '(interleave-spec)(\/[\w-]+)?'/.exec(message);
  if (missing) {
    return `${message} — the spec's directory has no install of ${missing[2]}: run \`npm install --save-dev ${missing[2]}\` in the spec's project (\`interleave init\` makes one)`;
  }
  return message;
}
