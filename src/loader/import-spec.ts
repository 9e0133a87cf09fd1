import { readFileSync } from "node:fs";
import module, { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { transformTypeScript } from "./transform.ts";

/** How {@link importSpecFile} imports a spec module. */
export interface ImportSpecOptions {
  /**
   * Import the spec and every local module it imports afresh (not from the module cache), and
   * report each module URL it imports (what `check --watch` watches).
   */
  readonly onImport?: (url: string) => void;
}

/** The extensions TypeScript modules have (`.tsx` too, though specs have no use for JSX). */
const TYPESCRIPT = /\.(c|m)?tsx?$/i;

/**
 * Imports a spec module as Node would in its own package: `.mjs`/`.mts` as ES modules,
 * `.cjs`/`.cts` as CommonJS, `.js` by the nearest package.json's `"type"`, `.ts` by that or by
 * its own `import`/`export` statements. TypeScript is compiled by esbuild through module hooks
 * (`./hooks.ts`) and a CommonJS require hook, both installed in the calling thread the first time
 * a TypeScript file is imported — so it works the same in the main thread and in worker
 * threads, and a JavaScript spec costs nothing more. The user's tsconfig.json is neither read nor
 * changed. Failures are the module system's own errors.
 */
export async function importSpecFile(file: string, options: ImportSpecOptions = {}): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (runningFromSources && options.onImport) {
    // A checkout runs under tsx (or vitest), whose tsImport gives a fresh module graph.
    forgetRequired();
    const { tsImport } = await import("tsx/esm/api");
    return interop((await tsImport(url, { parentURL: import.meta.url, onImport: options.onImport })) as Record<string, unknown>);
  }
  // The package first: under Node.js 20's module hooks every later import of this thread makes
  // round trips to the hooks' own thread, which the package's hundred-odd modules need not pay.
  await preloadPackage();
  if (TYPESCRIPT.test(file) || options.onImport) supportTypeScript();
  if (/\.c(j|t)s$/i.test(file)) {
    // Through Node's CommonJS loader, whose require() of this ES-module package works from
    // Node.js 20.19 on; the ES module loader's CommonJS shim cannot require() an ES module.
    if (options.onImport) forgetRequired();
    return interop({ default: createRequire(import.meta.url)(file) as unknown });
  }
  if (!options.onImport) return interop((await import(url)) as Record<string, unknown>);
  forgetRequired();
  const run = ++runs;
  reportTo = options.onImport;
  try {
    const namespace = (await import(`${url}?interleave-run=${run}`)) as Record<string, unknown>;
    await new Promise((resolve) => setImmediate(resolve)); // the loader thread's last reports
    return interop(namespace);
  } finally {
    reportTo = undefined;
  }
}

/** True when this module is itself TypeScript run by tsx or vitest (a checkout): TypeScript imports already work. */
const runningFromSources = import.meta.url.endsWith(".ts");
let installed = false;
let runs = 0;
let reportTo: ((url: string) => void) | undefined;

/** Installs the module hooks and the CommonJS require hook in this thread, once. */
function supportTypeScript(): void {
  if (runningFromSources || installed) return;
  if (typeof module.register !== "function") {
    throw new Error(`TypeScript specs need Node.js 20.6 or later (module hooks); this is ${process.version}`);
  }
  installed = true;
  // Stack traces then name the .ts lines (esbuild writes inline source maps).
  process.setSourceMapsEnabled(true);
  const { port1, port2 } = new MessageChannel();
  port1.on("message", (url: string) => reportTo?.(url));
  port1.unref();
  module.register(new URL("./hooks.js", import.meta.url), { data: { port: port2 }, transferList: [port2] });
  const extensions = (module as unknown as { _extensions: Record<string, (m: CompilableModule, file: string) => void> })._extensions;
  const compile = (m: CompilableModule, file: string) => m._compile(transformTypeScript(readFileSync(file, "utf8"), file, "commonjs"), file);
  for (const ext of [".ts", ".cts", ".tsx"]) extensions[ext] = compile;
}

interface CompilableModule {
  _compile(code: string, file: string): void;
}

/**
 * Loads this package's entry before the spec. A CommonJS spec `require()`s it, and Node.js 20
 * cannot `require()` an ES module whose imports are still to be resolved through module hooks
 * ("request for './dsl/domain.js' is not in cache"); an entry already evaluated is simply
 * returned. (From the sources, the package's name resolves to them through tsx's hooks.)
 */
function preloadPackage(): Promise<unknown> {
  return runningFromSources ? Promise.resolve() : import(new URL("../index.js", import.meta.url).href);
}

/**
 * The namespace of an ES module as written, for a module compiled to CommonJS: TypeScript and
 * esbuild mark its `exports` with `__esModule` and put `export default` under `default`; Node's
 * import of it gives `{ default: exports }`. Plain CommonJS keeps `default` as its `module.exports`.
 */
function interop(namespace: Record<string, unknown>): Record<string, unknown> {
  const inner = namespace.default as Record<string, unknown> | null | undefined;
  return typeof inner === "object" && inner !== null && inner.__esModule === true ? inner : namespace;
}

/**
 * Drops the user's CommonJS modules from the require cache: a spec in a CommonJS package, or
 * its CommonJS imports, must be read again on a re-check. Dependencies under node_modules stay
 * cached.
 */
function forgetRequired(): void {
  const cache = createRequire(import.meta.url).cache;
  for (const key of Object.keys(cache)) if (!key.includes(`${path.sep}node_modules${path.sep}`)) delete cache[key];
}
