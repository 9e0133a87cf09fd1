import { randomInt } from "node:crypto";
import { MAX_BITSTATE_BYTES } from "../state/bitstate.ts";
import { UsageError } from "./usage-error.ts";

/** `--seed`: a non-negative safe integer. */
export function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--seed: expected a non-negative integer (at most 2^53 - 1), got "${value}"`);
  return Number(value);
}

/** A seed for a run that was given none (printed, so that the run can be repeated). */
export function freshSeed(): number {
  return randomInt(0, 2 ** 32);
}

/** `--behaviour`: a behaviour index, from 0. */
export function parseBehaviour(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--behaviour: expected a behaviour index (0, 1, …), got "${value}"`);
  return Number(value);
}

/** `--shorten`: a number of states, 0 to keep the behaviour's own trace. */
export function parseShorten(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--shorten: expected a number of states (0 to keep the behaviour's trace), got "${value}"`);
  return Number(value);
}

/** `--shard i/N` (1 ≤ i ≤ N), as test runners write it. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected i/N with 1 ≤ i ≤ N (e.g. --shard 2/4), got "${value}"`);
  return { index, count };
}

const UNITS: { readonly [suffix: string]: number } = { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 };

/** `--bitstate BYTES`: a number of bytes, with an optional K, M or G (binary multiples: 64M = 64 MiB). */
export function parseBytes(value: string): number {
  const m = /^(\d+)\s*([KMG]?)(i?B)?$/i.exec(value.trim());
  const bytes = m ? Number(m[1]) * UNITS[m[2].toUpperCase()] : NaN;
  if (!m || !Number.isSafeInteger(bytes) || bytes < 8 || bytes > MAX_BITSTATE_BYTES) {
    throw new UsageError(`--bitstate: expected a size from 8 bytes to 1G, such as 1048576, 64K or 16M; got "${value}"`);
  }
  return bytes;
}
