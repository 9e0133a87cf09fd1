import path from "node:path";
import { describe, expect, it } from "vitest";
import { typecheckSpec } from "../../src/analysis/typecheck.ts";
import { typeErrorsText } from "../../src/cli/load-spec.ts";

const fixture = path.resolve("test/fixtures/broken/missing-field.ts");

describe("typecheckSpec", () => {
  // One program for the assertions below: type-checking loads the compiler (seconds).
  const diagnostics = typecheckSpec(fixture);

  it("reports a missing field with TypeScript's whole chain of reasons, types never truncated", () => {
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({ code: "TS2322", severity: "error", file: fixture, line: 9, column: 17 });
    expect(d.message).toContain("Property 'mode' is missing in type '{ readonly n: number; }'");
    // The enum's six members in full, where a truncating printer writes "... 4 more ...".
    expect(d.message).toContain('"idle" | "busy" | "stopping" | "stopped" | "restarting" | "failed"');
    expect(d.message).not.toMatch(/\.\.\. \d+ more|\.\.\.>/);
  });

  it("keeps every related location, and says what usually fixes it", () => {
    const [d] = diagnostics;
    expect(d.related).toContainEqual({ file: fixture, line: 6, column: 28, message: "'mode' is declared here." });
    expect(d.related!.length).toBeGreaterThanOrEqual(2);
    expect(d.hint).toMatch(/spreads the current state/);
  });

  it("prints each error whole: position, chain, related lines and hint, relative to the working directory", () => {
    const text = typeErrorsText(diagnostics, process.cwd());
    const lines = text.split("\n");
    expect(lines[0]).toBe("1 error in the spec's TypeScript:");
    expect(lines[1]).toMatch(/^ {2}test\/fixtures\/broken\/missing-field\.ts:9:17 TS2322: Type 'false \| \{ readonly n: number; \}' is not assignable/);
    expect(text).toContain("\n    test/fixtures/broken/missing-field.ts:6:28: 'mode' is declared here.");
    expect(text).toMatch(/\n {4}hint: a state gives every field of the schema/);
    expect(text).not.toContain("__interleave");
  });
});
