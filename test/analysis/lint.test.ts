import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/analysis/diagnostic.ts";
import { lintSpecFile, type LintCode } from "../../src/analysis/lint.ts";

const dir = mkdtempSync(path.join(tmpdir(), "interleave-lint-"));
let count = 0;

/** Lints a spec whose actions and invariants are the given source text (written to a temp file). */
function lint(parts: { actions?: string; invariants?: string; prelude?: string; state?: string }) {
  const file = path.join(dir, `spec${count++}.ts`);
  const text = `import { defineSpec, exists, t } from "interleave-spec";
${parts.prelude ?? ""}
export default defineSpec({
  name: "linted",
  state: ${parts.state ?? "{ n: t.int(0, 3), items: t.seq(t.int(0, 3), 3), seen: t.set(t.int(0, 3)) }"},
  init: { n: 0, items: [], seen: t.set(t.int(0, 3)).empty },
  actions: {
${parts.actions ?? "    step: (s) => s.n < 3 && { ...s, n: s.n + 1, items: [...s.items, s.n], seen: s.seen.with(s.n) },"}
  },
  invariants: {
${parts.invariants ?? "    ok: (s) => s.n <= 3 && s.items.length <= 3 && s.seen.size <= 4,"}
  },
});
`;
  writeFileSync(file, text);
  const lineOf = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
  return { diagnostics: lintSpecFile(file), lineOf, file };
}

const codes = (ds: { code: string }[]) => ds.map((d) => d.code);
const only = (ds: Diagnostic[], code: LintCode) => ds.filter((d) => d.code === code);

