import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * What a plain `interleave check` of a small spec loads, thread by thread, in the built package.
 * Start-up time is the number of modules each thread loads: this pins the mechanism (which
 * modules), not a timing. The package is compiled to JavaScript by esbuild into a temporary
 * copy laid out as the published one (dist/ beside package.json; the spec imports the package
 * by its name), and run with a preload that records every module each thread loads — ES
 * modules through a module hook, CommonJS ones (the TypeScript compiler, ts-morph) through the
 * CommonJS loader.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let pkg: string;

beforeAll(() => {
  pkg = mkdtempSync(path.join(os.tmpdir(), "interleave-startup-"));
  const sources = readdirSync(path.join(root, "src"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath, e.name));
  buildSync({ entryPoints: sources, outdir: path.join(pkg, "dist"), outbase: path.join(root, "src"), format: "esm", platform: "node", logLevel: "silent" });
  // What tsc's rewriteRelativeImportExtensions does in the real build.
  for (const e of readdirSync(path.join(pkg, "dist"), { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".js")) continue;
    const file = path.join(e.parentPath, e.name);
    writeFileSync(file, readFileSync(file, "utf8").replace(/(["'])(\.{1,2}\/[^"']*?)\.ts\1/g, "$1$2.js$1"));
  }
  cpSync(path.join(root, "package.json"), path.join(pkg, "package.json"));
  symlinkSync(path.join(root, "node_modules"), path.join(pkg, "node_modules"), "dir");
  mkdirSync(path.join(pkg, "specs"));
  cpSync(path.join(root, "examples/counter.ts"), path.join(pkg, "specs/counter.ts"));
  writeFileSync(
    path.join(pkg, "record.mjs"),
    `import module, { register } from "node:module";
import { appendFileSync } from "node:fs";
import { isMainThread, threadId } from "node:worker_threads";
const tag = isMainThread ? "main" : "thread-" + threadId;
const file = process.env.RECORD_FILE;
register(new URL("./record-hooks.mjs?" + tag, import.meta.url), { data: { tag, file } });
const load = module.Module._load;
module.Module._load = function (request, ...rest) {
  appendFileSync(file, tag + " " + request + "\\n");
  return load.call(this, request, ...rest);
};
`,
  );
  writeFileSync(
    path.join(pkg, "record-hooks.mjs"),
    `import { appendFileSync } from "node:fs";
let tag, file;
export function initialize(data) { tag = data.tag; file = data.file; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(file, tag + " " + resolved.url + "\\n");
  return resolved;
}
`,
  );
}, 60_000);

afterAll(() => rmSync(pkg, { recursive: true, force: true }));

/** Runs `interleave check specs/counter.ts` in the copy; the modules each thread loaded, by thread. */
function checkCounter(run: number): Map<string, string[]> {
  const record = path.join(pkg, `modules-${run}.txt`);
  writeFileSync(record, "");
  const r = spawnSync(process.execPath, ["--import", "./record.mjs", "dist/cli/bin.js", "check", "specs/counter.ts"], {
    cwd: pkg,
    encoding: "utf8",
    env: { ...process.env, RECORD_FILE: record, INTERLEAVE_CACHE_DIR: path.join(pkg, "cache") },
  });
  expect(r.stdout).toContain("✓ counter: all properties hold");
  expect(r.status).toBe(0);
  const byThread = new Map<string, string[]>();
  for (const line of readFileSync(record, "utf8").split("\n").filter(Boolean)) {
    const [thread, module] = line.split(" ");
    byThread.set(thread, [...(byThread.get(thread) ?? []), module]);
  }
  return byThread;
}

/** The package's own modules (dist/…) and packages (by name) among `modules`. */
const names = (modules: readonly string[]) =>
  modules.map((m) => /\/dist\/(.*)\.js$/.exec(m)?.[1] ?? /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m)?.[1] ?? m);

const COMPILER = /^(typescript|ts-morph|@ts-morph\/common)$/;
// The command line's diagram, HTML report and explorer code, and Graphviz (the public entry,
// which every spec imports, exports toDot and buildDiagram itself: those load with it).
const DIAGRAMS = /^(export\/(html-report|html-page|html-report-data|trace-dot|lane-dot|lane-diagram|explorer-page)|graph\/explore-session|cli\/(graph-run|html-report-file|trace-dot|explore-run)|@aduh95\/viz\.js|graphviz-cli)$/;
const CHECKER = /^(check\/(check|pipeline|explore|judge)|dsl\/|state\/codec|loader\/)/;

describe("the modules a plain check loads (built package)", () => {
  it("loads the TypeScript compiler only in the analysis thread of a first run, and in no thread once its analysis is cached", () => {
    const first = checkCounter(1);
    const threadsWithCompiler = [...first].filter(([, modules]) => names(modules).some((n) => COMPILER.test(n))).map(([t]) => t);
    // The first run analyses the spec (lint, source lines) in a thread of its own: one thread, not main.
    expect(threadsWithCompiler).toHaveLength(1);
    expect(threadsWithCompiler).not.toContain("main");

    const repeated = checkCounter(2);
    for (const [thread, modules] of repeated) expect({ thread, compiler: names(modules).filter((n) => COMPILER.test(n)) }).toEqual({ thread, compiler: [] });
  }, 120_000);

  it("keeps the checker out of the main thread and the diagram and report writers out of every thread", () => {
    const threads = checkCounter(3);
    const main = names(threads.get("main") ?? []);
    expect(main).toContain("cli/main");
    expect(main.filter((n) => CHECKER.test(n))).toEqual([]);
    const spec = [...threads].find(([, modules]) => names(modules).includes("cli/check-stages"));
    expect(spec).toBeDefined();
    expect(spec![0]).not.toBe("main");
    for (const [thread, modules] of threads) expect({ thread, diagrams: names(modules).filter((n) => DIAGRAMS.test(n)) }).toEqual({ thread, diagrams: [] });
  }, 120_000);
});
