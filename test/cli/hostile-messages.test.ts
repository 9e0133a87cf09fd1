import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStack, runCli } from "./run.ts";

const fast = ["--no-typecheck", "--no-lint"];
const hostile = (file: string) => `test/fixtures/hostile/${file}`;

/**
 * Runs `check` with one worker and with two, each writing `--json`; both must exit `code` with
 * the same stderr and the same error report, and no stack trace. Returns the one-worker run.
 */
async function sameWithTwoWorkers(args: string[], code: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "interleave-hostile-"));
  const runs = [];
  for (const workers of ["1", "2"]) {
    const json = path.join(dir, `w${workers}.json`);
    const r = await runCli(["check", ...args, ...fast, "--workers", workers, "--json", json]);
    expect(r.code, r.stderr).toBe(code);
    expectNoStack(r.stderr);
    runs.push({ ...r, report: JSON.parse(readFileSync(json, "utf8")) });
  }
  expect(runs[1].stderr).toBe(runs[0].stderr);
  expect({ ...runs[1].report, stats: null }).toEqual({ ...runs[0].report, stats: null });
  return runs[0];
}

describe("values a spec should not produce are shown as written, the same with two workers", () => {
  it("a bigint in a successor is shown as 1n", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-values.ts"), "--spec", "bigint"], 2);
    expect(r.stderr).toContain(`error[outside-schema] test/fixtures/hostile/bad-values.ts: action "inc" returned a state where s.n = 1n, outside the schema`);
    expect(r.report.error.code).toBe("outside-schema");
  });

  it("a value containing itself is shown with [Circular]", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-values.ts"), "--spec", "cycle"], 2);
    expect(r.stderr).toContain(`s.n = {"self":[Circular]}, outside the schema`);
  });

  it("a getter that throws in a returned state names the action and the getter's line", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-values.ts"), "--spec", "getter"], 2);
    expect(r.stderr).toContain(`error[action-threw] test/fixtures/hostile/bad-values.ts: action "inc" returned a state that throws when read (a getter?): n is not ready`);
    expect(r.stderr).toContain("  at test/fixtures/hostile/bad-values.ts:19:17");
    expect(r.report.error.details.location).toEqual({ file: "test/fixtures/hostile/bad-values.ts", line: 19, column: 17 });
  });

  it("a getter that throws in an initial state names init", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-values.ts"), "--spec", "initGetter"], 2);
    expect(r.stderr).toContain(`error[init-threw] test/fixtures/hostile/bad-values.ts: init returned a state that throws when read (a getter?): n is not configured`);
    expect(r.stderr).toContain("  at test/fixtures/hostile/bad-values.ts:30:13");
  });

  it("a map keyed by \"__proto__\" is refused at compile time naming the field (no raw EncodeError)", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-values.ts"), "--spec", "protoKey"], 2);
    expect(r.stderr).toContain(`error[invalid-spec] test/fixtures/hostile/bad-values.ts: the state schema cannot be used: field s.m: key "__proto__" cannot be used`);
    expect(r.stderr).not.toContain("EncodeError");
  });
});

describe("whatever an action throws, the reporter survives and names the action", () => {
  it("an Error whose message getter throws", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-throws.ts"), "--spec", "messageGetter"], 2);
    expect(r.stderr).toContain(`action "inc" threw: Sneaky (its message cannot be read: reading it threw: no message for you)`);
  });

  it("an object without a prototype", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-throws.ts"), "--spec", "nullProto"], 2);
    expect(r.stderr).toContain(`action "inc" threw: {} (thrown, not an Error)`);
  });

  it("a bigint", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-throws.ts"), "--spec", "bigintThrow"], 2);
    expect(r.stderr).toContain(`action "inc" threw: 42n (thrown, not an Error)`);
  });

  it("a plain Error keeps the spec line with two workers", async () => {
    const r = await sameWithTwoWorkers(["test/fixtures/specs/faults.ts", "--spec", "throws"], 2);
    expect(r.stderr).toContain("  at test/fixtures/specs/faults.ts:14:28");
  });
});

describe("unclear messages, made clear", () => {
  it("an invalid deadlock value says what deadlock may be", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-definitions.ts"), "--spec", "deadlockValue"], 2);
    expect(r.stderr).toContain(
      `error[invalid-spec] test/fixtures/hostile/bad-definitions.ts: deadlock must be true, false or { terminal: (s, params) => boolean }, not {"terminal":true}`,
    );
    expect(r.stderr).not.toContain("is not a function");
  });

  it("an unusable domain in the schema names its field", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-definitions.ts"), "--spec", "badField"], 2);
    expect(r.stderr).toContain("the state schema cannot be used: field s.pos.y: int domain 5..2 is empty");
  });

  it("--set on a parameter that is not a domain blames the spec, not the name", async () => {
    const r = await sameWithTwoWorkers([hostile("bad-definitions.ts"), "--spec", "badParam", "--set", "max=2"], 2);
    expect(r.stderr).toContain(`error[invalid-spec] test/fixtures/hostile/bad-definitions.ts: parameter "max" is 3, not a domain`);
    expect(r.stderr).not.toContain("no parameter");
  });

  it("--set on an inherited name (toString) is an unknown parameter", async () => {
    const r = await runCli(["check", hostile("bad-definitions.ts"), "--spec", "badParam", ...fast, "--set", "toString=1"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`--set toString: the spec has no parameter "toString"; its parameters are max`);
  });

  it("a spec path containing parentheses keeps the spec line", async () => {
    const r = await sameWithTwoWorkers([hostile("odd (path)/throws.ts")], 2);
    expect(r.stderr).toContain("  at test/fixtures/hostile/odd (path)/throws.ts:10:28");
  });
});

