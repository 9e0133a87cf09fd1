import { existsSync, mkdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "./usage-error.ts";

/**
 * Fails early (UsageError, exit 3) when an output flag's file cannot be written: the name is a
 * directory, or a path component on the way to it is a file. Nothing is created; called before
 * a search so that a long run does not end in a write error.
 */
export function checkOutputTarget(target: string | undefined, flag: string, cwd: string): void {
  if (target === undefined) return;
  const out = path.resolve(cwd, target);
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`${flag} ${target}: is a directory, expected a file name`);
  let dir = path.dirname(out);
  while (!existsSync(dir)) dir = path.dirname(dir);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${flag} ${target}: cannot write there, ${path.relative(cwd, dir) || dir} is a file, not a directory`);
}

/**
 * Fails (UsageError, exit 3) when an output flag names one of `inputs` — the spec file (first)
 * or a file it imports: the report would overwrite the spec's source. Paths are compared after
 * resolving symbolic links.
 */
export function refuseInputsAsOutputs(outputs: readonly (readonly [flag: string, target: string])[], inputs: readonly string[], cwd: string): void {
  const sources = new Map(inputs.map((file, i) => [realPath(path.resolve(cwd, file)), i]));
  for (const [flag, target] of outputs) {
    const i = sources.get(realPath(path.resolve(cwd, target)));
    if (i === undefined) continue;
    throw new UsageError(
      i === 0
        ? `${flag} ${target}: that is the spec file itself; writing the report there would overwrite the spec`
        : `${flag} ${target}: the spec imports that file; writing the report there would overwrite it`,
    );
  }
}

/**
 * Writes `text` to `target` (resolved against `cwd`), creating missing directories; a failure is
 * a UsageError naming the flag, the file and the system's reason (never a stack trace). The text
 * goes to a temporary file beside the target, then replaces it in one rename: a run killed while
 * writing leaves the previous report (or none), never half of one. A target that exists and is
 * not a regular file (a pipe, /dev/stdout) is written in place.
 */
export function writeOutput(target: string, text: string, flag: string, cwd: string): string {
  const out = path.resolve(cwd, target);
  checkOutputTarget(target, flag, cwd);
  let temporary: string | undefined;
  try {
    makeDirs(path.dirname(out));
    if (existsSync(out) && !statSync(out).isFile()) {
      writeFileSync(out, text);
      return out;
    }
    const final = realPath(out);
    temporary = path.join(path.dirname(final), `.${path.basename(final)}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
    writeFileSync(temporary, text);
    renameSync(temporary, final);
    temporary = undefined;
  } catch (e) {
    if (temporary !== undefined) removeQuietly(temporary);
    throw new UsageError(`${flag} ${target}: cannot write the file: ${(e as Error).message}`);
  }
  return out;
}

/** The path with symbolic links resolved, as far as it exists. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(realPath(parent), path.basename(file));
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone, or never created
  }
}

/** `mkdir -p` one level at a time (Node's recursive mkdir never returns on some pseudo file systems such as /proc). */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  makeDirs(path.dirname(dir));
  mkdirSync(dir);
}
