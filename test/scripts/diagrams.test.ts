import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { entries } from "../../scripts/diagrams.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const present = entries.filter((e) => existsSync(path.join(root, e.argv[1])));

describe("docs/diagrams", () => {
  it("lists at least the counter", () => {
    expect(present.map((e) => e.out)).toContain("counter.svg");
  });

  it.each(present.map((e) => [e.out, e] as const))("%s is what `npm run diagrams` generates today", async (_, entry) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "interleave-docs-")), entry.out);
    const option = entry.argv[0] === "check" ? "--trace-dot" : "--out";
    const code = await run([...entry.argv, "--no-typecheck", option, file], { stdout: () => {}, stderr: () => {}, cwd: root });
    expect(code).toBe(entry.argv[0] === "check" ? 1 : 0);
    const committed = path.join(root, "docs", "diagrams", entry.out);
    expect(existsSync(committed), `${entry.out} is not committed: run npm run diagrams`).toBe(true);
    expect(readFileSync(file, "utf8"), `${entry.out} is stale: run npm run diagrams`).toBe(readFileSync(committed, "utf8"));
  });
});
