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
