#!/usr/bin/env node
// `npm run build` (also run by `npm pack`/`npm publish` through `prepack`): compiles src/ into
// dist/ — ES module JavaScript and a .d.ts beside every module — with the TypeScript compiler
// of the repository. The sources import each other with `.ts` extensions; tsc rewrites them to
// `.js` in the JavaScript (rewriteRelativeImportExtensions) but not in declarations, so this
// script rewrites the declarations' relative specifiers: a user's `tsc` with any module setting
// then resolves them without `allowImportingTsExtensions`.
import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { name } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const dist = path.join(root, "dist");
rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

let rewritten = 0;
for (const file of walk(dist)) {
  if (!file.endsWith(".d.ts")) continue;
  const text = readFileSync(file, "utf8");
  // from "./x.ts", import("./x.ts"), declare module "./x.ts" — relative specifiers only.
  const out = text.replace(/(["'])(\.{1,2}\/[^"']*?)\.([cm]?)ts\1/g, (_m, q, stem, cm) => `${q}${stem}.${cm}js${q}`);
  if (out !== text) {
    writeFileSync(file, out);
    rewritten++;
  }
}
// `require("interleave-spec")` where Node.js cannot require() an ES module (before 20.19 and
// 22.12; the `module-sync` export condition sends newer versions to the ES module itself).
writeFileSync(
  path.join(dist, "require.cjs"),
  `throw new Error("${name} is an ES module: require() loads it from Node.js 20.19 and 22.12 on (this is " + process.version + "); upgrade Node.js, or use import()");\n`,
);
chmodSync(path.join(dist, "cli/bin.js"), 0o755);
process.stderr.write(`dist/: ${walk(dist).length} files (${rewritten} declarations with rewritten imports)\n`);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}
