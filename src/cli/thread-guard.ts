import { isMainThread } from "node:worker_threads";
import { showValue } from "../model/encode-error.ts";
import { SpecError } from "../model/spec-error.ts";

let exited: { readonly code: unknown } | undefined;

/**
 * In a worker thread that runs spec code, `process.exit()` would end the thread quietly, and a
 * thread that ends could pass for a finished run. Guarded, it throws a `spec-exited` SpecError
 * at the spec's call site instead (the report points at that line), and the call is remembered
 * in case the spec catches the error. Installed when this module is imported (worker threads of
 * `--workers` import it by URL); a no-op in the main thread.
 */
export function guardExit(): void {
  if (isMainThread) return;
  process.exit = ((code?: unknown): never => {
    exited ??= { code };
    throw new SpecError(
      "spec-exited",
      `the spec called process.exit(${code === undefined ? "" : showValue(code)}): a spec must not end the process ` +
        `(return false to disable an action; throw an Error to report a fault)`,
      { cause: new Error("process.exit() called here") },
    );
  }) as typeof process.exit;
}

/** The first `process.exit()` the spec called in this thread since the last call, if any (even if it caught the error). */
export function takeExitCall(): { readonly code: unknown } | undefined {
  const call = exited;
  exited = undefined;
  return call;
}

guardExit();
