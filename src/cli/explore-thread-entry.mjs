// Worker-thread bootstrap for `explore` when running from the TypeScript sources (a checkout of
// the repository); the built package starts explore-thread.js directly.
import "../../bin/dev-register.mjs";

await import("./explore-thread.ts");
