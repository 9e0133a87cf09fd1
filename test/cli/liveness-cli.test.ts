import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: process.cwd() });
  return { code, stdout, stderr };
}

const mutex = "test/fixtures/liveness/mutex.ts";
const ring = "test/fixtures/liveness/ring.ts";

describe("interleave check with temporal properties", () => {
  it("prints a lasso marked with the cycle start and 'back to state k', exit 1", async () => {
    const r = await cli("check", mutex, "--spec", "weakMutex", "--check", "noStarvation", "--no-typecheck");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("temporal property noStarvation violated");
    expect(r.stdout).toMatch(/⟲ cycle starts here/);
    expect(r.stdout).toMatch(/↻ back to state \d+/);
  });

  it("writes loopStart and stuttering to --json", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-"));
    const out = path.join(dir, "r.json");
    const r = await cli("check", mutex, "--spec", "unfair", "--check", "leaves", "--json", out, "--no-typecheck");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.violation).toMatchObject({ kind: "liveness", property: "leaves", loopStart: 2, stuttering: true });
    expect(report.violation.trace).toHaveLength(3);
    expect(report.warnings.map((w: { kind: string }) => w.kind)).toEqual(["no-fairness"]);
  });

  it("passes under strong fairness, printing witnesses on request", async () => {
    const r = await cli("check", mutex, "--spec", "strongMutex", "--witness", "--no-typecheck");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Witness for bothWaiting (3 states)");
  });

  it("fails a sometimes property no state satisfies", async () => {
    const r = await cli("check", ring, "--set", "n=2", "--check", "atTwo", "--no-typecheck");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("sometimes atTwo never happens");
  });

  it("lists never-fired actions as warnings, and --strict turns them into exit 1", async () => {
    const lax = await cli("check", ring, "--check", "visitsZero", "--no-typecheck");
    expect(lax.code).toBe(0);
    expect(lax.stdout).toContain("⚠ warning: action never never fired");
    const strict = await cli("check", ring, "--check", "visitsZero", "--strict", "--no-typecheck");
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("--strict: 1 vacuity warning (never)");
  });

  const allocator = "test/fixtures/liveness/allocator.ts";

  it("points a temporal property written in properties: (ops) => ({ … }) at its own line (text, --json, --reporter github)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-"));
    const out = path.join(dir, "r.json");
    const r = await cli("check", allocator, "--spec", "allocator", "--check", "everywhere", "--json", out, "--no-typecheck");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("temporal property everywhere violated (test/fixtures/liveness/allocator.ts:38)");
    expect(JSON.parse(readFileSync(out, "utf8")).violation.location).toEqual({ file: allocator, line: 38, column: 5 });
    const gh = await cli("check", allocator, "--spec", "allocator", "--check", "everywhere", "--reporter", "github", "--no-typecheck");
    expect(gh.stdout).toMatch(/^::error file=test\/fixtures\/liveness\/allocator\.ts,line=38,col=5,title=temporal property everywhere violated::/m);
  });

  it("speaks of fairness in a violation only when the spec declares some", async () => {
    const fair = await cli("check", allocator, "--spec", "allocator", "--check", "givesBack", "--no-typecheck");
    expect(fair.stdout).toContain("a fair behaviour violates givesBack");
    expect(fair.stdout).toContain("stutters here forever: no fairness condition forces a step");
    const unfair = await cli("check", allocator, "--spec", "unfair", "--check", "givesBack", "--no-typecheck");
    expect(unfair.code).toBe(1);
    expect(unfair.stdout).toContain("a behaviour violates givesBack");
    expect(unfair.stdout).not.toMatch(/fair behaviour|fairness condition/);
  });
});
