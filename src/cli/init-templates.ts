/** The files `interleave init` writes, relative to the project directory. */
export interface Template {
  readonly path: string;
  readonly text: string;
}

const SPEC = `import { defineSpec, exists, t } from "interleave-spec";

/**
 * Two workers share a lock: idle → waiting → critical → idle. \`lockSpec(false)\` forgets to take
 * the lock; it is kept as a known-bad variant, and \`expect\` says its violation is the point.
 */
function lockSpec(name: string, useLock: boolean) {
  return defineSpec({
    name,
    state: { pc: t.array(2, t.enum("idle", "waiting", "critical")), locked: t.bool() },
    init: { pc: ["idle", "idle"], locked: false },
    actions: {
      request: (s) => exists(t.int(0, 1), (w) => s.pc[w] === "idle" && { ...s, pc: s.pc.with(w, "waiting") }),
      enter: (s) =>
        exists(t.int(0, 1), (w) => s.pc[w] === "waiting" && (!useLock || !s.locked) && { ...s, pc: s.pc.with(w, "critical"), locked: true }),
      leave: (s) => exists(t.int(0, 1), (w) => s.pc[w] === "critical" && { ...s, pc: s.pc.with(w, "idle"), locked: false }),
    },
    invariants: {
      mutualExclusion: {
        holds: (s) => !(s.pc[0] === "critical" && s.pc[1] === "critical"),
        message: "both workers are in their critical section",
      },
    },
    expect: useLock ? {} : { mutualExclusion: "violated" },
  });
}

export const mutex = lockSpec("mutex", true);
export const noLock = lockSpec("no-lock", false);
export default mutex;
`;

const TEST = (ext: SpecExtension) => `import { describe, expect, it } from "vitest";
import "interleave-spec/vitest";
import { mutex, noLock } from "../specs/lock.${ext === "mts" ? "mjs" : "js"}";

describe("specs/lock", () => {
  it("keeps the workers mutually exclusive in every reachable state", async () => {
    await expect(mutex).toHoldAll();
  });

  it("is not vacuous: a worker does reach its critical section", async () => {
    await expect(mutex).toReach((s) => s.pc.includes("critical"));
  });

  it("without the lock, both workers can be critical at once", async () => {
    await expect(noLock).toViolate("mutualExclusion");
  });
});
`;

const WORKFLOW = (ext: SpecExtension) => `# Checks the specs on every push and pull request. A violated invariant fails the job and is
# annotated at the line that defines it (--reporter github); the JUnit file feeds test reports.
name: interleave
on: [push, pull_request]
jobs:
  specs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      - name: Check specs/lock.${ext} (exhaustive)
        run: npx interleave check specs/lock.${ext} --spec mutex --reporter github --junit reports/lock.xml
      - name: Known-bad variant still fails as declared (exit 0 while it does)
        run: npx interleave check specs/lock.${ext} --spec noLock --reporter github
      - name: Spec tests
        run: npx vitest run
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: interleave-reports
          path: reports/
`;

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "bundler",
    "lib": ["ES2023"],
    "types": [],
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true
  },
  "include": ["specs", "test"]
}
`;

/**
 * How the spec and test files are named: `ts` in an ES module package; `mts` in a CommonJS one
 * (`npm init -y`), where `tsc --init`'s settings (`module: nodenext`, `verbatimModuleSyntax`)
 * refuse `import` syntax in a `.ts` file.
 */
export type SpecExtension = "ts" | "mts";

/** The spec, its vitest test and the CI workflow. */
export function templates(ext: SpecExtension): readonly Template[] {
  return [
    { path: `specs/lock.${ext}`, text: SPEC },
    { path: `test/lock.test.${ext}`, text: TEST(ext) },
    { path: ".github/workflows/interleave.yml", text: WORKFLOW(ext) },
  ];
}

/** Written only when the project has none. */
export const TSCONFIG_TEMPLATE: Template = { path: "tsconfig.json", text: TSCONFIG };
