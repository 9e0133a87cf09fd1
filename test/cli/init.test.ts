import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run, type CliIO } from "../../src/cli/main.ts";

const repo = path.resolve(new URL("../..", import.meta.url).pathname);

async function cli(cwd: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd };
  return { code: await run(argv, io), stdout, stderr };
}

/** A child process environment without the parent vitest's worker variables. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS" && k !== "TEST"));
}

describe("interleave init", () => {
  it("scaffolds a spec, a vitest test and a workflow that type-check and pass (offline, interleave linked)", async () => {
    const project = mkdtempSync(path.join(tmpdir(), "interleave-init-"));
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "demo", type: "module", scripts: { test: "vitest" } }, null, 2));
    const r = await cli(project, "init");
    expect(r.code).toBe(0);
    for (const f of ["specs/lock.ts", "test/lock.test.ts", ".github/workflows/interleave.yml", "tsconfig.json", "package.json (scripts)"]) {
      expect(r.stdout).toContain(`wrote ${f}`);
    }
    const pkg = JSON.parse(readFileSync(path.join(project, "package.json"), "utf8"));
    expect(pkg.scripts).toEqual({ test: "vitest", "check:specs": "interleave check specs/lock.ts --spec mutex", "test:specs": "vitest run test/lock.test.ts" });

    // Resolve interleave and the tools to this checkout, as an npm `file:` dependency would: no registry.
    mkdirSync(path.join(project, "node_modules", "@types"), { recursive: true });
    symlinkSync(repo, path.join(project, "node_modules", "interleave"));
    symlinkSync(path.join(repo, "node_modules", "vitest"), path.join(project, "node_modules", "vitest"));
    symlinkSync(path.join(repo, "node_modules", "@types", "node"), path.join(project, "node_modules", "@types", "node"));

    const tsc = spawnSync(process.execPath, [path.join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", project], { encoding: "utf8", env: cleanEnv() });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);

    const vitest = spawnSync(process.execPath, [path.join(repo, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter", "verbose"], {
      cwd: project,
      encoding: "utf8",
      env: { ...cleanEnv(), CI: "1", NO_COLOR: "1" },
    });
    expect(vitest.stdout).toContain("3 passed");
    expect(vitest.stdout).toContain("without the lock, both workers can be critical at once");
    expect(vitest.status).toBe(0);

    const again = await cli(project, "init");
    expect(again.stdout).toContain("kept  specs/lock.ts (exists; --force to overwrite)");
  }, 120_000);

  it("the scaffolded spec's known-bad variant passes check by its expectation", async () => {
    const project = mkdtempSync(path.join(tmpdir(), "interleave-init-"));
    await cli(project, "init", "demo");
    const dir = path.join(project, "demo");
    const bad = await cli(dir, "check", "specs/lock.ts", "--spec", "noLock", "--reporter", "github", "--no-typecheck");
    expect(bad.code).toBe(0);
    expect(bad.stdout).toMatch(/^::notice file=specs\/lock\.ts,line=19,col=7,/m);
    const good = await cli(dir, "check", "specs/lock.ts", "--spec", "mutex", "--no-typecheck");
    expect(good.code).toBe(0);
  });
});
