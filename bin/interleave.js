#!/usr/bin/env node
// The CLI run from its TypeScript sources, in a checkout of the repository (`npm run main`, the
// tests). The published package's command is dist/cli/bin.js, built by `npm run build`.
import "./dev-register.mjs";

const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
