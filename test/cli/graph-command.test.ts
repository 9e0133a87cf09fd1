import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs the CLI in-process from the repository root, collecting its output. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: root });
  return { code, stdout, stderr };
}

const out = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), "interleave-graph-")), name);

describe("interleave graph", () => {
  it("writes the DOT to stdout, the same bytes on every run, matching the library's golden", async () => {
    const first = await cli("graph", "examples/counter.ts", "--no-typecheck");
    const second = await cli("graph", "examples/counter.ts", "--no-typecheck");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout).toBe(readFileSync(path.join(root, "test/golden/counter.dot"), "utf8"));
    expect(first.stderr).toBe("8 nodes, 13 edges\n");
  });

  it("renders SVG for an .svg target and DOT for a .dot target", async () => {
    const svg = out("counter.svg");
    const r = await cli("graph", "examples/counter.ts", "--no-typecheck", "--view", "mode", "--out", svg);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote .*counter\.svg: 2 nodes, 3 edges/);
    expect(readFileSync(svg, "utf8")).toMatch(/^<\?xml[\s\S]*<svg/);
    const dot = out("mutex.dot");
    const m = await cli("graph", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--out", dot);
    expect(m.code).toBe(0); // the diagram was written, even though it shows a violation
    expect(m.stdout).toContain("invariant mutex violated, counterexample in red");
    expect(readFileSync(dot, "utf8")).toBe(readFileSync(path.join(root, "test/golden/broken-mutex.dot"), "utf8"));
  });

  it("uses the spec's label function and named views, --set and --hide-stutter", async () => {
    const r = await cli("graph", "examples/counter.ts", "--no-typecheck", "--set", "max=5", "--view", "n", "--hide-stutter");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("max = 5");
    expect(r.stderr).toBe("6 nodes, 9 edges\n"); // add k=1: 5 edges, k=2: 4 edges; start/stop loops hidden
    const named = await cli("graph", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--view", "critical");
    expect(named.stdout).toBe(readFileSync(path.join(root, "test/golden/broken-mutex-view-critical.dot"), "utf8"));
    const l = await cli("graph", "test/fixtures/diagram/lock-order.ts", "--no-typecheck");
    expect(l.stdout).toContain('s4 [label="a:t1 b:t2\\nDEADLOCK"');
  });

  it("refuses a graph above --max-nodes with a hint to use a view (exit 3); --max-nodes raises the limit", async () => {
    const r = await cli("graph", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--max-nodes", "10");
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/more than 10 states.*\n.*hint: project onto a few fields with --view/);
    const projected = await cli("graph", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--max-nodes", "10", "--view", "pc.0");
    expect(projected.code).toBe(0);
    const tooFine = await cli("graph", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--max-nodes", "3", "--view", "pc.0");
    expect(tooFine.code).toBe(3);
    expect(tooFine.stderr).toMatch(/projected graph has 4 nodes/);
    const raised = await cli("graph", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--max-nodes", "22");
    expect(raised.code).toBe(0);
  });

  it("exits 3 for usage errors and 2 for spec errors", async () => {
    expect((await cli("graph", "examples/counter.ts", "--no-typecheck", "--view", "nope")).code).toBe(3);
    expect((await cli("graph", "examples/counter.ts", "--no-typecheck", "--view", "n", "--cluster", "mode")).code).toBe(3);
    expect((await cli("graph", "examples/counter.ts", "--no-typecheck", "--out", "x.png")).code).toBe(3);
    expect((await cli("graph", "examples/counter.ts", "--no-typecheck", "--max-nodes", "0")).code).toBe(3);
    expect((await cli("graph", "examples/counter.ts", "--no-typecheck", "--set", "max=99")).code).toBe(3);
    expect((await cli("graph", "examples/counter.ts", "--no-typecheck", "--bogus")).code).toBe(3);
    const missing = await cli("graph", "examples/no-such-spec.ts");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/spec-not-found/);
  });
});

describe("interleave check --trace-dot", () => {
  it("draws the counterexample chain next to the usual verdict (exit 1)", async () => {
    const file = out("trace.dot");
    const r = await cli("check", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--trace-dot", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/counterexample diagram: .*trace\.dot/);
    expect(readFileSync(file, "utf8")).toBe(readFileSync(path.join(root, "test/golden/broken-mutex-trace.dot"), "utf8"));
    const svg = out("trace.svg");
    expect((await cli("check", "test/fixtures/diagram/lock-order.ts", "--no-typecheck", "--trace-dot", svg)).code).toBe(1);
    expect(readFileSync(svg, "utf8")).toMatch(/<svg[\s\S]*DEADLOCK/);
  });

  it("writes nothing when every property holds, and rejects other extensions before checking", async () => {
    const file = out("none.dot");
    const ok = await cli("check", "examples/counter.ts", "--no-typecheck", "--trace-dot", file);
    expect(ok.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(ok.stderr).toContain("no counterexample");
    const bad = await cli("check", "examples/counter.ts", "--no-typecheck", "--trace-dot", "trace.pdf");
    expect(bad.code).toBe(3);
    expect(bad.stdout).toBe("");
  });
});

describe("bin/interleave.js graph (the real binary)", () => {
  it("prints the same DOT as the in-process CLI", async () => {
    const { execFileSync } = await import("node:child_process");
    const stdout = execFileSync(process.execPath, ["bin/interleave.js", "graph", "examples/counter.ts", "--no-typecheck"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(stdout).toBe(readFileSync(path.join(root, "test/golden/counter.dot"), "utf8"));
  });

  it("--quotient draws the library's golden quotient, and shrinks the flagship's program-counter projection from 137 to 76 nodes", async () => {
    const mutex = await cli("graph", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--quotient");
    expect(mutex.code).toBe(0);
    expect(mutex.stdout).toBe(readFileSync(path.join(root, "test/golden/broken-mutex-quotient.dot"), "utf8"));
    const view = ["--spec", "original", "--view", "caller[0].pc,handler[1].pc,handler[2].pc", "--hide-stutter", "--no-typecheck"];
    const plain = await cli("graph", "specs/smp-call-function-many.ts", ...view);
    const minimised = await cli("graph", "specs/smp-call-function-many.ts", ...view, "--quotient");
    expect(plain.stderr).toMatch(/^137 nodes, /);
    expect(minimised.stderr).toMatch(/^76 nodes, /);
    expect(minimised.stdout).toContain("minimised modulo bisimulation over actions: 137 -> 76 nodes");
  });

  it("--quotient without a view chooses one that draws within 80 nodes; --whole refuses on the minimised count; --layout lr", async () => {
    const chosen = await cli("graph", "specs/smp-call-function-many.ts", "--spec", "original", "--no-typecheck", "--quotient");
    expect(chosen.code).toBe(0);
    // The view keeps the fields refsImpliesOnList reads (cfd.refs, cfd.onList), so the red path ends on a violating node.
    expect(chosen.stderr).toMatch(/^78 nodes, .* invariant refsImpliesOnList violated, counterexample in red\n$/);
    expect(chosen.stdout).toContain("view: caller[0].pc, cfd.refs, cfd.onList, cfd.locked, queueLock, foreignLeft, ran[1], ran[2], listFault (1218 states -> 140 nodes)");
    expect(chosen.stdout).toContain("view chosen to draw within 80 nodes (the whole graph has 414 after minimisation");
    const whole = await cli("graph", "specs/smp-call-function-many.ts", "--spec", "original", "--no-typecheck", "--quotient", "--whole");
    // 414: the flagship's 1,218 states (a handler's local `data` keeps the call it read) minimised.
    expect(whole).toMatchObject({ code: 3, stderr: expect.stringContaining("the graph has 414 nodes, too many to read (limit 300)") });
    const lr = await cli("graph", "examples/counter.ts", "--no-typecheck", "--layout", "lr");
    expect(lr.stdout).toContain("rankdir=LR");
    expect((await cli("graph", "examples/counter.ts", "--no-typecheck", "--layout", "up")).code).toBe(3);
  });
});
