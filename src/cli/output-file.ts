import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "./params.ts";

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
 * Writes `text` to `target` (resolved against `cwd`), creating missing directories; a failure is
 * a UsageError naming the flag, the file and the system's reason (never a stack trace).
 */
export function writeOutput(target: string, text: string, flag: string, cwd: string): string {
  const out = path.resolve(cwd, target);
  checkOutputTarget(target, flag, cwd);
  try {
    makeDirs(path.dirname(out));
    writeFileSync(out, text);
  } catch (e) {
    throw new UsageError(`${flag} ${target}: cannot write the file: ${(e as Error).message}`);
  }
  return out;
}

/** `mkdir -p` one level at a time (Node's recursive mkdir never returns on some pseudo file systems such as /proc). */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  makeDirs(path.dirname(dir));
  mkdirSync(dir);
}
