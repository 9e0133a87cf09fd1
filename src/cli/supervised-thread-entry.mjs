// Worker-thread bootstrap for supervision when running from the TypeScript sources (a checkout
// of the repository); the built package starts supervised-thread-start.js, whose import guards
// process.exit (thread-guard) before any spec code runs.
import "../../bin/dev-register.mjs";

await import("./supervised-thread.ts");
