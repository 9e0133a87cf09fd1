import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintSpecFile } from "../../src/analysis/lint.ts";

const dir = mkdtempSync(path.join(tmpdir(), "interleave-process-lint-"));
let count = 0;

/** Lints a spec with one shared field `n`, the given process types and optional actions. */
function lint(processes: string, actions = "") {
  const file = path.join(dir, `spec${count++}.ts`);
  const text = `import { defineSpec, exists, t } from "interleave-spec";
export default defineSpec({
  name: "processes",
  state: { n: t.int(0, 3) },
  init: { n: 0 },
  processes: ({ process }) => ({
${processes}
  }),
  actions: {
${actions}
  },
  invariants: { small: (s) => s.n <= 3 },
});
`;
  writeFileSync(file, text);
  const lineOf = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
  const diagnostics = lintSpecFile(file);
  return { diagnostics, lineOf, of: (code: string) => diagnostics.filter((d) => d.code === code) };
}

const worker = `    worker: process({
      ids: t.int(1, 2),
      locals: { tmp: t.int(0, 3) },
      init: { tmp: 0 },
      steps: {
        read: (s) => ({ ...s, tmp: s.n }),
        write: (s) => s.tmp < 3 && { ...s, n: s.tmp + 1 },
        check: (s) => (s.n === 3 ? { ...s, goto: "Done" } : { ...s, goto: "read" }),
      },
    }),`;

describe("lint rules for processes", () => {
  it("accepts a clean process spec (steps count as writers and readers of the shared fields)", () => {
    expect(lint(worker).diagnostics).toEqual([]);
  });

  it("runs the action rules on steps too: mutating the view is an error", () => {
    const { of, lineOf } = lint(`    p: process({ ids: t.int(1, 1), steps: { bad: (s) => { s.n = 1; return s; } } }),`);
    expect(of("state-mutation").map((d) => d.line)).toEqual([lineOf("bad:")]);
    expect(of("state-mutation")[0].message).toContain("step p.bad");
  });

  describe("process-state-write", () => {
    it("warns for a step writing another process type's local, and an action writing a process's state", () => {
      const { of, lineOf } = lint(
        `${worker}
    meddler: process({
      ids: t.int(0, 0),
      steps: { poke: (s) => ({ ...s, tmp: 2 }) },
    }),`,
        `    reset: (s) => ({ ...s, worker: { 1: { pc: "read", tmp: 0 }, 2: { pc: "read", tmp: 0 } } }),`,
      );
      const found = of("process-state-write");
      expect(found.map((d) => d.line)).toEqual([lineOf("poke:"), lineOf("reset:")]);
      expect(found.every((d) => d.severity === "warning")).toBe(true);
      expect(found[0].message).toMatch(/step meddler\.poke writes tmp, a local of process worker/);
      expect(found[1].message).toMatch(/action "reset" writes worker, the program counters and locals of process worker/);
    });

    it("says nothing when two process types each have a local of the same name", () => {
      const { of } = lint(`${worker}
    other: process({ ids: t.int(0, 0), locals: { tmp: t.int(0, 3) }, init: { tmp: 0 }, steps: { own: (s) => ({ ...s, tmp: 1 }) } }),`);
      expect(of("process-state-write")).toEqual([]);
    });
  });

  describe("unreached-label", () => {
    it("warns for a label that the step before always jumps over and no goto names", () => {
      const { of, lineOf } = lint(`    p: process({
      ids: t.int(1, 2),
      steps: {
        start: (s) => ({ ...s, goto: "finish" }),
        orphan: (s) => ({ ...s, n: 1 }),
        finish: (s) => ({ ...s, n: 2 }),
      },
    }),`);
      expect(of("unreached-label").map((d) => d.line)).toEqual([lineOf("orphan:")]);
      expect(of("unreached-label")[0].message).toMatch(/label p\.orphan is never reached/);
    });

    it("follows conditional jumps, awaits, either arrays, exists and forever loops", () => {
      const { of } = lint(`    p: process({
      ids: t.int(1, 2),
      forever: true,
      steps: {
        a: (s) => s.n < 3,
        b: (s) => [{ ...s, goto: "d" }, { ...s, goto: s.n > 1 ? "c" : "a" }],
        c: (s) => exists(t.int(0, 3), (k) => ({ ...s, n: k, goto: "a" })),
        d: (s) => ({ ...s, n: 0 }),
      },
    }),`);
      expect(of("unreached-label")).toEqual([]);
    });

    it("says nothing about a process whose step outcomes it cannot follow (a helper builds them)", () => {
      const { of } = lint(`    p: process({
      ids: t.int(1, 2),
      steps: {
        start: (s) => jump(s),
        maybeOrphan: (s) => ({ ...s, n: 1 }),
      },
    }),`);
      expect(of("unreached-label")).toEqual([]);
    });
  });

  describe("step-never-enabled", () => {
    it("warns for a step whose every outcome is false, null or undefined", () => {
      const { of, lineOf } = lint(`    p: process({
      ids: t.int(1, 2),
      steps: {
        go: (s) => ({ ...s, n: 1 }),
        stuck: (s) => { if (s.n > 0) return false; return null; },
        never: () => false,
      },
    }),`);
      expect(of("step-never-enabled").map((d) => d.line)).toEqual([lineOf("stuck:"), lineOf("never:")]);
      expect(of("step-never-enabled")[0].message).toMatch(/step p\.stuck can never be enabled/);
    });

    it("leaves guards alone: an await that may hold, a guarded outcome", () => {
      const { of } = lint(`    p: process({
      ids: t.int(1, 2),
      steps: {
        wait: (s) => s.n > 0,
        guarded: (s) => s.n < 3 && { ...s, n: s.n + 1 },
      },
    }),`);
      expect(of("step-never-enabled")).toEqual([]);
    });
  });
});
