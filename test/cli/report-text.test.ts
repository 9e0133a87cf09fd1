import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.ts";

describe("check's text report when every property is decided", () => {
  it.each([["--junit"], ["--continue"]])("with %s, says after the violations which properties hold (one search)", async (flag) => {
    const junit = path.join(mkdtempSync(path.join(tmpdir(), "interleave-report-")), "r.xml");
    const r = await runCli(["check", "test/fixtures/specs/lights.ts", "--spec", "careless", "--no-typecheck", ...(flag === "--junit" ? [flag, junit] : [flag])]);
    expect(r.code).toBe(1);
    const violated = r.stdout.indexOf("✗ careless: invariant notBothGreen violated");
    const held = r.stdout.indexOf("✓ the other property holds: deadlock");
    expect(violated).toBeGreaterThan(0);
    expect(held).toBeGreaterThan(violated);
    expect(r.stdout.match(/distinct states/g)).toHaveLength(1);
  });

  it("a search that stops at the first violation says nothing of the others", async () => {
    const r = await runCli(["check", "test/fixtures/specs/lights.ts", "--spec", "careless", "--no-typecheck"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("holds:");
  });
});

describe("a spec error's location is the same in text, --reporter github and --json", () => {
  it("an action that throws points at the throwing line everywhere (the annotation used to say line 1)", async () => {
    const json = path.join(mkdtempSync(path.join(tmpdir(), "interleave-report-")), "r.json");
    const r = await runCli(["check", "test/fixtures/specs/faults.ts", "--spec", "throws", "--no-typecheck", "--no-lint", "--reporter", "github", "--json", json]);
    expect(r.code).toBe(2);
    const at = /at test\/fixtures\/specs\/faults\.ts:(\d+):(\d+)/.exec(r.stderr);
    expect(at).not.toBeNull();
    const [, line, column] = at!;
    expect(line).not.toBe("1");
    expect(r.stdout).toContain(`::error file=test/fixtures/specs/faults.ts,line=${line},col=${column},title=spec error action-threw::`);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.error).toEqual({
      code: "action-threw",
      message: expect.stringContaining('action "inc" threw'),
      details: { location: { file: "test/fixtures/specs/faults.ts", line: Number(line), column: Number(column) } },
    });
  });
});

describe("--itf without a counterexample", () => {
  it("says it wrote nothing, as --trace-dot does", async () => {
    const itf = path.join(mkdtempSync(path.join(tmpdir(), "interleave-report-")), "t.itf.json");
    const r = await runCli(["check", "examples/counter.ts", "--no-typecheck", "--itf", itf]);
    expect(r.code).toBe(0);
    expect(existsSync(itf)).toBe(false);
    expect(r.stderr).toContain(`--itf: no counterexample, ${itf} not written`);
    const v = await runCli(["check", "test/fixtures/specs/lights.ts", "--spec", "careless", "--no-typecheck", "--itf", itf]);
    expect(v.code).toBe(1);
    expect(existsSync(itf)).toBe(true);
    expect(v.stderr).not.toContain("--itf: no counterexample");
  });
});
