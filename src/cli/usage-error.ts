import { availableParallelism } from "node:os";

/** A command-line mistake (exit code 3). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A commander argument parser for `flag`: a positive integer, else a UsageError naming the flag. */
export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag}: expected a positive integer, got "${value}"`);
    return Number(value);
  };
}

/** The most worker threads `--workers` accepts: more than four per core only adds memory and switching. */
export const MAX_WORKERS = 4 * availableParallelism();

/** Commander's parser for `--workers`: 1 … {@link MAX_WORKERS}, else a UsageError saying the range. */
export function workerCount(value: string): number {
  const n = positiveInt("--workers")(value);
  if (n > MAX_WORKERS) {
    throw new UsageError(`--workers: at most ${MAX_WORKERS} (4 per core on this machine, which has ${availableParallelism()}), got ${n}`);
  }
  return n;
}

/** Commander's collector for a repeatable option (no default value, so `--help` shows none). */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
