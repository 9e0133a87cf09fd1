import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The few behaviours that need a real process boundary: signals, the process's own heap
 * limit, and `process.exit` in a spec. Everything else is tested in-process (supervise.ts).
 */
interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from the first SIGINT to the exit. */
  readonly afterSigintMs?: number;
}

function interleave(args: string[], options: { sigints?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/interleave.js", ...args], { env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    let sigintAt: number | undefined;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      // The spec says it is in its endless loop: interrupt it (twice in a row for "quit now").
      if (options.sigints && sigintAt === undefined && stderr.includes("looping forever")) {
        sigintAt = Date.now();
        child.kill("SIGINT");
        if (options.sigints > 1) setTimeout(() => child.kill("SIGINT"), 100);
      }
    });
    child.on("exit", (code, signal) =>
      resolve({ code, signal, stdout, stderr, ...(sigintAt !== undefined ? { afterSigintMs: Date.now() - sigintAt } : {}) }),
    );
  });
}

const loop = ["check", "test/fixtures/hostile/infinite-loop.ts", "--no-typecheck", "--no-lint"];

describe("the interleave binary, supervising the spec's code", () => {
  it("Ctrl-C stops an action in an infinite loop within a second with the partial statistics (exit 4)", async () => {
    const r = await interleave(loop, { sigints: 1 });
    expect(r.code).toBe(4);
    // The search stops within a second (supervised-limits.test.ts pins that in-process); the
    // process then ends its thread and exits: allow for that on a busy machine.
    expect(r.afterSigintMs).toBeLessThan(2000);
    expect(r.stdout).toContain("incomplete — the search was interrupted");
    expect(r.stdout).toContain(`stopped inside action "inc"`);
    expect(r.stderr).toContain("interrupted: stopping after the current state (Ctrl-C again to quit now)");
  }, 60_000);

  it("a second Ctrl-C quits at once (exit 130)", async () => {
    const r = await interleave(loop, { sigints: 2 });
    expect(r.code).toBe(130);
    expect(r.afterSigintMs).toBeLessThan(1000);
  }, 60_000);

  it("the heap limit of the process (--max-old-space-size) bounds the spec's thread: exit 4, no V8 fatal error", async () => {
    const json = path.join(mkdtempSync(path.join(tmpdir(), "interleave-binary-")), "report.json");
    const r = await interleave(["check", "test/fixtures/hostile/memory-hog.ts", "--no-typecheck", "--no-lint", "--json", json], {
      env: { NODE_OPTIONS: "--max-old-space-size=160" },
    });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).not.toMatch(/FATAL ERROR|Native stack trace/);
    expect(JSON.parse(readFileSync(json, "utf8")).stoppedBy).toBe("memory");
    expect(r.stderr).toContain("NODE_OPTIONS=--max-old-space-size=");
  }, 60_000);

  it("process.exit(0) in an action is a spec error (exit 2), not a silent success", async () => {
    const r = await interleave(["check", "test/fixtures/hostile/exits.ts", "--no-typecheck", "--no-lint"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[spec-exited]");
  }, 60_000);
});