describe("lintSpecFile", () => {
  it("accepts a clean spec", () => {
    expect(lint({}).diagnostics).toEqual([]);
  });

  describe("state-mutation", () => {
    it("finds assignments, updates, deletes and mutating calls on the current state, at their line", () => {
      const { diagnostics, lineOf } = lint({
        actions: [
          "    assign: (s) => { s.n = 1; return s; },",
          "    index: (s) => { s.items[0] = 2; return s; },",
          "    bump: (s) => { s.n++; return s; },",
          "    push: (s) => { s.items.push(1); return { ...s }; },",
          "    add: (s) => exists(t.int(0, 3), (k) => { s.seen.add(k); return { ...s }; }),",
        ].join("\n"),
      });
      const found = only(diagnostics, "state-mutation");
      expect(found.map((d) => d.line)).toEqual([lineOf("assign:"), lineOf("index:"), lineOf("bump:"), lineOf("push:"), lineOf("add:")]);
      expect(found[0]).toMatchObject({ severity: "error", column: 22 });
      expect(found[0].message).toMatch(/Fix: return a new state, e\.g\. \{ \.\.\.s, n: … \}/);
      expect(found[3].message).toContain("[...s.items, x]");
      expect(found[4].message).toContain("s.seen.with(x), which return a new set");
    });

    it("leaves copies and a nested function's own parameter alone", () => {
      const { diagnostics } = lint({
        actions: [
          "    copy: (s) => { const items = [...s.items]; items.push(1); return { ...s, items }; },",
          "    fresh: (s) => ({ ...s, seen: s.seen.with(1), n: [s.n].map((s) => s + 1)[0] }),",
          "    inner: (s) => { const f = (s: { n: number }) => { s.n = 2; return s; }; return { ...s, n: f({ n: 1 }).n }; },",
        ].join("\n"),
      });
      expect(only(diagnostics, "state-mutation")).toEqual([]);
    });
  });

  describe("reference-equality", () => {
    it("finds includes/indexOf of an object literal and === against one, with the structural fix", () => {
      const { diagnostics, lineOf } = lint({
        state: "{ n: t.int(0, 3), q: t.seq(t.record({ k: t.int(0, 1) }), 2) }",
        actions: [
          "    find: (s) => s.q.includes({ k: 0 }) && s,",
          "    where: (s) => s.q.indexOf({ k: 1 } as never) > 0 && s,",
          "    same: (s) => s.q[0] === { k: 0 } && s,",
          "    fine: (s) => s.q.some((m) => m.k === 0) && [1, 2].includes(s.n) && s,",
        ].join("\n"),
      });
      const found = only(diagnostics, "reference-equality");
      expect(found.map((d) => d.line)).toEqual([lineOf("find:"), lineOf("where:"), lineOf("same:")]);
      expect(found[0]).toMatchObject({ severity: "error" });
      expect(found[0].message).toMatch(/s\.q\.includes\(…\) with an object literal.*Fix: s\.q\.some\(\(x\) => equals\(x, …\)\)/);
      expect(found[2].message).toMatch(/Fix: equals\(a, b\)/);
    });
  });

  describe("nondeterminism", () => {
    it("finds Math.random, clocks and I/O in actions and properties", () => {
      const { diagnostics, lineOf } = lint({
        actions: "    roll: (s) => ({ ...s, n: Math.floor(Math.random() * 3), items: [...s.items], seen: s.seen }),\n    clock: (s) => Date.now() > 0 && { ...s },",
        invariants: "    ok: (s) => { console.log(s.n); return s.n <= 3 && s.items.length >= 0 && s.seen.size >= 0 && new Date().getDay() >= 0; },",
      });
      const found = only(diagnostics, "nondeterminism");
      expect(found.map((d) => d.line)).toEqual([lineOf("roll:"), lineOf("clock:"), lineOf("ok:"), lineOf("ok:")]);
      expect(found[0].message).toMatch(/Math\.random\(\).*Fix: choose values with exists/);
    });

    it("does not mistake the file's own helpers for the globals they are named after", () => {
      const { diagnostics } = lint({
        prelude: "function process(n: number) { return n; }",
        actions: "    step: (s) => s.n < 3 && { ...s, n: process(s.n + 1), items: [...s.items], seen: s.seen },",
      });
      expect(only(diagnostics, "nondeterminism")).toEqual([]);
    });

    it("accepts pure Math functions", () => {
      const { diagnostics } = lint({ actions: "    clamp: (s) => ({ ...s, n: Math.min(3, Math.max(0, s.n + 1)), items: [...s.items], seen: s.seen }),," });
      expect(only(diagnostics, "nondeterminism")).toEqual([]);
    });
  });

  describe("module-state", () => {
    it("finds module-level let/var used in an action", () => {
      const { diagnostics, lineOf } = lint({
        prelude: "let calls = 0;",
        actions: "    count: (s) => calls++ < 3 && { ...s, n: 1, items: [...s.items], seen: s.seen },",
      });
      expect(only(diagnostics, "module-state")).toMatchObject([{ line: lineOf("count:"), severity: "error" }]);
    });

    it("accepts module-level consts and a local of the same name", () => {
      const { diagnostics } = lint({
        prelude: "const LIMIT = 3;\nlet calls = 0;",
        actions: "    count: (s) => { let calls = 1; return s.n < LIMIT && { ...s, n: calls, items: [...s.items], seen: s.seen }; },",
      });
      expect(only(diagnostics, "module-state")).toEqual([]);
    });
  });

  describe("unused-binding", () => {
    it("finds an exists binding the body ignores", () => {
      const { diagnostics, lineOf } = lint({
        actions: "    pick: (s) => exists(t.int(0, 2), (k) => ({ ...s, n: 1, items: [...s.items], seen: s.seen })),",
      });
      const found = only(diagnostics, "unused-binding");
      expect(found).toMatchObject([{ line: lineOf("pick:"), severity: "warning" }]);
      expect(found[0].message).toContain("the exists binding k is never used");
    });

    it("accepts a used binding, and an _-named one", () => {
      const { diagnostics } = lint({
        actions:
          "    pick: (s) => exists(t.int(0, 2), (k) => ({ ...s, n: k, items: [...s.items], seen: s.seen })),\n" +
          "    dup: (s) => exists(t.int(0, 2), (_k) => ({ ...s, n: 1, items: [...s.items], seen: s.seen })),",
      });
      expect(only(diagnostics, "unused-binding")).toEqual([]);
    });
  });

  describe("state fields", () => {
    it("finds a field no action writes and a field nothing reads", () => {
      const { diagnostics, lineOf } = lint({
        state: "{ n: t.int(0, 3), items: t.seq(t.int(0, 3), 3), seen: t.set(t.int(0, 3)), fixed: t.int(0, 1), ghost: t.bool() }",
        actions: "    step: (s) => s.n < 3 && { ...s, n: s.n + 1, ghost: true, items: [...s.items, s.n], seen: s.seen.with(s.n) },",
      });
      expect(only(diagnostics, "unwritten-field").map((d) => d.message)).toEqual([expect.stringContaining("state field fixed is never written")]);
      expect(only(diagnostics, "unread-field").map((d) => d.message)).toEqual([
        expect.stringContaining("state field fixed is read by no action guard and no property"),
        expect.stringContaining("state field ghost is read by"),
      ]);
      expect(only(diagnostics, "unread-field")[0].line).toBe(lineOf("state:"));
    });

    it("counts destructured reads and says nothing when the state goes to a helper", () => {
      const { diagnostics } = lint({
        prelude: "function next(s: any) { return { ...s, fixed: 1 }; }",
        state: "{ n: t.int(0, 3), items: t.seq(t.int(0, 3), 3), seen: t.set(t.int(0, 3)), fixed: t.int(0, 1) }",
        actions: "    step: (s) => s.n < 3 && next(s),",
        invariants: "    ok: ({ n, items, seen, fixed }) => n + items.length + seen.size + fixed >= 0,",
      });
      expect(codes(diagnostics)).toEqual([]);
    });
  });

  describe("invariant-reads-no-state", () => {
    it("finds an invariant that ignores the state", () => {
      const { diagnostics, lineOf } = lint({ invariants: "    ok: (s) => s.n <= 3 && s.items.length >= 0 && s.seen.size >= 0,\n    always: () => true," });
      expect(only(diagnostics, "invariant-reads-no-state")).toMatchObject([{ line: lineOf("always:"), column: 5 }]);
    });

    it("accepts invariants that read the state, also destructured or as { holds }", () => {
      const { diagnostics } = lint({
        invariants: "    ok: (s) => s.n <= 3,\n    parts: ({ items, seen }) => items.length + seen.size >= 0,\n    named: { holds: (s) => s.n >= 0, message: \"n is negative\" },",
      });
      expect(only(diagnostics, "invariant-reads-no-state")).toEqual([]);
    });
  });

  it("never throws on unreadable or odd input", () => {
    expect(lintSpecFile(path.join(dir, "missing.ts"))).toMatchObject([{ code: "unreadable", severity: "error" }]);
    const odd = path.join(dir, "odd.ts");
    writeFileSync(odd, "export default defineSpec(42); defineSpec({ actions: 7, invariants: { x: } ");
    expect(() => lintSpecFile(odd)).not.toThrow();
  });

  it("fastOnly keeps just the rules check runs first", () => {
    const { file } = lint({
      prelude: "let calls = 0;",
      actions: "    pick: (s) => exists(t.int(0, 2), (k) => calls > 9 && ({ ...s, n: 1, items: [...s.items], seen: s.seen })),",
    });
    expect(codes(lintSpecFile(file, { fastOnly: true }))).toEqual(["module-state"]);
    expect(codes(lintSpecFile(file))).toContain("unused-binding");
  });
});
