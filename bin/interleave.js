#!/usr/bin/env node
// Runs the CLI from its TypeScript sources and lets it import TypeScript spec files directly.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/bin.ts");
process.exitCode = await main(process.argv.slice(2));
