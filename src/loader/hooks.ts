/**
 * Node.js module hooks (run in Node's loader thread, registered by `importSpecFile`): compile
 * TypeScript modules with esbuild, resolve the specifiers TypeScript users write (`./x.js` for
 * `./x.ts`, `./x.mjs` for `./x.mts`, `./x.cjs` for `./x.cts`, `./x` and `./dir` for
 * `./x.ts` and `./dir/index.ts`), and keep a fresh copy of a spec's local module graph for each
 * `--watch` re-run, reporting every module it loads.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { MessagePort } from "node:worker_threads";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transformTypeScript, typescriptFormat } from "./transform.ts";

interface ResolveContext {
  readonly parentURL?: string;
  readonly conditions: readonly string[];
}
interface ResolveResult {
  readonly url: string;
  readonly format?: string | null;
  readonly shortCircuit?: boolean;
}
interface LoadResult {
  readonly format: string;
  readonly source?: string | ArrayBuffer | Uint8Array;
  readonly shortCircuit?: boolean;
}

const TYPESCRIPT = /\.(c|m)?tsx?$/i;
/** The query that gives each `--watch` run its own module instances: `?interleave-run=N`. */
const RUN = /[?&]interleave-run=(\d+)/;
let port: MessagePort | undefined;

/** Receives the port on which loaded module URLs are reported (for `--watch`). */
export function initialize(data: { port?: MessagePort } | undefined): void {
  port = data?.port;
}

/**
 * Node's resolution first; where it finds nothing, the TypeScript file the specifier means
 * (`./x.js` → `./x.ts`, …). Inside a `--watch` run's graph, local modules keep the run's query.
 */
export async function resolve(specifier: string, context: ResolveContext, next: (s: string, c: ResolveContext) => Promise<ResolveResult>): Promise<ResolveResult> {
  let resolved: ResolveResult;
  try {
    resolved = await next(specifier, context);
  } catch (e) {
    const alternative = (e as { code?: string }).code === "ERR_MODULE_NOT_FOUND" || (e as { code?: string }).code === "ERR_UNSUPPORTED_DIR_IMPORT" ? typescriptAlternative(specifier, context.parentURL) : undefined;
    if (!alternative) throw e;
    resolved = { url: alternative };
  }
  // A module of a --watch run's graph: its local imports belong to the same run.
  const run = context.parentURL && RUN.exec(context.parentURL);
  if (run && resolved.url.startsWith("file:") && !resolved.url.includes("/node_modules/") && !RUN.test(resolved.url)) {
    return { ...resolved, url: `${resolved.url}${resolved.url.includes("?") ? "&" : "?"}interleave-run=${run[1]}`, shortCircuit: true };
  }
  return { ...resolved, shortCircuit: true };
}

/**
 * TypeScript ES modules compiled by esbuild (from the cache when unchanged); CommonJS TypeScript
 * handed to Node's CommonJS loader; everything else as Node loads it. Reports each module of a
 * `--watch` run.
 */
export async function load(url: string, context: { format?: string | null }, next: (u: string, c: unknown) => Promise<LoadResult>): Promise<LoadResult> {
  if (RUN.test(url)) port?.postMessage(url);
  if (!url.startsWith("file:") || !TYPESCRIPT.test(new URL(url).pathname)) return next(url, context);
  const file = fileURLToPath(url);
  const source = readFileSync(file, "utf8");
  const format = typescriptFormat(file, source);
  // CommonJS goes through Node's CommonJS loader (and the require hook importSpecFile
  // installs): its require() loads ES modules, which the loader thread's CommonJS shim cannot.
  if (format === "commonjs") return { format: "commonjs", shortCircuit: true };
  return { format: "module", source: transformTypeScript(source, file, "module"), shortCircuit: true };
}

/** `./x.js` → `./x.ts`, `./x` → `./x.ts` or `./x/index.ts`, and so on: the first file that exists. */
function typescriptAlternative(specifier: string, parentURL: string | undefined): string | undefined {
  if (!parentURL?.startsWith("file:") || !/^\.{1,2}(\/|$)|^\//.test(specifier)) return undefined;
  const base = new URL(specifier, parentURL);
  const target = fileURLToPath(base);
  const stem = target.replace(/\.(c|m)?jsx?$/i, "");
  const candidates = /\.jsx?$/i.test(target)
    ? [`${stem}.ts`, `${stem}.tsx`]
    : /\.mjs$/i.test(target)
      ? [`${stem}.mts`]
      : /\.cjs$/i.test(target)
        ? [`${stem}.cts`]
        : [`${target}.ts`, `${target}.tsx`, `${target}.mts`, `${target}.cts`, `${target}/index.ts`];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return found && `${pathToFileURL(found).href}${base.search}`;
}
