import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run, type CliIO } from "../../src/cli/main.ts";

async function cli(cwd: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd };
  return { code: await run(argv, io), stdout, stderr };
}

// That the scaffolded project type-checks (tsc --init's settings and init's own, TypeScript 5.9
// and 7) and that its vitest test passes against the installed package is the packaging smoke
// test's job (scripts/package-smoke.mjs, run by .ci/run): it needs the packed tarball.
describe("interleave init", () => {
  it("scaffolds a spec, a vitest test and a workflow into an ES module package", async () => {
    const project = mkdtempSync(path.join(tmpdir(), "interleave-init-"));
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "demo", type: "module", scripts: { test: "vitest" } }, null, 2));
    const r = await cli(project, "init");
    expect(r.code).toBe(0);
    for (const f of ["specs/lock.ts", "test/lock.test.ts", ".github/workflows/interleave.yml", "tsconfig.json", "package.json (scripts)"]) {
      expect(r.stdout).toContain(`wrote ${f}`);
    }
    expect(r.stdout).toContain("npx interleave check specs/lock.ts");
    const pkg = JSON.parse(readFileSync(path.join(project, "package.json"), "utf8"));
    expect(pkg.scripts).toEqual({ test: "vitest", "check:specs": "interleave check specs/lock.ts --spec mutex", "test:specs": "vitest run test/lock.test.ts" });
    // Imported as the compiled name: resolves under tsc's nodenext and bundler settings and in vitest alike.
    expect(readFileSync(path.join(project, "test/lock.test.ts"), "utf8")).toContain('from "../specs/lock.js"');
    expect(JSON.parse(readFileSync(path.join(project, "tsconfig.json"), "utf8")).compilerOptions.types).toEqual([]);

    const again = await cli(project, "init");
    expect(again.stdout).toContain("kept  specs/lock.ts (exists; --force to overwrite)");
  });

  it("writes .mts files into a CommonJS package (npm init -y), whose tsconfig may refuse import syntax in .ts", async () => {
    const project = mkdtempSync(path.join(tmpdir(), "interleave-init-"));
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "demo", version: "1.0.0", main: "index.js", type: "commonjs" }, null, 2));
    writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", verbatimModuleSyntax: true } }));
    const r = await cli(project, "init");
    expect(r.code).toBe(0);
    for (const f of ["specs/lock.mts", "test/lock.test.mts", ".github/workflows/interleave.yml", "package.json (scripts)"]) expect(r.stdout).toContain(`wrote ${f}`);
    expect(r.stdout).not.toContain("wrote tsconfig.json");
    expect(r.stdout).toContain("npx interleave check specs/lock.mts");
    expect(readFileSync(path.join(project, "test/lock.test.mts"), "utf8")).toContain('from "../specs/lock.mjs"');
    expect(readFileSync(path.join(project, ".github/workflows/interleave.yml"), "utf8")).toContain("npx interleave check specs/lock.mts --spec mutex");
    const checked = await cli(project, "check", "specs/lock.mts", "--spec", "mutex");
    expect(checked.code).toBe(0);
  });

  it("the scaffolded spec's known-bad variant passes check by its expectation", async () => {
    const project = mkdtempSync(path.join(tmpdir(), "interleave-init-"));
    await cli(project, "init", "demo");
    const dir = path.join(project, "demo");
    const bad = await cli(dir, "check", "specs/lock.ts", "--spec", "noLock", "--reporter", "github");
    expect(bad.code).toBe(0);
    expect(bad.stdout).toMatch(/^::notice file=specs\/lock\.ts,line=19,col=7,/m);
    const good = await cli(dir, "check", "specs/lock.ts", "--spec", "mutex");
    expect(good.code).toBe(0);
  });
});
