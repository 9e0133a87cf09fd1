import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStack } from "./run.ts";
import type { SuperviseOptions } from "../../src/cli/supervisor.ts";
import { supervised, type SupervisedRun } from "./supervise.ts";

const fast = ["--no-typecheck", "--no-lint"];
const hostile = (file: string) => `test/fixtures/hostile/${file}`;

/** A spec error: exit 2, the message on stderr, no stack, no verdict on stdout, a valid error report. */
function expectFault(r: SupervisedRun, code: string, message: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(message);
  expectNoStack(r.stderr);
  expect(r.stdout).not.toMatch(/all properties hold|incomplete|violated/);
  expect(r.report).toEqual(expect.objectContaining({ result: "error", stats: null, error: expect.objectContaining({ code }) }));
}

/** Runs `check` with one worker and with two: both must report the same fault the same way. */
async function bothWorkerCounts(argv: string[], supervise?: SuperviseOptions): Promise<SupervisedRun> {
  const one = await supervised(["check", ...argv, ...fast], { supervise });
  const two = await supervised(["check", ...argv, ...fast, "--workers", "2"], { supervise });
  expect(two.code).toBe(one.code);
  expect(two.stderr).toBe(one.stderr);
  expect(two.report.error).toEqual(one.report.error);
  return one;
}

describe("process.exit in a spec is a spec error naming the place, never a verdict", () => {
  it("in an action (exit 0 would have passed for success)", async () => {
    const r = await bothWorkerCounts([hostile("exits.ts")]);
    expectFault(r, "spec-exited", `error[spec-exited] test/fixtures/hostile/exits.ts: action "inc" called process.exit(0): a spec must not end the process`);
    expect(r.stderr).toContain('  at test/fixtures/hostile/exits.ts:10:30\n  in state {"n":2}\n');
    expect(r.report.error.details.location).toEqual({ file: "test/fixtures/hostile/exits.ts", line: 10, column: 30 });
  });

  it("in an invariant", async () => {
    const r = await bothWorkerCounts([hostile("exits.ts"), "--spec", "inInvariant"]);
    expectFault(r, "spec-exited", `error[spec-exited] test/fixtures/hostile/exits.ts: property "small" called process.exit(0)`);
    expect(r.stderr).toContain('  at test/fixtures/hostile/exits.ts:23:50\n  in state {"n":2}\n');
  });

  it("while the spec is loaded", async () => {
    const r = await bothWorkerCounts([hostile("exits-on-load.ts")]);
    expectFault(r, "spec-exited", "the spec called process.exit(0)");
    expect(r.stderr).toContain("  at test/fixtures/hostile/exits-on-load.ts:4:9");
  });
});

describe("asynchronous mistakes are spec errors, also when they surface after the search", () => {
  it("a rejection at import time that nobody awaits: no '✓ all properties hold' first", async () => {
    const r = await bothWorkerCounts([hostile("rejects-on-load.ts")]);
    expectFault(r, "async-error", "a promise created by the spec was rejected and nothing handled the rejection (actions must be synchronous): the configuration server is unreachable");
    expect(r.stderr).toContain("  at test/fixtures/hostile/rejects-on-load.ts:4:21");
  });

  it("a rejection from work an action started", async () => {
    const r = await bothWorkerCounts([hostile("rejects-later.ts")]);
    expectFault(r, "async-error", "background write failed");
    expect(r.stderr).toContain("  at test/fixtures/hostile/rejects-later.ts:10:64");
  });

  it("a top-level await that never settles (nothing left to wait for)", async () => {
    const r = await bothWorkerCounts([hostile("never-settles.ts")]);
    expectFault(r, "spec-load-failed", "the spec's top-level await never settles");
  });

  it("a top-level await on a timer that keeps the thread alive: the load time limit", async () => {
    const r = await bothWorkerCounts([hostile("slow-load.ts")], { loadTimeoutMs: 1000 });
    expectFault(r, "load-timeout", "error[load-timeout] test/fixtures/hostile/slow-load.ts: the spec's top-level code did not finish within 1 s");
  });
});

describe("what a spec prints cannot corrupt the report", () => {
  for (const workers of ["1", "2"]) {
    it(`its stdout goes to stderr; stdout carries the report and annotations only (--workers ${workers})`, async () => {
      const r = await supervised(["check", hostile("prints.ts"), ...fast, "--reporter", "github", "--workers", workers]);
      expect(r.code).toBe(0);
      // The report's last line is its coverage summary (the CLI always collects coverage).
      expect(r.stdout).toMatch(
        /^interleave check test\/fixtures\/hostile\/prints\.ts — spec "prints"\n✓ prints: all properties hold \(no properties\)\n  3 distinct states · 3 generated · depth 3 · [^\n]*\n  coverage: 1\/1 actions fired · [^\n]*\n$/,
      );
      expect(r.stderr).toContain("::error::a fake annotation from the spec");
      expect(r.stderr).toContain("✓ fake: all properties hold");
      expect(r.stderr).toContain("at n = 2");
    });
  }
});

describe("faults that need a fresh process to reproduce, reported the same with two workers", () => {
  it("an action that is not deterministic, caught while rebuilding the counterexample", async () => {
    // The fixture's nondeterminism is a module-level call counter, and module state is per
    // thread. With two workers, which thread expands which chunk depends on scheduling, so a
    // thread's counter may or may not cross the point where the action changes before the
    // rebuild: the run ends either in this fault or in the (per-thread deterministic) violation
    // — never in a verdict of "holds", and never without a clear message.
    const two = await supervised(["check", hostile("nondeterministic-late.ts"), ...fast, "--workers", "2"]);
    if (two.code === 2) expectFault(two, "nondeterministic-action", "An action (or init) is not deterministic");
    else expect(two.code, two.stderr).toBe(1);
    const r = await supervised(["check", hostile("nondeterministic-late.ts"), ...fast]);
    expectFault(r, "nondeterministic-action", "no action gives the successor the search found there. An action (or init) is not deterministic");
    expect(r.stderr).not.toContain("trace reconstruction");
  });

  it("with --no-typecheck, a syntax error points at the column an editor shows (counted from 1)", async () => {
    const r = await bothWorkerCounts(["test/fixtures/broken/syntax-error.ts"]);
    expectFault(r, "spec-load-failed", `error[spec-load-failed] test/fixtures/broken/syntax-error.ts: syntax error: Expected "}" but found ")"\n  at test/fixtures/broken/syntax-error.ts:8:2`);
  });

  it("graph --out .svg and check --trace-dot .svg render in the main thread (Graphviz's renderer does not run in a worker)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-svg-"));
    const graph = await supervised(["graph", "examples/counter.ts", "--no-typecheck", "--out", path.join(dir, "g.svg")], { json: false });
    expect(graph.code, graph.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "g.svg"), "utf8")).toContain("<svg");
    const trace = await supervised(["check", "test/fixtures/specs/lights.ts", "--spec", "careless", ...fast, "--trace-dot", path.join(dir, "t.svg")]);
    expect(trace.code, trace.stderr).toBe(1);
    expect(readFileSync(path.join(dir, "t.svg"), "utf8")).toContain("<svg");
  });

  it("graph: process.exit in an action (exit 2)", async () => {
    const r = await supervised(["graph", hostile("exits.ts"), "--no-typecheck"], { json: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error[spec-exited] test/fixtures/hostile/exits.ts: action "inc" called process.exit(0)`);
    expect(r.stdout).toBe("");
  });
});
