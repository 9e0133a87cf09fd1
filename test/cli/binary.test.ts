import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("the interleave binary", () => {
  it("checks a TypeScript spec with no build step and exits 0", () => {
    const out = execFileSync(process.execPath, ["bin/interleave.js", "check", "examples/counter.ts"], { encoding: "utf8" });
    expect(out).toContain("✓ counter: all properties hold");
  });

  it("exits 1 with the trace for a violation, and 2 with a located message for a throwing action", () => {
    const violation = spawnSync(process.execPath, ["bin/interleave.js", "check", "test/fixtures/specs/lights.ts", "--spec", "careless"], {
      encoding: "utf8",
    });
    expect(violation.status).toBe(1);
    expect(violation.stdout).toContain("Shortest trace (3 states)");
    const fault = spawnSync(
      process.execPath,
      ["bin/interleave.js", "check", "test/fixtures/specs/faults.ts", "--spec", "throws", "--no-typecheck", "--no-lint"],
      { encoding: "utf8" },
    );
    expect(fault.status).toBe(2);
    expect(fault.stderr).toMatch(/at test\/fixtures\/specs\/faults\.ts:14:\d+/);
    expect(fault.stderr.split("\n").filter((l) => /^\s+at /.test(l))).toHaveLength(1);
  });

  it("keeps its exit code and prints no EPIPE stack when its reader closes early (| head -1)", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" bin/interleave.js check test/fixtures/specs/lights.ts --spec careless --no-typecheck | head -c 1 >/dev/null; sleep 0; exit 0`], {
      encoding: "utf8",
    });
    expect(r.stderr).not.toContain("EPIPE");
    const status = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" bin/interleave.js check test/fixtures/specs/lights.ts --spec careless --no-typecheck | head -c 1 >/dev/null`], {
      encoding: "utf8",
    });
    expect(status.status).toBe(1);
    expect(status.stderr).not.toContain("EPIPE");
  }, 30_000);
});
