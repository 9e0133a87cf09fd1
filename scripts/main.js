#!/usr/bin/env node
// The main job (`npm run main`): the flagship race, then its fix.
// 1. `original` (Linux 2.6.38) must violate noDoubleListDel: the checker prints the shortest race,
//    each step as the process that took it, its label and its kernel/smp.c statement, and draws
//    it as out/smp-race-trace.svg, one lane per CPU.
// 2. `upstreamFix` (e6cd1e07a185, first in 2.6.39-rc1) must hold every property.
// Exits 0 when both verdicts are the expected ones, 1 otherwise.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = fileURLToPath(new URL("../bin/interleave.js", import.meta.url));
const spec = "specs/smp-call-function-many.ts";

const steps = [
  {
    args: ["--spec", "original", "--check", "noDoubleListDel", "--trace-dot", "out/smp-race-trace.svg"],
    expect: 1,
    what: "original violates noDoubleListDel; its trace is drawn in out/smp-race-trace.svg",
  },
  { args: ["--spec", "upstreamFix"], expect: 0, what: "upstreamFix holds" },
];

let failed = false;
for (const { args, expect, what } of steps) {
  const line = ["interleave", "check", spec, ...args].join(" ");
  process.stdout.write(`\n$ ${line}\n`);
  const run = spawnSync(process.execPath, [cli, "check", spec, ...args], { cwd: root, stdio: "inherit" });
  const code = run.status ?? 1;
  if (code === expect) {
    process.stdout.write(`(exit ${code}: as expected, ${what})\n`);
  } else {
    process.stderr.write(`unexpected exit ${code} (expected ${expect}: ${what})\n`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
