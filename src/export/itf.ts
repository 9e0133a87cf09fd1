import type { Schema } from "../state/schema.ts";
import { codecNode } from "../state/codec.ts";
import { unreachable } from "../model/unreachable.ts";
import type { Json } from "../model/model.ts";
import type { Trace } from "../check/result.ts";

/** An ITF value (Apalache ADR-015 / Quint): JSON plus tagged sets, maps, tuples, big integers, variants. */
export type ItfValue = Json;

/** Metadata for the `#meta` header of an ITF trace. */
export interface ItfSubject {
  /** The spec file the trace comes from. */
  readonly source: string;
  /** A sentence on what the trace shows, e.g. which invariant it violates. */
  readonly description: string;
  /** Extra `#meta` fields (spec name, parameters, violated property…). */
  readonly extra?: { readonly [key: string]: Json };
}

/**
 * A trace in the Informal Trace Format (ITF) that Apalache and Quint write and their trace
 * viewers read: `{ "#meta", "params", "vars", "states": [{ "#meta": { "index" }, var: value… }] }`.
 *
 * Values follow the schema: records → objects, sets → `{"#set": [...]}` (canonical order),
 * maps → `{"#map": [[k, v], ...]}`, tuples (fixed arrays) → `{"#tup": [...]}`, sequences →
 * arrays, integers → `{"#bigint": "…"}` (ADR-015 asks this of small integers too, and Quint
 * writes them so), optionals → Quint's Option variant
 * (`{"tag": "Some", "value": v}` / `{"tag": "None", "value": {"#tup": []}}`). Each state's
 * `#meta` also carries the action that produced it and its `exists` binding. Pure.
 */
export function toItf<S>(schema: Schema, trace: Trace<S>, subject: ItfSubject): { readonly [key: string]: Json } {
  const vars = schema.kind === "record" ? schema.fields.map(([k]) => k) : ["state"];
  const states = trace.map((step, index) => {
    const meta: { [k: string]: Json } = { index };
    if (step.action !== null) meta.action = step.action;
    if (step.binding) meta.binding = step.binding as Json;
    const out: { [k: string]: Json } = { "#meta": meta };
    if (schema.kind === "record") {
      for (const [k, field] of schema.fields) out[k] = itfValue(field, (step.state as Record<string, unknown>)[k]);
    } else out.state = itfValue(schema, step.state);
    return out;
  });
  return {
    "#meta": {
      format: "ITF",
      "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
      source: subject.source,
      description: subject.description,
      ...(subject.extra ?? {}),
    },
    vars,
    states,
  };
}

/** One value of `schema` in ITF form. */
export function itfValue(schema: Schema, value: unknown): ItfValue {
  switch (schema.kind) {
    case "bool":
      return value as boolean;
    case "int":
      return integer(value as number);
    case "enum":
      return typeof value === "number" ? integer(value) : (value as string | boolean);
    case "record": {
      const out: { [k: string]: Json } = {};
      for (const [k, field] of schema.fields) out[k] = itfValue(field, (value as Record<string, unknown>)[k]);
      return out;
    }
    case "tuple":
      return { "#tup": schema.items.map((item, i) => itfValue(item, (value as readonly unknown[])[i])) };
    case "map": {
      const keys = codecNode(schema.key);
      const record = value as Record<string, unknown>;
      const entries: Json[] = [];
      for (const k of keys.values()) entries.push([itfValue(schema.key, k), itfValue(schema.value, record[String(k)])]);
      return { "#map": entries };
    }
    case "set": {
      const element = codecNode(schema.element);
      const items = [...(value as ReadonlySet<unknown>)].sort((a, b) => element.ordinal(a) - element.ordinal(b));
      return { "#set": items.map((v) => itfValue(schema.element, v)) };
    }
    case "seq":
      return (value as readonly unknown[]).map((v) => itfValue(schema.element, v));
    case "optional":
      return value === undefined || value === null
        ? { tag: "None", value: { "#tup": [] } }
        : { tag: "Some", value: itfValue(schema.inner, value) };
    default:
      return unreachable(schema);
  }
}

/** ADR-015: "big and small integers must be written" as `{"#bigint": "[-][0-9]+"}` (Quint does so too). */
function integer(n: number): ItfValue {
  return { "#bigint": BigInt(n).toString() };
}
