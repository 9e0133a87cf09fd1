#!/usr/bin/env node
/**
 * The `interleave` command of the built package. Node.js 22.1+ keeps compiled code in its
 * on-disk compile cache (this package, then the TypeScript compiler when lint or
 * `--typecheck` load it), which shortens every later start; on Node.js 20 this is a no-op.
 *
 * The supervised thread that runs the spec is started first, from the supervisor's small module
 * graph: it loads the loader and the checker while this thread loads the command line's modules.
 */
import module from "node:module";

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const argv = process.argv.slice(2);
const { prestarts, supervisedRunner } = await import("./supervisor.ts");
const runner = supervisedRunner({ prestart: prestarts(argv) });
const { main } = await import("./main.ts");
process.exitCode = await main(argv, runner);
