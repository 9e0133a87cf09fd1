import { formatPath, parsePath } from "../model/field-path.ts";
import type { Json } from "../model/model.ts";

/** One labelled field of a state: its path (`pc[1]`, `caller.pc`, `mode`; see `formatPath`) and its value as shown. */
export type Field = readonly [path: string, value: string];

/**
 * The fields of a JSON state, flattened into paths in schema order: records (and maps) by key,
 * arrays of records by index (`cpus[1].pc`); arrays of scalars, sets and scalars are leaves.
 * `prefix` is the path of `value` itself, as a path string (`cpus[1]`).
 */
export function fieldsOf(value: Json, prefix = "", out: Field[] = []): Field[] {
  const base = prefix ? parsePath(prefix) : [];
  collect(value, base, out);
  return out;
}

function collect(value: Json, path: readonly string[], out: Field[]): void {
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) collect(v, [...path, k], out);
  } else if (Array.isArray(value) && value.some((v) => isRecord(v) && Object.keys(v).length > 0)) {
    value.forEach((v, i) => collect(v, [...path, String(i)], out));
  } else {
    out.push([formatPath(path), renderValue(value)]);
  }
}

/** A compact rendering for diagrams: strings unquoted, `[a, b]`, `{k: v}`, `null` for absent. */
export function renderValue(value: Json): string {
  if (value === null) return "null";
  if (typeof value === "string") return value;
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}: ${renderValue(v)}`)
    .join(", ")}}`;
}

/**
 * The part of `value` at a path (`cpus[1].pc`, or the dotted `cpus.1.pc`): record keys, map
 * keys, or array indices. `undefined` when the path leads nowhere in this state; RangeError
 * when the path itself is malformed.
 */
export function resolvePath(value: Json, path: string): Json | undefined {
  let at: Json | undefined = value;
  for (const key of parsePath(path)) {
    if (at === null || at === undefined || typeof at !== "object") return undefined;
    if (Array.isArray(at)) {
      if (!/^\d+$/.test(key)) return undefined;
      at = at[Number(key)];
    } else {
      at = Object.prototype.hasOwnProperty.call(at, key) ? (at as { readonly [k: string]: Json })[key] : undefined;
    }
  }
  return at;
}

function isRecord(value: Json): value is { readonly [key: string]: Json } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
