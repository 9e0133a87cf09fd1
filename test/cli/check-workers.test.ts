import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";

const cwd = fileURLToPath(new URL("../..", import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await run(["check", ...argv], { stdout: (t) => (out += t), stderr: () => {}, cwd });
  return { code, out };
}

describe("interleave check --workers", () => {
  it("reports the same counts with two worker threads as with one, and the collision probability", async () => {
    const args = ["examples/scalable.ts", "--set", "n=3", "--set", "k=2", "--no-typecheck"];
    const one = await cli(...args);
    const two = await cli(...args, "--workers", "2");
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const counts = (s: string) => s.match(/[\d,]+ distinct states · [\d,]+ generated · depth \d+/)?.[0];
    expect(counts(one.out)).toBe("160 distinct states · 385 generated · depth 14");
    expect(counts(two.out)).toBe(counts(one.out));
    expect(two.out).toMatch(/fingerprint collision probability \d\.\de-\d+/);
  });

  it("rejects a non-positive worker count as a usage error", async () => {
    expect((await cli("examples/scalable.ts", "--workers", "0", "--no-typecheck")).code).toBe(3);
  });
});
