import { describe, expect, it } from "vitest";
import { expectNoStack } from "./run.ts";
import { supervised, type SupervisedRun } from "./supervise.ts";

const fast = ["--no-typecheck", "--no-lint"];
const hostile = (file: string) => `test/fixtures/hostile/${file}`;
const WORKERS = ["1", "2"] as const;

/** An incomplete run: exit 4, the verdict line, a valid --json report with partial statistics. */
function expectIncomplete(r: SupervisedRun, stoppedBy: string): void {
  expect(r.code, r.stderr).toBe(4);
  expectNoStack(r.stderr);
  expect(r.report.result).toBe("incomplete");
  expect(r.report.stoppedBy).toBe(stoppedBy);
  expect(r.report.stats).toEqual(expect.objectContaining({ distinctStates: expect.any(Number), statesGenerated: expect.any(Number) }));
}

describe("--timeout stops the search within a second whatever the spec does (exit 4, partial statistics)", () => {
  for (const workers of WORKERS) {
    it(`an action in an infinite loop (--workers ${workers})`, async () => {
      const r = await supervised(["check", hostile("infinite-loop.ts"), ...fast, "--workers", workers, "--timeout", "1"]);
      expectIncomplete(r, "timeout");
      expect(r.stdout).toContain("… infinite-loop: incomplete — the time limit (--timeout) was reached");
      if (workers === "1") {
        expect(r.stdout).toContain(`(stopped inside action "inc", which did not return; the statistics are those of that moment)`);
        expect(r.report.stats.distinctStates).toBe(4); // n = 0..3 stored; the loop runs on n = 3
      }
      expect(r.stderr).toContain("time limit reached: stopping the search\n");
      expect(r.stopMs).toBeLessThan(1000);
    });

    it(`an action returning ten million successors (--workers ${workers})`, async () => {
      const r = await supervised(["check", hostile("huge-successors.ts"), ...fast, "--workers", workers, "--timeout", "1"]);
      expectIncomplete(r, "timeout");
      expect(r.stopMs).toBeLessThan(1000);
    });

    it(`an exists over two billion values (--workers ${workers})`, async () => {
      const r = await supervised(["check", hostile("huge-domain.ts"), ...fast, "--workers", workers, "--timeout", "1"]);
      expectIncomplete(r, "timeout");
      expect(r.stopMs).toBeLessThan(1000);
    });

    it(`init: { where } over 100^8 candidates, with progress (--workers ${workers})`, async () => {
      const r = await supervised(["check", hostile("slow-init.ts"), ...fast, "--workers", workers, "--timeout", "1.5"], { supervise: { progressIntervalMs: 400 } });
      expectIncomplete(r, "timeout");
      expect(r.stdout).toContain("(stopped while computing the initial states; the statistics are those of that moment)");
      expect(r.stderr).toMatch(/ … computing the initial states: 0 so far, \d s\n/);
    });
  }

  for (const [spec, inside] of [["invariant", `invariant "bounded"`], ["constraint", "the constraint"]]) {
    it(`${inside} in an infinite loop is named, not the action whose successor it judges`, async () => {
      const r = await supervised(["check", hostile("endless-predicates.ts"), "--spec", spec, ...fast, "--timeout", "1"], { supervise: { progressIntervalMs: 300 } });
      expectIncomplete(r, "timeout");
      expect(r.stdout).toContain(`(stopped inside ${inside}, which did not return; the statistics are those of that moment)`);
      expect(r.stderr).toMatch(new RegExp(`no new state for \\d s: ${inside} is still running on one state`));
      expect(r.stopMs).toBeLessThan(1000);
    });
  }

  it("a search that returns between states stops cooperatively, with exact statistics and no note", async () => {
    const r = await supervised(["check", "examples/scalable.ts", ...fast, "--set", "n=7", "--timeout", "1"]);
    expectIncomplete(r, "timeout");
    expect(r.stdout).not.toContain("stopped inside");
    expect(r.report.stats.distinctStates).toBeGreaterThan(1000);
    expect(r.report.stats.queue).toBeGreaterThan(0);
  });
});

