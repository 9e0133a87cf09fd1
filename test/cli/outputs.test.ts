import { copyFileSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_WORKERS } from "../../src/cli/usage-error.ts";
import { expectNoStack, runCli } from "./run.ts";

const fast = ["--no-typecheck", "--no-lint"];
const tmp = () => mkdtempSync(path.join(tmpdir(), "interleave-outputs-"));
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the importing fixture and its helper in a fresh directory (the test may try to overwrite them). */
function specWithImport(): { dir: string; spec: string; helper: string } {
  // Inside the repository, so that the copy's `import … from "interleave-spec"` resolves.
  const dir = mkdtempSync(path.join(process.cwd(), "test/fixtures/hostile/.tmp-"));
  copies.push(dir);
  for (const name of ["imports-helper.ts", "helper.ts"]) copyFileSync(path.join("test/fixtures/hostile", name), path.join(dir, name));
  return { dir, spec: path.join(dir, "imports-helper.ts"), helper: path.join(dir, "helper.ts") };
}

describe("an output path that names the spec or a file it imports is a usage error (exit 3), and nothing is overwritten", () => {
  for (const flag of ["--json", "--junit", "--itf"]) {
    it(`${flag} naming the spec file itself`, async () => {
      const { spec } = specWithImport();
      const before = readFileSync(spec, "utf8");
      for (const workers of ["1", "2"]) {
        const r = await runCli(["check", spec, ...fast, "--workers", workers, flag, spec]);
        expect(r.code).toBe(3);
        expect(r.stderr).toContain(`error: ${flag} ${spec}: that is the spec file itself; writing the report there would overwrite the spec`);
        expect(r.stdout).toBe("");
        expectNoStack(r.stderr);
      }
      expect(readFileSync(spec, "utf8")).toBe(before);
    });
  }

  it("--json naming a module the spec imports (also through a relative path)", async () => {
    const { dir, spec, helper } = specWithImport();
    const before = readFileSync(helper, "utf8");
    const target = path.relative(process.cwd(), path.join(dir, "sub/../helper.ts"));
    const r = await runCli(["check", spec, ...fast, "--json", target]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`error: --json ${target}: the spec imports that file; writing the report there would overwrite it`);
    expect(readFileSync(helper, "utf8")).toBe(before);
  });

});

describe("reports are written atomically: a temporary file beside the target, then one rename", () => {
  it("replaces the report instead of rewriting it in place (a hard link to the old report keeps the old text)", async () => {
    const dir = tmp();
    const report = path.join(dir, "report.json");
    writeFileSync(report, "previous report\n");
    linkSync(report, path.join(dir, "old.json"));
    const r = await runCli(["check", "examples/counter.ts", ...fast, "--json", report]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(report, "utf8")).result).toBe("ok");
    expect(readFileSync(path.join(dir, "old.json"), "utf8")).toBe("previous report\n");
    expect(readdirSync(dir).sort()).toEqual(["old.json", "report.json"]);
  });

  it("writes through a pipe-like target in place (no rename over /dev/stdout)", async () => {
    const r = await runCli(["check", "examples/counter.ts", ...fast, "--json", "/dev/null"]);
    expect(r.code).toBe(0);
  });
});

describe("--workers is bounded", () => {
  it(`accepts 1 … ${MAX_WORKERS} (4 per core) and refuses more with a usage error`, async () => {
    const r = await runCli(["check", "examples/counter.ts", ...fast, "--workers", "999"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`--workers: at most ${MAX_WORKERS} (4 per core on this machine`);
    expect(r.stdout).toBe("");
    const max = await runCli(["check", "examples/counter.ts", ...fast, "--workers", String(MAX_WORKERS)]);
    expect(max.code).toBe(0);
  });
});
