import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.ts";

/**
 * A counterexample of a spec with processes, in the three outputs of one `check`: the text
 * trace, `--json` and `--trace-dot`. Each step is told in the program's terms (process
 * instance, label, statement, source line), and the step numbers are the same in all three.
 */
describe("check on a spec with processes: text, --json and --trace-dot agree", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "interleave-process-trace-"));
  const json = path.join(dir, "report.json");
  const dot = path.join(dir, "trace.dot");
  const { code, stdout } = await runCli(["check", "examples/lost-update.ts", "--no-typecheck", "--json", json, "--trace-dot", dot]);

  it("exits 1 with the lost update", () => {
    expect(code).toBe(1);
  });

  it("prints each step as process instance · label, its source line, then its statement", () => {
    expect(stdout).toContain("  3. worker[2] · read  (examples/lost-update.ts:15)\n       ▸ tmp = counter;\n       worker[2].pc = \"write\"\n");
    expect(stdout).toContain("  5. worker[2] · write  (examples/lost-update.ts:16)\n       ▸ counter = tmp + 1;\n");
  });

  it("carries step, process, label, code and location per step in --json", () => {
    const report = JSON.parse(readFileSync(json, "utf8"));
    const trace = report.violation.trace;
    expect(trace.map((s: { step: number }) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(trace[0]).not.toHaveProperty("process");
    expect(trace[2]).toMatchObject({
      step: 3,
      action: "worker.read",
      params: { self: 2 },
      process: { name: "worker", id: 2 },
      label: "read",
      code: "tmp = counter;",
      location: { file: "examples/lost-update.ts", line: 15 },
    });
  });

  it("draws one Graphviz cluster per process instance plus the shared state, each step in its process's lane with the text's number", () => {
    const text = readFileSync(dot, "utf8");
    const clusters = [...text.matchAll(/subgraph (cluster_\d+) \{\n {4}graph \[label="([^"]+)"/g)].map((m) => m[2]);
    expect(clusters).toEqual(["worker[1]", "worker[2]", "shared state"]);
    // Step k of the text trace is #k in its process's lane (cluster c) on row k-1.
    const steps = [...stdout.matchAll(/^ {2}(\d+)\. worker\[(\d)\] · (\w+)/gm)].map((m) => ({ k: Number(m[1]), lane: Number(m[2]) - 1, label: m[3] }));
    expect(steps.map((s) => s.k)).toEqual([2, 3, 4, 5]);
    for (const { k, lane, label } of steps) expect(text).toContain(`c${lane}_r${k - 1} [label="#${k} ${label}\\n`);
    // The shared field the 4th step changed sits in the side column on the same row.
    expect(text).toContain('c2_r3 [label="#4\\ncounter = 1"');
    expect(text).toContain('{ rank=same; c0_r3; c1_r3; c2_r3; }');
  });
});
