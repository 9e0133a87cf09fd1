import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const repo = path.resolve(new URL("../..", import.meta.url).pathname);

describe("bin/interleave.js (real binary)", () => {
  it("lint finds a planted in-place mutation at its line and exits 2", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-bin-"));
    const spec = path.join(dir, "planted.ts");
    writeFileSync(
      spec,
      [
        'import { defineSpec, t } from "interleave-spec";',
        "export default defineSpec({",
        '  name: "planted",',
        "  state: { xs: t.seq(t.int(0, 3), 3) },",
        "  init: { xs: [] },",
        "  actions: {",
        "    append: (s) => {",
        "      s.xs.push(1);",
        "      return { xs: [...s.xs] };",
        "    },",
        "  },",
        "  invariants: { short: (s) => s.xs.length <= 3 },",
        "});",
        "",
      ].join("\n"),
    );
    const r = spawnSync(process.execPath, [path.join(repo, "bin", "interleave.js"), "lint", spec], { cwd: dir, encoding: "utf8" });
    expect(r.stdout).toContain("planted.ts:8:7  error  state-mutation  action \"append\" calls push() on s.xs");
    expect(r.status).toBe(2);
  });
});
