import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { localImportGraph } from "../analysis/spec-syntax.ts";
import type { CliIO } from "./io.ts";

/** Clears the terminal and its scrollback, then homes the cursor. */
const CLEAR = "\x1b[2J\x1b[3J\x1b[H";
const interleaveSrc = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export interface WatchOptions {
  /** Wait this long after the last change before re-checking (editors write in bursts). */
  readonly debounceMs?: number;
  /** Write the clear-screen sequence before each run (default true). */
  readonly clear?: boolean;
}

/**
 * `check --watch`: runs `runOnce`, then re-runs it whenever the spec or a local module it
 * imports is saved, until `io.signal` aborts (Ctrl-C); returns the last run's exit code.
 * `runOnce` receives an `onImport` hook and must load the spec afresh, reporting each module it
 * imports, so edits to imported files are seen too; `rerun` is false on the first run only (the
 * CLI type-checks on the first run and leaves type errors to the editor afterwards, to re-check
 * in well under a second). Directories are watched rather than files,
 * so editors that save by renaming a temporary file still trigger a run.
 */
export async function watchCheck(
  file: string,
  io: CliIO,
  runOnce: (onImport: (url: string) => void, rerun: boolean) => Promise<number>,
  options: WatchOptions = {},
): Promise<number> {
  const debounceMs = options.debounceMs ?? 60;
  let watchers: FSWatcher[] = [];
  let last = 0;
  let wake: (() => void) | undefined;
  let changed = false;
  let runs = 0;
  const stop = () => wake?.();
  io.signal?.addEventListener("abort", stop);
  try {
    while (!io.signal?.aborted) {
      if (options.clear ?? true) io.stdout(CLEAR);
      // Static relative imports too: CommonJS-mode specs do not report what they require.
      const files = new Set<string>(localImportGraph(file));
      const started = performance.now();
      last = await runOnce((url) => {
        if (!url.startsWith("file:")) return;
        const local = fileURLToPath(url.replace(/\?.*$/, ""));
        if (!local.includes(`${path.sep}node_modules${path.sep}`) && !local.startsWith(interleaveSrc + path.sep)) files.add(local);
      }, runs++ > 0);
      io.stderr(
        `\nwatching ${files.size} file${files.size === 1 ? "" : "s"} (checked in ${Math.round(performance.now() - started)} ms) — save to re-check, Ctrl-C to stop\n`,
      );
      for (const w of watchers) w.close();
      changed = false;
      watchers = watchDirectories(files, () => {
        changed = true;
        wake?.();
      });
      await new Promise<void>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        wake = () => {
          if (io.signal?.aborted) return resolve();
          clearTimeout(timer);
          timer = setTimeout(resolve, debounceMs);
        };
        if (changed || io.signal?.aborted) wake();
      });
      wake = undefined;
    }
  } finally {
    io.signal?.removeEventListener("abort", stop);
    for (const w of watchers) w.close();
  }
  return last;
}

function watchDirectories(files: ReadonlySet<string>, onChange: () => void): FSWatcher[] {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = path.dirname(f);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(path.basename(f));
  }
  const watchers: FSWatcher[] = [];
  for (const [dir, names] of byDir) {
    try {
      watchers.push(
        watch(dir, (_event, name) => {
          if (name === null || names.has(path.basename(name.toString()))) onChange();
        }),
      );
    } catch {
      // A directory that vanished: nothing to watch there until the next run lists it again.
    }
  }
  return watchers;
}
