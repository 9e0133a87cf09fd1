import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LINT_RULES } from "../../src/analysis/lint.ts";
import { runCli } from "./run.ts";

const fast = ["--no-typecheck"];
const counter = "examples/counter.ts";
const tmp = () => mkdtempSync(path.join(tmpdir(), "interleave-bad-input-"));

/** One paragraph, no stack trace of Node's or interleave's code. */
function noStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .*\((node:|\/)/m);
  expect(text).not.toMatch(/node:fs|Error: E[A-Z]+/);
}

describe("bad output paths are usage errors (exit 3) naming the flag and the file, checked before the search", () => {
  for (const flag of ["--json", "--junit", "--itf", "--trace-dot", "--html"]) {
    it(`${flag} under a path component that is a file`, async () => {
      const target = flag === "--trace-dot" ? "README.md/x.dot" : "README.md/x.out";
      const r = await runCli(["check", counter, ...fast, flag, target]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`${flag} ${target}: cannot write there, README.md is a file, not a directory`);
      expect(r.stdout).not.toContain("distinct states");
      noStack(r.stderr);
    });
  }

  it("--json naming a directory", async () => {
    const dir = tmp();
    const r = await runCli(["check", counter, ...fast, "--json", dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`--json ${dir}: is a directory, expected a file name`);
  });

  it("graph --out under a file", async () => {
    const r = await runCli(["graph", counter, ...fast, "--out", "README.md/x.svg"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("--out README.md/x.svg: cannot write there");
    noStack(r.stderr);
  });

  it("report --out under a file", async () => {
    const r = await runCli(["report", counter, ...fast, "--out", "README.md/x.html"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("--out README.md/x.html: cannot write there");
    expect(r.stdout).toBe("");
    noStack(r.stderr);
  });

  it("a directory that cannot be created is reported, not hung on (Node's recursive mkdir loops on /proc)", async () => {
    if (!existsSync("/proc/self")) return;
    const r = await runCli(["check", counter, ...fast, "--json", "/proc/interleave-nope/r.json"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--json \/proc\/interleave-nope\/r\.json: cannot write the file: .*ENOENT/);
  }, 20_000);

  it("still creates missing directories for a good path", async () => {
    const dir = tmp();
    const r = await runCli(["check", counter, ...fast, "--json", path.join(dir, "a/b/report.json")]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "a/b/report.json"))).toBe(true);
  });
});

describe("numeric flags name themselves in the error", () => {
  for (const [flag, value] of [["--max-states", "0"], ["--max-depth", "-1"], ["--workers", "two"]] as const) {
    it(`${flag} ${value}`, async () => {
      const r = await runCli(["check", counter, ...fast, flag, value]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`${flag}: expected a positive integer, got "${value}"`);
    });
  }
  it("--timeout abc", async () => {
    const r = await runCli(["check", counter, ...fast, "--timeout", "abc"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`--timeout: expected a positive number of seconds, got "abc"`);
  });
  it("graph --max-nodes 0", async () => {
    const r = await runCli(["graph", counter, ...fast, "--max-nodes", "0"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`--max-nodes: expected a positive integer, got "0"`);
  });
});

describe("spec files that are not there or not a file", () => {
  it("check on a directory says it is a directory (exit 2)", async () => {
    const r = await runCli(["check", "examples", ...fast]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[spec-not-found\] examples: .*is a directory, not a spec file/);
  });

  it("lint on a missing file and on a directory", async () => {
    const missing = await runCli(["lint", "nope.ts"]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain("nope.ts:1:1  error  unreadable  no such file");
    const dir = await runCli(["lint", "examples"]);
    expect(dir.code).toBe(2);
    expect(dir.stdout).toContain("is a directory, not a spec file");
  });

  it("lint reports syntax errors at their line instead of 'no problems found' (exit 2)", async () => {
    const file = path.join(tmp(), "broken.ts");
    writeFileSync(file, `import { defineSpec } from "interleave-spec";\nexport default defineSpec({ name: "x", state: {}, init: {},\n  actions: { a: (s) => s = } });\n`);
    const r = await runCli(["lint", file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/broken\.ts:3:\d+  error  syntax-error  Expression expected/);
    expect(r.stdout).not.toContain("no problems found");
  });

  it("a spec outside the working directory is named by its absolute path, not ../../..", async () => {
    const file = path.join(tmp(), "broken.ts");
    writeFileSync(file, `import { defineSpec } from "interleave-spec";\nexport default defineSpec({ name: "x", state: {}, init: {},\n  actions: { a: (s) => s = } });\n`);
    const r = await runCli(["check", file, "--typecheck", "--no-lint"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error[type-error] ${file}: 1 error in the spec's TypeScript:\n  ${file}:3:`);
    expect(r.stderr).not.toContain("../");
  });

  it("--check with no name is a usage error, not a check of nothing that 'holds'", async () => {
    for (const value of ["", ","]) {
      const r = await runCli(["check", counter, ...fast, "--check", value]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`--check "${value}": expected property names (comma-separated); this spec has "bounded"`);
      expect(r.stdout).not.toContain("all properties hold");
    }
  });

  it("a plain JavaScript spec is checked without a misleading 'enable allowJs' type error", async () => {
    const r = await runCli(["check", "test/fixtures/specs/plain-js.js"]);
    expect(r.stderr).not.toContain("allowJs");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 distinct states");
  });

  it("lint --help lists every rule and the exit codes", async () => {
    const r = await runCli(["lint", "--help"]);
    expect(r.code).toBe(0);
    for (const code of Object.keys(LINT_RULES)) expect(r.stdout).toContain(code);
    expect(r.stdout).toContain("2  at least one error");
  });

  it("--check deadlock with --no-deadlock is a usage error, not a check of nothing", async () => {
    const r = await runCli(["check", "test/fixtures/specs/lights.ts", "--spec", "careless", ...fast, "--check", "deadlock", "--no-deadlock"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("--check deadlock asks for deadlock, which --no-deadlock turns off");
  });
});
