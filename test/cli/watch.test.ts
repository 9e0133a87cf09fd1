import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { watchCheck } from "../../src/cli/watch.ts";

describe("watchCheck", () => {
  it("re-runs when the spec or a file it imports is saved, and stops on abort", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-watch-"));
    const spec = path.join(dir, "spec.ts");
    const dep = path.join(dir, "limits.ts");
    const other = path.join(dir, "unrelated.ts");
    writeFileSync(spec, 'import { LIMIT } from "./limits.ts";\nexport default LIMIT;\n');
    writeFileSync(dep, "export const LIMIT = 1;\n");
    writeFileSync(other, "export {};\n");
    const controller = new AbortController();
    let out = "";
    const runs: boolean[] = [];
    const started: number[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const step = async (rerun: boolean) => {
      runs.push(rerun);
      started.push(performance.now());
      // Let the watcher arm itself, then make the next change.
      setTimeout(() => {
        if (runs.length === 1) writeFileSync(other, "export const x = 1;\n"); // not imported: ignored
        if (runs.length === 1) setTimeout(() => writeFileSync(dep, "export const LIMIT = 2;\n"), 150);
        if (runs.length === 2) writeFileSync(spec, 'import { LIMIT } from "./limits.ts";\nexport default LIMIT + 1;\n');
        if (runs.length === 3) done();
      }, 100);
      return runs.length;
    };
    const result = watchCheck(spec, { stdout: (s) => void (out += s), stderr: () => {}, cwd: dir, signal: controller.signal }, (_onImport, rerun) => step(rerun), {
      debounceMs: 20,
    });
    await finished;
    controller.abort();
    expect(await result).toBe(3);
    expect(runs).toEqual([false, true, true]);
    expect(out.split("\x1b[2J").length - 1).toBe(3);
    // Each re-run starts well within a second of the save that caused it.
    expect(started[2] - started[1]).toBeLessThan(1000);
  });
});
