import module from "node:module";

/**
 * The supervised thread's entry in the built package. Node.js 22.1+ then keeps the compiled
 * code of the thread's modules (the loader, the checker: a hundred-odd) in its on-disk compile
 * cache, which is per thread, as bin.ts does for the main thread; on Node.js 20 this is a no-op.
 * The thread's modules load after it, and guard process.exit (thread-guard) before any spec
 * code runs.
 */
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import("./supervised-thread.ts");
