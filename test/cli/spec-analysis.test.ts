import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SpecAnalysis } from "../../src/cli/spec-analysis.ts";

const SPEC = `import { defineSpec, t } from "interleave-spec";
export const roll = defineSpec({
  name: "roll",
  state: { n: t.int(0, 6) },
  init: { n: 0 },
  actions: {
    roll: (s) => ({ n: Math.floor(Math.random() * 6) }),
  },
  invariants: { small: (s) => s.n < 6 },
});
`;

function project(text = SPEC): { file: string; cache: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "interleave-analysis-"));
  const file = path.join(dir, "roll.ts");
  writeFileSync(file, text);
  return { file, cache: path.join(dir, "cache") };
}

describe("SpecAnalysis (the lint gate and locations check runs besides the search)", () => {
  it("finds the fast lint rules' errors and every member's line", async () => {
    const { file } = project();
    const analysis = await SpecAnalysis.run(file, { lint: true, cacheDir: null });
    expect(analysis.lint().map((d) => [d.code, d.line, d.file])).toEqual([["nondeterminism", 7, file]]);
    const at = analysis.locations("roll", "roll.ts");
    expect(at.actions.get("roll")).toEqual({ file: "roll.ts", line: 7, column: 5 });
    expect(at.invariants.get("small")).toEqual({ file: "roll.ts", line: 9, column: 17 });
  });

  it("caches by the file's text: the second run reads the entry, an edit misses it", async () => {
    const { file, cache } = project();
    await SpecAnalysis.run(file, { lint: true, cacheDir: cache });
    const entries = readdirSync(cache);
    expect(entries).toHaveLength(1);
    // Doctor the entry: a run that returns the doctored finding read it instead of re-analysing.
    const entryFile = path.join(cache, entries[0]);
    const entry = JSON.parse(readFileSync(entryFile, "utf8"));
    entry.lint[0].message = "from the cache";
    writeFileSync(entryFile, JSON.stringify(entry));
    const again = await SpecAnalysis.run(file, { lint: true, cacheDir: cache });
    expect(again.lint()[0].message).toBe("from the cache");
    expect(again.locations("roll", "x.ts").invariants.get("small")).toEqual({ file: "x.ts", line: 9, column: 17 });

    writeFileSync(file, SPEC.replace("Math.floor(Math.random() * 6)", "(s.n + 1) % 6"));
    const edited = await SpecAnalysis.run(file, { lint: true, cacheDir: cache });
    expect(edited.lint()).toEqual([]);
    expect(readdirSync(cache)).toHaveLength(2);
  });

  it("never trusts a corrupt entry, and recomputes lint when an entry was made without it", async () => {
    const { file, cache } = project();
    await SpecAnalysis.run(file, { lint: false, cacheDir: cache });
    const [entry] = readdirSync(cache);
    expect(JSON.parse(readFileSync(path.join(cache, entry), "utf8")).lint).toBeUndefined();
    expect((await SpecAnalysis.run(file, { lint: true, cacheDir: cache })).lint()).toHaveLength(1);
    writeFileSync(path.join(cache, entry), "{ not json");
    expect((await SpecAnalysis.run(file, { lint: true, cacheDir: cache })).lint()).toHaveLength(1);
    writeFileSync(path.join(cache, entry), JSON.stringify({ lint: "nope", locations: {} }));
    expect((await SpecAnalysis.run(file, { lint: true, cacheDir: cache })).lint()).toHaveLength(1);
  });

  it("a missing file has nothing to report (the loader says it is missing)", async () => {
    const analysis = await SpecAnalysis.run("/nonexistent/spec.ts", { lint: true, cacheDir: null });
    expect(analysis.lint()).toEqual([]);
    expect(analysis.locations("x", "x.ts").actions.size).toBe(0);
  });
});
