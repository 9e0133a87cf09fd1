import { run } from "../../src/cli/main.ts";

/** A running `interleave explore`, in-process: its URL, its output so far, and a Ctrl-C. */
export interface RunningExplorer {
  readonly url: string;
  readonly output: { stdout: string; stderr: string };
  /** Aborts as Ctrl-C does and resolves to the exit code. */
  stop(): Promise<number>;
}

/** Starts `interleave explore …args` in-process and waits until it prints its URL (or exits). */
export async function startExplorer(args: readonly string[], cwd: string): Promise<RunningExplorer | { code: number; stdout: string; stderr: string }> {
  const controller = new AbortController();
  const output = { stdout: "", stderr: "" };
  const exited = run(["explore", ...args], {
    stdout: (s) => void (output.stdout += s),
    stderr: (s) => void (output.stderr += s),
    cwd,
    signal: controller.signal,
  });
  let code: number | undefined;
  void exited.then((c) => (code = c));
  for (let waited = 0; waited < 60_000; waited += 25) {
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output.stdout)?.[0];
    if (url) return { url, output, stop: () => (controller.abort(), exited) };
    if (code !== undefined) return { code, ...output };
    await new Promise((r) => setTimeout(r, 25));
  }
  controller.abort();
  throw new Error(`explore printed no URL within 60 s:\n${output.stdout}\n${output.stderr}`);
}
