import { expect } from "vitest";
import { run } from "../../src/cli/main.ts";

/** Runs the CLI in-process and captures its output. */
export async function runCli(argv: string[], cwd = process.cwd(), signal?: AbortSignal) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    signal,
  });
  return { code, stdout, stderr };
}

/** Output a user can read: no stack trace of Node's, interleave's or a dependency's code. */
export function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .*\((node:|\/|file:)/m);
  expect(text).not.toMatch(/^\s+at (node:|\/|file:).*:\d+:\d+$/m);
  expect(text).not.toMatch(/node:internal|Node\.js v\d|triggerUncaughtException/);
}
