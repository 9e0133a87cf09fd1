import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.ts";

const fixtures = "test/fixtures";
const fast = ["--no-typecheck"];
/** The faults fixture also trips the lint gate; these tests are about what the search itself detects. */
const noLint = [...fast, "--no-lint"];
const tmp = () => mkdtempSync(path.join(tmpdir(), "interleave-cli-"));

describe("interleave check: exit codes and reports", () => {
  it("exits 0 and prints the verdict and stats when every property holds", async () => {
    const r = await runCli(["check", "examples/counter.ts", ...fast]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ counter: all properties hold \(bounded\)/);
    expect(r.stdout).toMatch(/8 distinct states · 14 generated · depth 5/);
  });

  it("exits 1 and prints the shortest trace, changed fields only, with the invariant's message", async () => {
    const r = await runCli(["check", `${fixtures}/specs/lights.ts`, "--spec", "careless", ...fast]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ careless: invariant notBothGreen violated");
    expect(r.stdout).toContain("both lights are green: cross traffic would collide");
    expect(r.stdout).toContain("Shortest trace (3 states):");
    expect(r.stdout).toMatch(/2\. turnGreen {2}\(i = 0\)\n\s+color\[0\] = "green"\n\s+3\. turnGreen {2}\(i = 1\)\n\s+color\[1\] = "green"/);
  });

  it("writes the --json report in the documented shape", async () => {
    const dir = tmp();
    const r = await runCli(["check", `${fixtures}/specs/lights.ts`, "--spec", "careless", "--json", path.join(dir, "r.json"), ...fast]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(dir, "r.json"), "utf8"));
    expect(report).toMatchObject({
      version: 1,
      spec: "careless",
      file: "test/fixtures/specs/lights.ts",
      params: { lights: 2 },
      result: "violation",
      stats: { distinctStates: expect.any(Number), statesGenerated: expect.any(Number), depth: expect.any(Number), durationMs: expect.any(Number) },
      violation: { kind: "invariant", property: "notBothGreen" },
    });
    // `step` numbers states as the text trace does; `location` is where the step's action is defined.
    expect(report.violation.trace[0]).toEqual({ step: 1, action: null, params: null, state: { color: ["red", "red"] } });
    expect(report.violation.trace[2]).toMatchObject({ step: 3, action: "turnGreen", params: { i: 1 }, state: { color: ["green", "green"] } });
    expect(report.violation.trace[2]).not.toHaveProperty("process");
  });

  it("--set changes parameters; a bad value or unknown name is a usage error (3)", async () => {
    const ok = await runCli(["check", "examples/counter.ts", "--set", "max=5", ...fast]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("(max=5)");
    const outOfRange = await runCli(["check", "examples/counter.ts", "--set", "max=11", ...fast]);
    expect(outOfRange.code).toBe(3);
    expect(outOfRange.stderr).toMatch(/max = 11 is outside its domain/);
    const notInt = await runCli(["check", "examples/counter.ts", "--set", "max=big", ...fast]);
    expect(notInt.code).toBe(3);
    expect(notInt.stderr).toMatch(/max=big: expected an integer in 1\.\.10/);
    const unknown = await runCli(["check", "examples/counter.ts", "--set", "cpus=2", ...fast]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/no parameter "cpus"; its parameters are max/);
  });

  it("an unknown flag or unknown property is a usage error (3)", async () => {
    expect((await runCli(["check", "examples/counter.ts", "--frobnicate"])).code).toBe(3);
    const r = await runCli(["check", "examples/counter.ts", "--check", "nope", ...fast]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/unknown property "nope"; this spec has "bounded"/);
  });

  it("--check selects properties; --no-deadlock drops deadlock", async () => {
    const chain = `${fixtures}/specs/lights.ts`;
    const r = await runCli(["check", chain, "--spec", "careless", "--check", "deadlock", ...fast]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("all properties hold (deadlock)");
    const nd = await runCli(["check", chain, "--spec", "safe", "--no-deadlock", ...fast]);
    expect(nd.stdout).toContain("all properties hold (notBothGreen)");
  });

  it("exits 4 with partial stats when a limit stops the search", async () => {
    const r = await runCli(["check", "examples/counter.ts", "--max-states", "3", ...fast]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/incomplete — the state limit \(--max-states\) was reached/);
    const d = await runCli(["check", "examples/counter.ts", "--max-depth", "2", ...fast]);
    expect(d.code).toBe(4);
    expect(d.stdout).toMatch(/depth 2/);
  });

  it("exits 4 when interrupted (Ctrl-C)", async () => {
    const controller = new AbortController();
    controller.abort();
    // An aborted signal is noticed at the first yield; the counter is too small to reach one,
    // so interrupting is tested on the kernel (test/check); here: the mapping of the result.
    const r = await runCli(["check", "examples/counter.ts", ...fast], process.cwd(), controller.signal);
    expect([0, 4]).toContain(r.code);
  });
});

describe("interleave check: spec errors exit 2 with one paragraph naming file and cause", () => {
  const noStackOfOurs = (text: string) => {
    expect(text).not.toMatch(/\/src\/(check|dsl|state|cli)\//);
    expect(text).not.toMatch(/^\s+at .*\(node:/m);
  };

  it("a missing file", async () => {
    const r = await runCli(["check", "specs/nope.ts", ...fast]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[spec-not-found\] specs\/nope\.ts: .*no such file/);
  });

  it("a syntax error, with file:line:column (the lint gate reports it before anything runs)", async () => {
    const r = await runCli(["check", `${fixtures}/broken/syntax-error.ts`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^test\/fixtures\/broken\/syntax-error\.ts:8:\d+  error  syntax-error  /m);
    expect(r.stderr).toContain("refusing to check: 1 lint error");
    noStackOfOurs(r.stderr);
  });

  it("a syntax error under --typecheck is a type-error, with file:line:column", async () => {
    const r = await runCli(["check", `${fixtures}/broken/syntax-error.ts`, "--typecheck", "--no-lint"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[type-error\]/);
    expect(r.stderr).toMatch(/test\/fixtures\/broken\/syntax-error\.ts:8:\d+/);
    noStackOfOurs(r.stderr);
  });

  it("a type error, with file:line:column, under --typecheck", async () => {
    const r = await runCli(["check", `${fixtures}/broken/type-error.ts`, "--typecheck"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/test\/fixtures\/broken\/type-error\.ts:8:\d+ TS2322/);
  });

  it("without --typecheck a type error is not looked for: the schema check still refuses the state it produces", async () => {
    const r = await runCli(["check", `${fixtures}/broken/type-error.ts`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[outside-schema\] test\/fixtures\/broken\/type-error\.ts: action "inc" returned a state where s\.n = "one"/);
  });

  it("an action that throws, pointing at the spec's own line", async () => {
    const r = await runCli(["check", `${fixtures}/specs/faults.ts`, "--spec", "throws", ...noLint]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[action-threw\] test\/fixtures\/specs\/faults\.ts: action "inc" threw: n reached two/);
    expect(r.stderr).toMatch(/at test\/fixtures\/specs\/faults\.ts:14:\d+/);
    expect(r.stderr).toContain('in state {"n":2,"seen":[]}');
    noStackOfOurs(r.stderr);
  });

  it("a value outside the schema, naming action, binding, field and value", async () => {
    const r = await runCli(["check", `${fixtures}/specs/faults.ts`, "--spec", "outside", ...noLint]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[outside-schema\].*action "add" with \{"k":2\} returned a state where s\.n = 4/);
  });

  it("a non-deterministic action", async () => {
    const r = await runCli(["check", `${fixtures}/specs/faults.ts`, "--spec", "nondeterministic", ...noLint]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[nondeterministic-action\].*"coin"/);
  });

  it("mutation of the current state, pointing at the assignment", async () => {
    const r = await runCli(["check", `${fixtures}/specs/faults.ts`, "--spec", "mutates", ...noLint]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[state-mutated\]/);
    expect(r.stderr).toMatch(/at test\/fixtures\/specs\/faults\.ts:4\d:\d+/);
  });

  it("an unknown export lists the specs the file has", async () => {
    const r = await runCli(["check", `${fixtures}/specs/lights.ts`, "--spec", "nope", ...fast]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no export "nope"; its specs are: careless, default, safe/);
  });

  it("the --json report of a spec error has result error and the code", async () => {
    const dir = tmp();
    const r = await runCli(["check", `${fixtures}/specs/faults.ts`, "--spec", "throws", "--json", path.join(dir, "e.json"), ...noLint]);
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(path.join(dir, "e.json"), "utf8"));
    expect(report).toMatchObject({ version: 1, result: "error", error: { code: "action-threw" }, stats: null });
  });
});

describe("interleave --help", () => {
  it("lists the commands and the check options with exit codes", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/check \[options\] <file>/);
    const sub = await runCli(["check", "--help"]);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/--max-states <n>/);
    expect(sub.stdout).toMatch(/4 {2}incomplete/);
  });
});

describe("interleave check --no-typecheck on a syntax error", () => {
  it("reports the loader's file:line:column and no frame of Node's internals", async () => {
    const r = await runCli(["check", "test/fixtures/broken/syntax-error.ts", "--no-typecheck", "--no-lint"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[spec-load-failed\]/);
    expect(r.stderr).toMatch(/syntax-error\.ts:8:\d+/);
    expect(r.stderr).not.toMatch(/^\s+at .*(readable|node:)/m);
  });
});
