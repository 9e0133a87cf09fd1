import type { Json } from "../model/model.ts";

/** One labelled field of a state: its dotted path (`pc.1`, `mode`) and its value as shown. */
export type Field = readonly [path: string, value: string];

/**
 * The fields of a JSON state, flattened into dotted paths in schema order: records (and maps) by
 * key, arrays of records by index (`cpus.1.pc`); arrays of scalars, sets and scalars are leaves.
 */
export function fieldsOf(value: Json, prefix = "", out: Field[] = []): Field[] {
  const at = (key: string | number) => (prefix ? `${prefix}.${key}` : String(key));
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) fieldsOf(v, at(k), out);
  } else if (Array.isArray(value) && value.some((v) => isRecord(v) && Object.keys(v).length > 0)) {
    value.forEach((v, i) => fieldsOf(v, at(i), out));
  } else {
    out.push([prefix, renderValue(value)]);
  }
  return out;
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
 * The part of `value` at a dotted path (`cpus.1.pc`): record keys, map keys, or array indices.
 * `undefined` when the path leads nowhere in this state.
 */
export function resolvePath(value: Json, path: string): Json | undefined {
  let at: Json | undefined = value;
  for (const key of path.split(".")) {
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
