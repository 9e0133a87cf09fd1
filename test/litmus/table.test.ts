import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { litmusTable } from "../../litmus/table.ts";

describe("README litmus table", () => {
  it("is the table generated from the corpus's pinned outcome sets", () => {
    const readme = readFileSync("README.md", "utf8");
    const start = readme.indexOf("\n", readme.indexOf("<!-- litmus-table:start")) + 1;
    const end = readme.indexOf("<!-- litmus-table:end -->");
    expect(readme.slice(start, end).trim()).toBe(litmusTable());
  });
});
