#!/usr/bin/env node
// The packaging smoke test (run by .ci/run): packs this repository with `npm pack` and uses the
// tarball as a new user would, in fresh temporary projects —
//   CommonJS (`npm init -y`) and ES module ("type": "module") packages,
//   TypeScript 5.9 and 7, with `tsc --init`'s tsconfig.json or the one `interleave init` writes —
// each: install the tarball with vitest and TypeScript (from the npm cache when it has them),
// `interleave init`, `interleave check` the scaffolded spec (and its known-bad variant),
// `vitest run` its test with the matchers, `tsc --noEmit` (and once more without skipLibCheck:
// no error may come from this package), then check a spec in each module format
// (.ts .mts .cts .js .mjs .cjs), with one and two workers.
// Prints the tarball's size and file count and the installed size; exits 1 on any failure.
//
//   node scripts/package-smoke.mjs [--keep]     (--keep: leave the temporary projects)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const own = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
const vitestVersion = own.devDependencies.vitest;
const keep = process.argv.includes("--keep");
const work = mkdtempSync(path.join(tmpdir(), "interleave-smoke-"));
// A clean environment: no variables of a surrounding vitest or npm run.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(VITEST|npm_|NODE_OPTIONS$|INIT_CWD$|TEST$)/i.test(k)),
);
env.CI = "1";
env.NO_COLOR = "1";

let passed = 0;
let failed = 0;
const started = performance.now();

function run(cwd, command, args, { expect = 0 } = {}) {
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? "", out: `${r.stdout ?? ""}${r.stderr ?? ""}`, ok: expect === "any" || r.status === expect, error: r.error };
}

function step(what, result, extra = () => undefined) {
  const problem = result.error ? String(result.error) : !result.ok ? `exit ${result.status}` : extra(result.out);
  if (problem) {
    failed++;
    process.stdout.write(`✗ ${what}: ${problem}\n${indent(result.out)}\n`);
  } else {
    passed++;
    process.stdout.write(`✓ ${what}\n`);
  }
  return result;
}

const indent = (text) => text.trimEnd().split("\n").slice(-40).map((l) => `    ${l}`).join("\n");
const npm = (cwd, ...args) => run(cwd, "npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"]);
const bin = (project, name) => path.join(project, "node_modules", ".bin", name);

// 1. Pack (prepack builds dist/).
const packed = run(repo, "npm", ["pack", "--json", "--pack-destination", work]);
step("npm pack", packed, (out) => (out.includes('"filename"') ? undefined : "no tarball reported"));
// npm prints the prepack script's banner before the JSON on stdout.
const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("\n[") + 1));
const tarball = path.join(work, info[0].filename);
const shipsSources = info[0].files.some((f) => /\.ts$/.test(f.path) && !f.path.endsWith(".d.ts"));
step("the tarball ships JavaScript and declarations only", { ok: !shipsSources, out: info[0].files.map((f) => f.path).join("\n") });

// 2. The installed size of the package alone (its dependencies included).
const alone = path.join(work, "alone");
mkdirSync(alone);
npm(alone, "init", "-y");
step("npm install the tarball alone", npm(alone, "install", "--prefer-offline", tarball));
const installBytes = Number(run(alone, "du", ["-sk", "node_modules"]).out.split(/\s/)[0]) * 1024;
// A spec in a directory where the package is not installed: a clear error, saying how to install it.
const elsewhere = path.join(work, "elsewhere");
mkdirSync(elsewhere);
writeFileSync(path.join(elsewhere, "spec.mts"), `import { defineSpec, t } from "${own.name}";\nexport default defineSpec({ name: "c", state: { n: t.int(0, 1) }, init: { n: 0 }, actions: { inc: (s) => s.n < 1 && { n: 1 } } });\n`);
step("a spec where the package is not installed: exit 2, naming the install command", run(elsewhere, bin(alone, "interleave"), ["check", "spec.mts", "--no-typecheck"], { expect: 2 }), (out) =>
  out.includes(`npm install --save-dev ${own.name}`) ? undefined : "no install hint",
);
const installFiles = Number(run(alone, "sh", ["-c", "find node_modules -type f | wc -l"]).out.trim());