describe("Ctrl-C stops the search within a second whatever the spec does (exit 4)", () => {
  for (const workers of WORKERS) {
    it(`in an infinite loop (--workers ${workers})`, async () => {
      const r = await supervised(["check", hostile("infinite-loop.ts"), ...fast, "--workers", workers], { abortOn: "looping forever" });
      expectIncomplete(r, "interrupted");
      expect(r.stdout).toContain("incomplete — the search was interrupted");
      if (workers === "1") expect(r.stdout).toContain(`(stopped inside action "inc", which did not return`);
      expect(r.stopMs).toBeLessThan(1000);
    });
  }

  it("graph: interrupted in an infinite loop, no diagram written (exit 4)", async () => {
    const r = await supervised(["graph", hostile("infinite-loop.ts"), "--no-typecheck"], { abortOn: "looping forever", json: false });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("interrupted: no diagram written");
    expect(r.stopMs).toBeLessThan(1000);
  });
});

describe("the memory guard stops the search before the heap is exhausted (exit 4, stoppedBy memory, a hint)", () => {
  for (const workers of WORKERS) {
    it(`a spec that fills the heap step by step (--workers ${workers})`, async () => {
      const r = await supervised(["check", hostile("leaks.ts"), ...fast, "--workers", workers], { supervise: { heapLimitMb: 128 } });
      expectIncomplete(r, "memory");
      expect(r.stdout).toContain("incomplete — memory ran low and the memory guard stopped the search");
      expect(r.stderr).toContain("hint: the search does not fit in memory: bound it (--max-states, --max-depth");
      expect(r.stderr).toContain("NODE_OPTIONS=--max-old-space-size=");
      expect(r.report.stats.distinctStates).toBeGreaterThan(100);
    });

    it(`an action that allocates without end hits the heap limit: no V8 fatal error (--workers ${workers})`, async () => {
      const r = await supervised(["check", hostile("memory-hog.ts"), ...fast, "--workers", workers], { supervise: { heapLimitMb: 128 } });
      expectIncomplete(r, "memory");
      expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory|Native stack/);
      expect(r.stderr).toContain("hint: the search does not fit in memory");
    });
  }
});

describe("simulate runs the spec in the supervised thread too: --timeout and Ctrl-C stop it within a second (exit 4)", () => {
  it("--timeout: an action in an infinite loop", async () => {
    const r = await supervised(["simulate", hostile("infinite-loop.ts"), ...fast, "--seed", "1", "--timeout", "1"]);
    expectIncomplete(r, "timeout");
    expect(r.stdout).toContain("… infinite-loop: incomplete — the time limit (--timeout) was reached");
    expect(r.stdout).toContain(`(stopped inside action "inc", which did not return`);
    expect(r.stderr).toContain("time limit reached: stopping the search\n");
    expect(r.stopMs).toBeLessThan(1000);
  });

  it("Ctrl-C: an action in an infinite loop", async () => {
    const r = await supervised(["simulate", hostile("infinite-loop.ts"), ...fast, "--seed", "1"], { abortOn: "looping forever" });
    expectIncomplete(r, "interrupted");
    expect(r.stdout).toContain("incomplete — the search was interrupted");
    expect(r.stopMs).toBeLessThan(1000);
  });

  it("--timeout: a simulation that returns between states stops cooperatively, between its steps, with no note", async () => {
    const r = await supervised(["simulate", "examples/scalable.ts", ...fast, "--set", "n=7", "--seed", "1", "--behaviours", "100000000", "--timeout", "1"]);
    expectIncomplete(r, "timeout");
    expect(r.stdout).not.toContain("stopped inside");
    expect(r.report.simulation.behaviours).toBeGreaterThan(0);
    expect(r.report.simulation.behaviours).toBeLessThan(100000000);
  });
});
