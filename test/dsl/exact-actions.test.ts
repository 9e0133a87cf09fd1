import path from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";

const project = new Project({ tsConfigFilePath: path.resolve("tsconfig.json"), skipAddingFilesFromTsConfig: true });
let probes = 0;

/** The type errors a user sees for `text` (a spec file next to this test, never written), as `line: message / chain`. */
function typeErrors(text: string): string[] {
  const file = project.createSourceFile(path.resolve(`test/dsl/__exact-actions-probe-${probes++}.ts`), text);
  return project.getPreEmitDiagnostics().filter((d) => d.getSourceFile() === file).map((d) => {
    const chain = d.getMessageText();
    const message = typeof chain === "string" ? chain : flatten(chain.compilerObject);
    return `${d.getLineNumber()}: ${message}`;
  });
}

function flatten(chain: { messageText: string; next?: readonly { messageText: string; next?: unknown }[] }): string {
  return [chain.messageText, ...(chain.next ?? []).map((n) => flatten(n as typeof chain))].join(" / ");
}

/** A spec file whose only action is `action` (lines 1-6 before it). */
const specWith = (action: string) => `import { defineSpec, t } from "../../src/index.ts";
export default defineSpec({
  name: "typo",
  state: { pc: t.enum("idle", "busy"), n: t.int(0, 3) },
  init: { pc: "idle", n: 0 },
  actions: {
${action}
  },
});
`;

describe("the type error for an unknown field in a successor", () => {
  it("is on the field's line and names the field", () => {
    const errors = typeErrors(specWith(`    start: (s) => ({
      ...s,
      pcc: "busy",
    }),`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^9: Type '"busy"' is not assignable to type '"\\"pcc\\" is not a field of the state"'/);
  });

  it("ends its explanation with the field, for a guarded successor", () => {
    const errors = typeErrors(specWith(`    start: (s) => s.pc === "idle" && { ...s, pcc: "busy" },`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^7: /);
    expect(errors[0]).toMatch(/Types of property 'pcc' are incompatible\. \/ Type '"busy"' is not assignable to type '"\\"pcc\\" is not a field of the state"'/);
  });
});
