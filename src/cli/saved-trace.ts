import { readFileSync } from "node:fs";
import path from "node:path";
import type { Spec } from "../dsl/define-spec.ts";
import type { SavedStep } from "../graph/explore-session.ts";
import { toItf } from "../export/itf.ts";
import type { Json, Model } from "../model/model.ts";
import { stateSchema } from "./check-stages.ts";
import { UsageError } from "./usage-error.ts";

/**
 * Reads a saved counterexample for `explore --trace`: a `--json` report (its `violation.trace`)
 * or an ITF trace (`--itf`, or Apalache/Quint's). Each step matches a model state by value: the
 * report's states as `toJson` writes them, the ITF states as `toItf` would write them (object
 * keys in any order). Anything else is a UsageError naming the file.
 */
export function readSavedTrace<S>(
  file: string,
  cwd: string,
  context: { readonly spec: Spec; readonly model: Model<S>; readonly params: { readonly [name: string]: Json } },
): SavedStep<S>[] {
  const full = path.resolve(cwd, file);
  let data: Json;
  try {
    data = JSON.parse(readFileSync(full, "utf8")) as Json;
  } catch (e) {
    throw new UsageError(`--trace ${file}: cannot read it as JSON: ${(e as Error).message}`);
  }
  if (!isRecord(data)) throw new UsageError(`--trace ${file}: expected a --json report or an ITF trace, got ${Array.isArray(data) ? "an array" : typeof data}`);
  if (Array.isArray(data.states)) {
    const schema = stateSchema(context.spec, context.params);
    return data.states.map((raw, i) => {
      if (!isRecord(raw)) throw new UsageError(`--trace ${file}: state ${i} is not an object`);
      const { "#meta": meta, ...vars } = raw;
      const expected = canonical(vars);
      return {
        action: isRecord(meta) && typeof meta.action === "string" ? meta.action : null,
        matches: (state: S) => {
          const [written] = toItf(schema, [{ action: null, binding: null, state }], { source: "", description: "" }).states as readonly { readonly [k: string]: Json }[];
          const { "#meta": _, ...ours } = written;
          return canonical(ours) === expected;
        },
      };
    });
  }
  const violation = data.violation;
  if (isRecord(violation) && Array.isArray(violation.trace)) {
    return violation.trace.map((step, i) => {
      if (!isRecord(step) || !("state" in step)) throw new UsageError(`--trace ${file}: step ${i} of violation.trace has no state`);
      const expected = canonical(step.state);
      return {
        action: typeof step.action === "string" ? step.action : null,
        matches: (state: S) => canonical(context.model.codec.toJson(state)) === expected,
      };
    });
  }
  if (typeof data.result === "string") throw new UsageError(`--trace ${file}: the report has no counterexample (result: ${data.result})`);
  throw new UsageError(`--trace ${file}: expected a --json report (with violation.trace) or an ITF trace (with states)`);
}

/** JSON with object keys sorted, so that equal values give equal text whatever their key order. */
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

function isRecord(value: Json | undefined): value is { readonly [key: string]: Json } {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value);
}
