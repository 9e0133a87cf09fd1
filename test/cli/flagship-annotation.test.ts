import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.ts";

describe("the flagship under --reporter github", () => {
  it("annotates the line where noDoubleListDel is defined", async () => {
    const file = "specs/smp-call-function-many.ts";
    const lines = readFileSync(file, "utf8").split("\n");
    const defined = lines.findIndex((l) => /^\s*noDoubleListDel\s*:/.test(l)) + 1;
    expect(defined).toBeGreaterThan(0);
    const r = await runCli(["check", file, "--spec", "original", "--check", "noDoubleListDel", "--reporter", "github", "--no-typecheck"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error file=${file},line=${defined},col=`);
    expect(r.stdout).toMatch(/invariant noDoubleListDel violated/);
  });
});
