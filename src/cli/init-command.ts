import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { ExitCode, type CliIO } from "./io.ts";
import { templates, TSCONFIG_TEMPLATE, type SpecExtension, type Template } from "./init-templates.ts";

/**
 * `interleave init [dir]`: scaffolds a spec (`specs/lock.ts`), a vitest test using the matchers
 * and a GitHub Actions workflow into a TypeScript or JavaScript project, ES module or CommonJS
 * (there the files are `.mts`). Existing files are never overwritten (they are reported as kept,
 * unless `--force`). A missing package.json or tsconfig.json is created; an existing
 * package.json only gains scripts it lacks.
 */
export function registerInit(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("init")
    .description("scaffold a spec, a vitest test and a CI workflow into a TypeScript project")
    .argument("[dir]", "project directory (created if missing)", ".")
    .option("--force", "overwrite files that already exist")
    .action((dir: string, flags: { force?: boolean }) => {
      setExit(init(path.resolve(io.cwd, dir), io, flags.force ?? false));
    });
}

function init(root: string, io: CliIO, force: boolean): number {
  try {
    mkdirSync(root, { recursive: true });
    const written: string[] = [];
    const kept: string[] = [];
    const put = (t: Template) => {
      const target = path.join(root, t.path);
      if (existsSync(target) && !force) return kept.push(t.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, t.text);
      written.push(t.path);
    };
    const ext = specExtension(root);
    for (const t of templates(ext)) put(t);
    if (!existsSync(path.join(root, "tsconfig.json"))) put(TSCONFIG_TEMPLATE);
    const missing = updatePackageJson(root, written, ext);
    const shown = path.relative(io.cwd, root);
    io.stdout(`interleave init ${shown === "" ? "." : shown.startsWith("..") ? root : shown}\n`);
    for (const f of written) io.stdout(`  wrote ${f}\n`);
    for (const f of kept) io.stdout(`  kept  ${f} (exists; --force to overwrite)\n`);
    if (missing.length > 0) io.stdout(`\nInstall what the project still lacks:\n  npm install --save-dev ${missing.join(" ")}\n`);
    else if (written.includes("package.json")) io.stdout(`\nInstall the dev dependencies it lists:\n  npm install\n`);
    io.stdout(`\nNext:\n  npx interleave check specs/lock.${ext}\n  npx vitest run\n`);
    return ExitCode.ok;
  } catch (e) {
    io.stderr(`error: cannot scaffold into ${root}: ${(e as Error).message}\n`);
    return ExitCode.usage;
  }
}

/** `mts` in a CommonJS package (no `"type": "module"` in its package.json), else `ts`. */
function specExtension(root: string): SpecExtension {
  const file = path.join(root, "package.json");
  if (!existsSync(file)) return "ts"; // the package.json written below is an ES module package
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { type?: unknown }).type === "module" ? "ts" : "mts";
  } catch {
    return "mts";
  }
}

/** Adds the `specs` scripts; creates a minimal package.json if there is none. Returns dev dependencies to install. */
function updatePackageJson(root: string, written: string[], ext: SpecExtension): string[] {
  const file = path.join(root, "package.json");
  const scripts = { "check:specs": `interleave check specs/lock.${ext} --spec mutex`, "test:specs": `vitest run test/lock.test.${ext}` };
  if (!existsSync(file)) {
    const pkg = {
      name: path.basename(root).toLowerCase().replace(/[^a-z0-9-]/g, "-") || "specs",
      private: true,
      type: "module",
      scripts,
      devDependencies: DEV_DEPENDENCIES,
    };
    writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
    written.push("package.json");
    return [];
  }
  const pkg = JSON.parse(readFileSync(file, "utf8")) as {
    scripts?: Record<string, string>;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const added = Object.entries(scripts).filter(([k]) => !pkg.scripts?.[k]);
  if (added.length > 0) {
    pkg.scripts = { ...(pkg.scripts ?? {}), ...Object.fromEntries(added) };
    writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
    written.push("package.json (scripts)");
  }
  const has = (name: string) => !!(pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]);
  return Object.entries(DEV_DEPENDENCIES)
    .filter(([n]) => !has(n))
    .map(([n, v]) => (v.startsWith("file:") ? v : `${n}@${v}`));
}

/** This package at this version (a checkout of its sources: as a `file:` dependency) and the test runner the matchers extend. */
const DEV_DEPENDENCIES: Record<string, string> = (() => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const own = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string };
  return { [own.name]: import.meta.url.endsWith(".ts") ? `file:${root}` : `^${own.version}`, vitest: "^4.1.12" };
})();
