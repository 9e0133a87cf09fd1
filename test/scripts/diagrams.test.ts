import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { entries, generate } from "../../scripts/diagrams.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const present = entries.filter((e) => existsSync(path.join(root, e.argv[1])));

describe("docs/diagrams", () => {
  it("lists at least the counter", () => {
    expect(present.map((e) => e.out)).toContain("counter.svg");
  });

  it.each(present.map((e) => [e.out, e] as const))("%s is what `npm run diagrams` generates today", async (_, entry) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "interleave-docs-")), entry.out);
    const { code, expected } = await generate(entry, file, root, ["--no-typecheck"]);
    expect(code).toBe(expected);
    const committed = path.join(root, "docs", "diagrams", entry.out);
    expect(existsSync(committed), `${entry.out} is not committed: run npm run diagrams`).toBe(true);
    expect(readFileSync(file, "utf8"), `${entry.out} is stale: run npm run diagrams`).toBe(readFileSync(committed, "utf8"));
  });
});
