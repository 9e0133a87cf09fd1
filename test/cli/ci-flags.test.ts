import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run, type CliIO } from "../../src/cli/main.ts";

const root = path.resolve(new URL("../..", import.meta.url).pathname);
const tmp = mkdtempSync(path.join(tmpdir(), "interleave-ci-"));

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: root };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

describe("check: CI outputs and expected verdicts", () => {
  it("--reporter github annotates the violated invariant's defining line", async () => {
    const r = await cli("check", "test/fixtures/ci/styles.ts", "--spec", "strict", "--reporter", "github", "--no-typecheck");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=test\/fixtures\/ci\/styles\.ts,line=31,col=7,title=invariant belowLimit violated::/m);
    expect(r.stdout).toContain("(test/fixtures/ci/styles.ts:31)");
  });

  it("--json carries violation.location", async () => {
    const out = path.join(tmp, "report.json");
    await cli("check", "test/fixtures/ci/styles.ts", "--spec", "strict", "--json", out, "--no-typecheck");
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.violation.location).toEqual({ file: "test/fixtures/ci/styles.ts", line: 31, column: 7 });
  });

  it("exits 0 when a property fails as the spec expects, 1 when it unexpectedly holds", async () => {
    const bad = await cli("check", "test/fixtures/ci/expected.ts", "--spec", "knownBad", "--no-typecheck");
    expect(bad.code).toBe(0);
    expect(bad.stdout).toContain("expected: belowLimit is declared violated, and it is");
    const fixed = await cli("check", "test/fixtures/ci/expected.ts", "--spec", "fixed", "--no-typecheck");
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toContain("belowLimit holds, but the spec declares it violated");
  });

  it("--expect-violated declares expectations from the command line", async () => {
    const r = await cli("check", "test/fixtures/ci/styles.ts", "--spec", "strict", "--expect-violated", "belowLimit", "--no-typecheck");
    expect(r.code).toBe(0);
    const held = await cli("check", "test/fixtures/ci/styles.ts", "--spec", "loose", "--expect-violated", "belowLimit", "--no-typecheck");
    expect(held.code).toBe(1);
    const unknown = await cli("check", "test/fixtures/ci/styles.ts", "--spec", "loose", "--expect-violated", "nope", "--no-typecheck");
    expect(unknown.code).toBe(3); // a usage error, like an unknown --check name
    expect(unknown.stderr).toContain('--expect-violated: unknown property "nope"; this spec has');
  });

  it("--junit and --itf write their files", async () => {
    const junit = path.join(tmp, "out", "junit.xml");
    const itf = path.join(tmp, "out", "trace.itf.json");
    const r = await cli("check", "test/fixtures/ci/kinds.ts", "--junit", junit, "--itf", itf, "--no-typecheck");
    expect(r.code).toBe(1);
    expect(readFileSync(junit, "utf8")).toContain('<testcase name="countSmall" classname="kinds" file="test/fixtures/ci/kinds.ts" line="30"');
    const trace = JSON.parse(readFileSync(itf, "utf8"));
    expect(trace["#meta"]).toMatchObject({ format: "ITF", source: "test/fixtures/ci/kinds.ts", property: "countSmall" });
    expect(trace.states).toHaveLength(3);
  });

  it("rejects an unknown reporter as a usage error", async () => {
    expect((await cli("check", "examples/counter.ts", "--reporter", "tap")).code).toBe(3);
  });
});

describe("lint before check, and the lint command", () => {
  const spec = path.join(tmp, "random.ts");
  writeFileSync(
    spec,
    `import { defineSpec, t } from "interleave-spec";
export default defineSpec({
  name: "random",
  state: { n: t.int(0, 3) },
  init: { n: 0 },
  actions: {
    roll: (s) => ({ n: Math.floor(Math.random() * 4) }),
  },
  invariants: { ok: (s) => s.n <= 3 },
  deadlock: false,
});
`,
  );

  it("check refuses (exit 2) on a lint error, naming file, line and the rule", async () => {
    const r = await cli("check", spec, "--no-typecheck");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/random\.ts:7:35 {2}error {2}nondeterminism {2}action "roll" calls Math\.random\(\)/);
    expect(r.stderr).toContain("--no-lint");
  });

  it("under --reporter github, lint errors and spec errors are annotations too", async () => {
    const r = await cli("check", spec, "--no-typecheck", "--reporter", "github");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error file=.*random\.ts,line=7,col=35,title=lint nondeterminism::action "roll" calls Math\.random\(\)/m);
    const missing = await cli("check", "test/fixtures/ci/expected.ts", "--spec", "nope", "--no-typecheck", "--reporter", "github");
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/^::error file=test\/fixtures\/ci\/expected\.ts,line=1,col=1,title=spec error export-not-found::/m);
  });

  it("--no-lint skips the gate", async () => {
    const r = await cli("check", spec, "--no-typecheck", "--no-lint");
    expect(r.stderr).not.toContain("nondeterminism");
    expect(r.code).not.toBe(3);
  });

  it("lint prints diagnostics and exits 2 on errors, 0 on a clean file", async () => {
    const bad = await cli("lint", spec);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain(":7:35  error  nondeterminism");
    const clean = await cli("lint", "examples/counter.ts");
    expect(clean).toMatchObject({ code: 0, stdout: "✓ examples/counter.ts: no problems found\n" });
    const json = await cli("lint", spec, "--json");
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ code: "nondeterminism", line: 7, column: 35, severity: "error" });
  });
});
