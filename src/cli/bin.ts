#!/usr/bin/env node
/**
 * The `interleave` command of the built package. Node.js 22.1+ keeps compiled code in its
 * on-disk compile cache (this package, then the TypeScript compiler when lint or
 * `--typecheck` load it), which shortens every later start; on Node.js 20 this is a no-op.
 */
import module from "node:module";

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
