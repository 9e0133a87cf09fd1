import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { supervisedRunner } from "../../src/cli/supervisor.ts";

// Inside the repository, so that the copy's `import … from "interleave-spec"` resolves.
const dir = mkdtempSync(path.join(process.cwd(), "test/fixtures/hostile/.tmp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("check --watch under supervision", () => {
  it("re-checks the edited spec in the kept thread (loaded afresh), and stops on Ctrl-C", async () => {
    const spec = path.join(dir, "counter.ts");
    copyFileSync("examples/counter.ts", spec);
    const controller = new AbortController();
    const runner = supervisedRunner({ loadTimeoutMs: 5000 });
    let stdout = "";
    let verdicts = 0;
    const code = await run(
      ["check", spec, "--watch", "--no-typecheck", "--no-lint"],
      {
        stdout: (text) => {
          stdout += text;
          if (!text.startsWith("✓")) return;
          verdicts++;
          // First verdict: edit the spec (max 3 → 5); second: stop watching.
          if (verdicts === 1) setTimeout(() => writeFileSync(spec, readFileSync(spec, "utf8").replace("default(3)", "default(5)")), 300);
          else controller.abort();
        },
        stderr: () => {},
        cwd: process.cwd(),
        signal: controller.signal,
      },
      { runner },
    );
    await runner.close?.();
    expect(code).toBe(0);
    expect(stdout).toContain(`spec "counter" (max=3)\n✓ counter: all properties hold (bounded)\n  8 distinct states`);
    expect(stdout).toContain(`spec "counter" (max=5)\n✓ counter: all properties hold (bounded)\n  12 distinct states`);
  }, 60_000);
});
