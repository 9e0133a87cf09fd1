// Worker-thread bootstrap when running from the TypeScript sources (a checkout of the
// repository); the built package starts level-worker.js directly.
import "../../bin/dev-register.mjs";

await import("./level-worker.ts");
