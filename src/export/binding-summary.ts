import type { Binding, Json } from "../model/model.ts";
import { renderValue } from "../graph/fields.ts";
import { valueList } from "../graph/value-list.ts";

/**
 * The distinct bindings of a merged edge as one short text, per variable rather than per
 * binding: `p in {0,1,2}`, `cpu = 1, k in 1..4`. When the bindings are not every combination of
 * their variables' values, the variables are shown as a tuple: `(p, q) in {(0,1), (1,0)}`, or
 * with `some of` when even that does not fit. Value lists longer than `width` characters are
 * cut to what fits and end in `... (n values)`. ASCII only (for Graphviz's font metrics).
 */
export function summariseBindings(bindings: readonly Binding[], width = 40): string {
  const shown = bindings.filter((b): b is { readonly [name: string]: Json } => b !== null && Object.keys(b).length > 0);
  if (shown.length === 0) return "";
  const names = [...new Set(shown.flatMap((b) => Object.keys(b)))];
  const values = names.map((name) => distinctValues(shown.map((b) => b[name] ?? null)));
  const product = values.reduce((n, v) => n * v.length, 1);
  const perVariable = names
    .map((name, i) => (values[i].length === 1 ? `${name}=${renderValue(values[i][0])}` : `${name} in ${valueSet(values[i], width)}`))
    .join(", ");
  if (product === shown.length) return perVariable;
  const tuples = `(${names.join(", ")}) in {${shown.map((b) => `(${names.map((n) => renderValue(b[n] ?? null)).join(",")})`).join(", ")}}`;
  return tuples.length <= width ? tuples : `some of ${perVariable}`;
}

/** `{0,1,2}`, `0..7` for a run of consecutive integers, `{a,b,c,... (9 values)}` past `width`. */
function valueSet(values: readonly Json[], width: number): string {
  const list = valueList(values.map(renderValue), width, ",");
  return /^-?\d+\.\.-?\d+$/.test(list) ? list : `{${list}}`;
}

function distinctValues(values: readonly Json[]): Json[] {
  const seen = new Map<string, Json>();
  for (const v of values) {
    const key = JSON.stringify(v);
    if (!seen.has(key)) seen.set(key, v);
  }
  return [...seen.values()];
}
