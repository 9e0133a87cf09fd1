import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** How a TypeScript module runs: as an ES module, or as CommonJS. */
export type ModuleFormat = "module" | "commonjs";

type Esbuild = typeof import("esbuild");
let esbuild: Esbuild | undefined;

/**
 * A TypeScript module compiled to JavaScript by esbuild (types removed; enums, namespaces and
 * parameter properties compiled as tsc does; `import`/`export` turned into `require`/`exports`
 * for CommonJS), with an inline source map so that stack traces name the `.ts` lines. Results
 * are cached on disk under the SHA-256 of the file name, text and format (esbuild starts a
 * process the first time, about a tenth of a second): an unchanged spec is not compiled again.
 */
export function transformTypeScript(source: string, file: string, format: ModuleFormat): string {
  const dir = cacheDir();
  const key = createHash("sha256").update(`${CACHE_VERSION}\0${format}\0${file}\0${source}`).digest("hex");
  const cached = dir && path.join(dir, `${key}.js`);
  if (cached && existsSync(cached)) {
    try {
      return readFileSync(cached, "utf8");
    } catch {
      // unreadable: compile again
    }
  }
  esbuild ??= createRequire(import.meta.url)("esbuild") as Esbuild;
  const { code } = esbuild.transformSync(source, {
    loader: /\.tsx$/i.test(file) ? "tsx" : "ts",
    format: format === "module" ? "esm" : "cjs",
    target: `node${process.versions.node.split(".")[0]}`,
    sourcemap: "inline",
    sourcefile: file,
  });
  if (cached) write(cached, code);
  return code;
}

/**
 * Whether a `.ts` module is an ES module: in a `"type": "module"` package, or when it uses
 * `import`/`export` statements (as Node.js decides for an ambiguous `.js` file, and as a
 * TypeScript user writes in any package). `.mts` and `.cts` say it themselves.
 */
export function typescriptFormat(file: string, source: string): ModuleFormat {
  if (/\.mts$/i.test(file)) return "module";
  if (/\.cts$/i.test(file)) return "commonjs";
  if (packageType(path.dirname(file)) === "module") return "module";
  return /^\s*(import\s*[\w{*"'(]|export\s)/m.test(stripComments(source)) ? "module" : "commonjs";
}

/** The `"type"` of the nearest package.json above `dir`. */
function packageType(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, "package.json");
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, "utf8")) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** Part of every cache key: a new esbuild or new options compile anew. */
const CACHE_VERSION = (() => {
  try {
    const require = createRequire(import.meta.url);
    return `esbuild ${(require("esbuild/package.json") as { version: string }).version}, options 1`;
  } catch {
    return "unknown";
  }
})();

/**
 * Where interleave keeps its caches (compiled modules, spec analyses): `$INTERLEAVE_CACHE_DIR`
 * when set (a CI cache, a benchmark's empty cache), else `<tmpdir>/interleave-spec-<uid>`.
 */
export function cacheRoot(): string {
  const configured = process.env.INTERLEAVE_CACHE_DIR;
  if (configured) return path.resolve(configured);
  let user = "user";
  try {
    user = String(os.userInfo().uid);
  } catch {
    // no user database entry (some containers): one shared name
  }
  return path.join(os.tmpdir(), `interleave-spec-${user}`);
}

/** `<cacheRoot>/transform`; none if it cannot be created (then every load compiles). */
function cacheDir(): string | undefined {
  if (resolvedDir !== null) return resolvedDir;
  const dir = path.join(cacheRoot(), "transform");
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    resolvedDir = dir;
  } catch {
    resolvedDir = undefined;
  }
  return resolvedDir;
}
let resolvedDir: string | undefined | null = null;

function write(file: string, text: string): void {
  try {
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next load a compilation.
  }
}
