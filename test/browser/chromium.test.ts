import { describe, expect, it } from "vitest";
import { skipBrowserTests } from "./chromium.ts";

describe("browser test gating", () => {
  it("skips only outside CI when Chromium is missing; under CI a missing Chromium fails the tests", () => {
    expect(skipBrowserTests(false, {})).toBe(true);
    expect(skipBrowserTests(false, { CI: "true" })).toBe(false);
    expect(skipBrowserTests(true, {})).toBe(false);
    expect(skipBrowserTests(true, { CI: "true" })).toBe(false);
  });
});
