import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

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
 * `.cjs`/`.cts` as CommonJS, `.js`/`.ts` by the nearest package.json's `"type"`. TypeScript
 * goes through tsx's loader hooks (esbuild, with tsx's transform cache), registered in the
 * calling thread the first time a TypeScript file is imported — so it works the same in the
 * main thread and in worker threads, and costs nothing for a JavaScript spec. The user's
 * tsconfig.json is read by tsx only for what changes the emitted JavaScript (e.g. `paths`);
 * nothing is written to it. Failures are the module system's own errors.
 */
export async function importSpecFile(file: string, options: ImportSpecOptions = {}): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (/\.cts$/i.test(file)) return requireTypeScript(file, options.onImport !== undefined);
  if (options.onImport) {
    forgetRequired();
    const { tsImport } = await import("tsx/esm/api");
    return (await tsImport(url, { parentURL: import.meta.url, onImport: options.onImport })) as Record<string, unknown>;
  }
  if (TYPESCRIPT.test(file)) await supportTypeScript();
  await preloadPackage();
  return interop((await import(url)) as Record<string, unknown>);
}

/** True when TypeScript modules can be imported in this thread (this module is itself TypeScript run by tsx or vitest). */
const runningFromSources = import.meta.url.endsWith(".ts");
let registered: Promise<void> | undefined;

/** Registers tsx's ES module and CommonJS hooks in this thread, once. */
function supportTypeScript(): Promise<void> {
  if (runningFromSources) return Promise.resolve();
  return (registered ??= (async () => {
    const [esm, cjs] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]);
    esm.register();
    cjs.register();
  })());
}

/**
 * A `.cts` spec goes through Node's CommonJS loader (with tsx's require hook), whose `require()`
 * of this ES-module package works from Node.js 20.19 on. Imported instead, its source would be
 * run by the ES module loader's CommonJS shim, whose `require()` cannot load an ES module.
 * Returns what `import()` would: the exports as `default`, and their properties by name.
 */
async function requireTypeScript(file: string, fresh: boolean): Promise<Record<string, unknown>> {
  await supportTypeScript();
  await preloadPackage();
  if (fresh) forgetRequired();
  return interop({ default: createRequire(import.meta.url)(file) as unknown });
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
 * Loads this package's entry before the spec. A CommonJS spec `require()`s it, and Node.js 20
 * cannot `require()` an ES module whose imports are still to be resolved through loader hooks
 * ("request for './dsl/domain.js' is not in cache"); an entry already evaluated is simply
 * returned. (From the sources, the package's name resolves to them through the same hooks.)
 */
function preloadPackage(): Promise<unknown> {
  return runningFromSources ? Promise.resolve() : import(new URL("../index.js", import.meta.url).href);
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
