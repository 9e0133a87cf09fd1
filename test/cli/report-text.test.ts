import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run.ts";

describe("check's text report when every property is decided", () => {
  it("announces each further search, so its 'all properties hold' does not contradict the violation above", async () => {
    const junit = path.join(mkdtempSync(path.join(tmpdir(), "interleave-report-")), "r.xml");
    const r = await runCli(["check", "test/fixtures/specs/lights.ts", "--spec", "careless", "--no-typecheck", "--junit", junit]);
    expect(r.code).toBe(1);
    const violated = r.stdout.indexOf("✗ careless: invariant notBothGreen violated");
    const again = r.stdout.indexOf("… searching again with notBothGreen set aside:\n✓ careless: all properties hold (deadlock)");
    expect(violated).toBeGreaterThan(0);
    expect(again).toBeGreaterThan(violated);
  });

  it("a single run prints no such line", async () => {
    const r = await runCli(["check", "test/fixtures/specs/lights.ts", "--spec", "careless", "--no-typecheck"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("searching again");
  });
});