// 3. The projects.
const projects = [
  { name: "commonjs-ts5.9-tsc-init", module: "commonjs", typescript: "5.9.3", tscInit: true },
  { name: "esm-ts7-tsc-init", module: "module", typescript: "7.0.2", tscInit: true },
  { name: "commonjs-ts7-init-tsconfig", module: "commonjs", typescript: "7.0.2", tscInit: false },
  { name: "esm-ts5.9-init-tsconfig", module: "module", typescript: "5.9.3", tscInit: false },
];
for (const p of projects) {
  process.stdout.write(`\n— ${p.name}\n`);
  const dir = path.join(work, p.name);
  mkdirSync(dir);
  step("npm init -y", npm(dir, "init", "-y"));
  if (p.module === "module") npm(dir, "pkg", "set", "type=module");
  const installed = step(
    `npm install the tarball, vitest ${vitestVersion}, typescript ${p.typescript}`,
    npm(dir, "install", "--save-dev", "--prefer-offline", tarball, `vitest@${vitestVersion}`, `typescript@${p.typescript}`),
  );
  if (!installed.ok) continue;
  if (p.tscInit) step("tsc --init", run(dir, bin(dir, "tsc"), ["--init"]));
  const ext = p.module === "module" ? "ts" : "mts";
  step("interleave init", run(dir, bin(dir, "interleave"), ["init"]), (out) => (out.includes(`wrote specs/lock.${ext}`) ? undefined : `no specs/lock.${ext}`));
  step(`interleave check specs/lock.${ext} --spec mutex`, run(dir, bin(dir, "interleave"), ["check", `specs/lock.${ext}`, "--spec", "mutex"]), (out) =>
    out.includes("✓ mutex: all properties hold") ? undefined : "no verdict",
  );
  step("… the known-bad variant fails as it declares (exit 0)", run(dir, bin(dir, "interleave"), ["check", `specs/lock.${ext}`, "--spec", "noLock"]), (out) =>
    out.includes("expected: mutualExclusion is declared violated, and it is") ? undefined : "no expected violation",
  );
  step("vitest run", run(dir, bin(dir, "vitest"), ["run"]), (out) => (/Tests\s+3 passed/.test(out) ? undefined : "not 3 passed tests"));
  step("tsc --noEmit", run(dir, bin(dir, "tsc"), ["--noEmit"]), (out) => (out.trim() === "" ? undefined : "output"));
  step("tsc --noEmit --skipLibCheck false: no error inside the package", run(dir, bin(dir, "tsc"), ["--noEmit", "--skipLibCheck", "false"], { expect: "any" }), (out) => {
    const ours = out.split("\n").filter((l) => l.includes(`node_modules/${own.name}/`));
    return ours.length === 0 ? undefined : `${ours.length} error line(s) in the package`;
  });
  if (p.typescript === "5.9.3") {
    step("interleave check --typecheck (against the installed declarations)", run(dir, bin(dir, "interleave"), ["check", `specs/lock.${ext}`, "--spec", "mutex", "--typecheck"]));
  }
  checkFormats(dir, p.module);
}

function checkFormats(dir, type) {
  const formats = path.join(dir, "formats");
  mkdirSync(formats);
  const body = (name) => `{ name: "${name}", state: { n: t.int(0, 3) }, init: { n: 0 }, actions: { inc: (s) => s.n < 3 && { n: s.n + 1 } }, invariants: { small: (s) => s.n <= 3 }, deadlock: false }`;
  const esm = (name) => `import { defineSpec, t } from "${own.name}";\nexport default defineSpec(${body(name)});\n`;
  const cjs = (name) => `const { defineSpec, t } = require("${own.name}");\nmodule.exports = defineSpec(${body(name)});\n`;
  const files = { "spec.ts": esm, "spec.mts": esm, "spec.cts": esm, "spec.mjs": esm, "spec.cjs": cjs, "spec.js": type === "module" ? esm : cjs };
  for (const [file, text] of Object.entries(files)) {
    writeFileSync(path.join(formats, file), text(file));
    for (const workers of ["1", "2"]) {
      step(`check formats/${file} --workers ${workers}`, run(dir, bin(dir, "interleave"), ["check", `formats/${file}`, "--workers", workers]), (out) =>
        out.includes(`✓ ${file}: all properties hold (small)`) ? undefined : "no verdict",
      );
    }
  }
  // The memory library's entry point (`interleave-spec/memory`), imported by a spec as a user would.
  const memorySpec =
    `import { defineSpec, exists, t } from "${own.name}";\nimport { memory } from "${own.name}/memory";\n` +
    `const m = memory({ model: "tso", cpus: 1, locations: { x: [0, 1] } });\n` +
    `export default defineSpec({ name: "memory.mjs", state: { mem: m.domain }, init: { mem: m.init() }, actions: {\n` +
    `  store: (s) => { const mem = s.mem.mem.x === 0 && m.drained(s.mem) && m.store(s.mem, 0, "x", 1); return mem && { mem }; },\n` +
    `  drain: (s) => exists(m.drainable(s.mem, 0), (loc) => ({ mem: m.drain(s.mem, 0, loc) })),\n` +
    `}, invariants: { small: (s) => m.load(s.mem, 0, "x") <= 1 }, deadlock: false });\n`;
  writeFileSync(path.join(formats, "memory.mjs"), memorySpec);
  step("check formats/memory.mjs (imports interleave-spec/memory)", run(dir, bin(dir, "interleave"), ["check", "formats/memory.mjs"]), (out) =>
    out.includes("✓ memory.mjs: all properties hold (small)") ? undefined : "no verdict",
  );
}

const seconds = ((performance.now() - started) / 1000).toFixed(0);
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
process.stdout.write(
  `\npackage ${info[0].filename}: ${mb(info[0].size)} packed, ${mb(info[0].unpackedSize)} unpacked, ${info[0].entryCount} files; ` +
    `installed with its dependencies: ${mb(installBytes)} in ${installFiles} files (node ${process.version}, ${seconds} s)\n`,
);
if (!keep) rmSync(work, { recursive: true, force: true });
else process.stdout.write(`projects kept in ${work}\n`);
process.stdout.write(`package smoke: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
