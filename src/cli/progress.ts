import type { Progress } from "../check/result.ts";

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** One progress line of a long search, as printed on stderr every few seconds. */
export function formatProgress(p: Progress): string {
  return `  … ${count(p.distinctStates)} states, ${count(p.statesPerSecond)} states/s, queue ${count(p.queue)}, depth ${p.depth}, ${(p.elapsedMs / 1000).toFixed(0)} s\n`;
}
