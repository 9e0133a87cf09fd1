import type { ParamShape } from "../dsl/define-spec.ts";
import { isDomain } from "../dsl/domain.ts";
import { showValue } from "../model/encode-error.ts";
import type { Json } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import type { Schema } from "../state/schema.ts";
import { UsageError } from "./usage-error.ts";

/**
 * Parses `--set name=value` pairs against the spec's declared parameters: integers and
 * booleans as written, enum members by name, anything else as JSON. Range checks happen when
 * the spec is compiled.
 */
export function parseSetOptions(pairs: readonly string[] = [], declared: ParamShape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--set expects name=value, got "${pair}"`);
    const name = pair.slice(0, eq).trim();
    const text = pair.slice(eq + 1).trim();
    const domain = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (domain !== undefined && !isDomain(domain)) {
      // The spec's mistake, not the command line's: reported as compile would (exit 2).
      throw new SpecError("invalid-spec", `parameter "${name}" is ${showValue(domain)}, not a domain (use t.int(…), t.enum(…), …)`, { param: name });
    }
    if (!isDomain(domain)) {
      const known = Object.keys(declared);
      throw new UsageError(
        `--set ${name}: the spec has no parameter "${name}"; ${known.length ? `its parameters are ${known.join(", ")}` : "it has no parameters"}`,
      );
    }
    out[name] = parseValue(text, domain.schema, name);
  }
  return out;
}

function parseValue(text: string, schema: Schema, name: string): unknown {
  switch (schema.kind) {
    case "int":
      if (!/^-?\d+$/.test(text)) throw new UsageError(`--set ${name}=${text}: expected an integer in ${schema.min}..${schema.max}`);
      return Number(text);
    case "bool":
      if (text !== "true" && text !== "false") throw new UsageError(`--set ${name}=${text}: expected true or false`);
      return text === "true";
    case "enum": {
      const match = schema.values.find((v) => String(v) === text);
      if (match === undefined) {
        throw new UsageError(`--set ${name}=${text}: expected one of ${schema.values.map((v) => String(v)).join(", ")}`);
      }
      return match;
    }
    default:
      try {
        return JSON.parse(text);
      } catch {
        throw new UsageError(`--set ${name}=${text}: expected a JSON value`);
      }
  }
}

/** `max = 3, cpus = 2` */
export function paramsText(params: { readonly [name: string]: Json }): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join(", ");
}
