/**
 * The swarm examples people copy (examples/ci/swarm.yml, the Kubernetes Jobs) run: their
 * `interleave simulate` and `interleave merge` command lines, with the CI's variables filled in
 * and a few behaviours, parse and produce the reports the merge step reads.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.ts";

/** The `npx interleave <command> …` lines of a file, backslash continuations joined. */
function commands(file: string, command: string): string[] {
  const text = readFileSync(file, "utf8").replace(/\\\n\s*/g, "");
  const lines = text.split("\n").filter((l) => l.includes(`npx interleave ${command} `));
  return lines.map((l) => l.slice(l.indexOf("npx interleave") + "npx interleave ".length).trim());
}

/** Fills in the CI's variables and sends the reports to `dir`; fewer behaviours and a small bit array, to keep it quick. */
function fill(line: string, vars: Record<string, string>, dir: string): string[] {
  const filled = Object.entries(vars).reduce((s, [k, v]) => s.split(k).join(v), line);
  const out = filled.split(/\s+/).map((w) => w.replace(/"/g, "").replace(/^\/?reports\//, `${dir}/`));
  const set = (flag: string, value: string) => out.splice(out.indexOf(flag) + 1, 1, value);
  if (out.includes("--behaviours")) set("--behaviours", "3");
  if (out.includes("--bitstate")) set("--bitstate", "64K");
  return [...out, ...(out[0] === "simulate" ? ["--no-typecheck", "--no-lint"] : [])];
}

describe("the swarm examples in examples/ci", () => {
  it.each([
    [
      "the GitHub Actions workflow",
      ["examples/ci/swarm.yml", "examples/ci/swarm.yml"],
      (i: number) => ({ "${{ matrix.shard }}": String(i), "${{ matrix.count }}": "2", "${{ github.run_number }}": "7", "${{ inputs.behaviours || '20000' }}": "20000" }),
    ],
    [
      "the Kubernetes Indexed Job and the merge Job",
      ["examples/ci/swarm-job.yaml", "examples/ci/swarm-merge-job.yaml"],
      (i: number) => ({ "$shard": String(i), "$SHARDS": "2", "$SEED": "7" }),
    ],
  ])("%s: its shards' commands write the reports its merge command reads", { timeout: 120_000 }, async (_name, [shardFile, mergeFile], vars) => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-swarm-example-"));
    const [simulate] = commands(shardFile, "simulate");
    const [merge] = commands(mergeFile, "merge");
    expect(simulate).toBeDefined();
    expect(merge).toBeDefined();
    for (const i of [1, 2]) {
      const r = await runCli(fill(simulate, vars(i), dir));
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(4); // upstreamFix: no violation to find
      expect(r.stdout).toContain(`seed 7, shard ${i}/2`);
    }
    const m = await runCli(fill(merge, {}, dir).map((w) => (w.endsWith("shard-*.json") ? [1, 2].map((i) => w.replace("*", String(i))) : [w])).flat());
    expect(m.code).toBe(4);
    expect(m.stdout).toContain("no violation found in 6 behaviours of 2 shards");
    expect(readFileSync(path.join(dir, "coverage.md"), "utf8")).toContain("## Actions");
    expect(JSON.parse(readFileSync(path.join(dir, "merged.json"), "utf8")).shards).toHaveLength(2);
  });
});
