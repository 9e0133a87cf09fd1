import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { tsImport } from "tsx/esm/api";
import { typecheckSpec } from "../analysis/typecheck.ts";
import { displayPath } from "../analysis/display-path.ts";
import { isSpec, type Spec } from "../dsl/define-spec.ts";
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
  /** Type-check the file first, as the editor would (syntax and type errors are spec errors); JavaScript files are not type-checked. */
  readonly typecheck?: boolean;
  /**
   * Load the spec and everything it imports afresh (not from the module cache) through tsx's
   * `tsImport`, and report each module URL it imports (what `--watch` watches).
   */
  readonly onImport?: (url: string) => void;
  /** Called once type-checking is over and the spec's own code is about to run. */
  readonly onTypechecked?: () => void;
}

/** Loads a TypeScript spec file. Every failure is a SpecError naming the file and the cause. */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  if (!existsSync(file)) throw new SpecError("spec-not-found", `no such file (${file})`, { file });
  if (!statSync(file).isFile()) throw new SpecError("spec-not-found", `${file} is a directory, not a spec file`, { file });
  // A JavaScript spec has no types to check (TypeScript would only say "enable allowJs").
  if ((options.typecheck ?? true) && !/\.(c|m)?jsx?$/i.test(file)) {
    const errors = typecheckSpec(file).filter((d) => d.severity === "error");
    if (errors.length > 0) {
      const first = errors[0];
      const listed = errors
        .slice(0, 5)
        .map((d) => `  ${displayPath(d.file, process.cwd())}:${d.line}:${d.column} ${d.code}: ${d.message.split("\n")[0]}`)
        .join("\n");
      throw new SpecError(
        "type-error",
        `${errors.length} error${errors.length === 1 ? "" : "s"} in the spec's TypeScript:\n${listed}${errors.length > 5 ? `\n  … and ${errors.length - 5} more` : ""}`,
        { file: first.file, line: first.line, column: first.column },
      );
    }
  }
  options.onTypechecked?.();
  let module: Record<string, unknown>;
  try {
    if (options.onImport) forgetRequired();
    module = (
      options.onImport
        ? await tsImport(pathToFileURL(file).href, { parentURL: import.meta.url, onImport: options.onImport })
        : await import(pathToFileURL(file).href)
    ) as Record<string, unknown>;
  } catch (e) {
    throw loadFailed(e, file);
  }
  // A spec file outside a "type": "module" package is loaded as CommonJS: its exports sit under `default`.
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
    throw new SpecError("export-not-found", `the file has no export "${exportName}"; its specs are: ${available}`, { file });
  }
  if (!isSpec(value)) {
    throw new SpecError("not-a-spec", `export "${exportName}" is not a spec (build it with defineSpec)`, { file });
  }
  return { spec: value, file, exportName };
}

/**
 * Why importing the spec failed. A syntax error reported by the TypeScript transform (esbuild,
 * whose columns count from 0) points at its line and column, counted from 1 as editors do.
 */
function loadFailed(e: unknown, file: string): SpecError {
  if (isSpecError(e)) return e;
  const message = thrownMessage(e);
  const syntax = /^(\/.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  if (syntax && /^Transform failed/.test(message)) {
    const [, at, line, column, what] = syntax;
    return new SpecError("spec-load-failed", `syntax error: ${what}`, { file: at, line: Number(line), column: Number(column) + 1, cause: e });
  }
  return new SpecError("spec-load-failed", `the spec file could not be loaded: ${message.split("\n").slice(0, 6).join("\n")}`, { file, cause: e });
}

/**
 * Drops the user's CommonJS modules from the require cache, which every `tsImport` shares: a
 * spec in a package without `"type": "module"` is loaded as CommonJS, and a re-check must see
 * its edited imports. Dependencies under node_modules stay cached.
 */
function forgetRequired(): void {
  const cache = createRequire(import.meta.url).cache;
  for (const key of Object.keys(cache)) if (!key.includes(`${path.sep}node_modules${path.sep}`)) delete cache[key];
}
