import { showValue } from "../model/encode-error.ts";
import { SpecError } from "../model/spec-error.ts";
import type { Scalar, Schema } from "../state/schema.ts";
import { nonStateResult } from "./compile-action.ts";
import { isChoice, mapChoice, type Successors } from "./exists.ts";
import { DONE } from "./process.ts";

/** What running a step needs to know of its process type. */
export interface ProcessShape {
  readonly name: string;
  readonly ids: readonly Scalar[];
  readonly labels: readonly string[];
  readonly locals: readonly string[];
  readonly forever: boolean;
  readonly schema: Schema;
}

type Entry = { readonly pc: string } & Record<string, unknown>;
type StateRecord = Record<string, unknown>;
type StepFn<P> = (view: object, self: unknown, params: P) => unknown;

/**
 * The step at `labels[index]` of process type `p`, as a function of the state, the process id
 * and the parameters returning the successors (full states): disabled unless the process's pc is
 * at the label; otherwise the step runs on the view (the shared fields and the process's own
 * locals, frozen) and each outcome becomes the state with the shared fields and locals it gives,
 * and the pc at its `goto`, else at the next label (`Done` after the last, or the first label
 * again for a `forever` process). `processes` are the process type names, `shared` the fields
 * of the spec's own schema.
 */
export function compileStep<S, P>(
  p: ProcessShape & { readonly definition: { readonly steps: object } },
  label: string,
  index: number,
  processes: readonly string[],
  shared: readonly string[],
): { readonly run: (s: S, self: unknown, params: P) => Successors<S>; readonly code?: string } {
  const def = (p.definition.steps as Record<string, unknown>)[label];
  const fn = (typeof def === "function" ? def : (def as { step: unknown }).step) as StepFn<P>;
  const code = typeof def === "object" && def !== null ? (def as { code?: unknown }).code : undefined;
  if (code !== undefined && typeof code !== "string") throw new SpecError("invalid-spec", `step ${p.name}.${label}: code must be a string`);
  const next = index + 1 < p.labels.length ? p.labels[index + 1] : p.forever ? p.labels[0] : DONE;
  const known = new Set([...shared, ...p.locals, "goto"]);
  const what = `step ${p.name}.${label}`;

  const advance = (s: StateRecord, self: unknown, entry: Entry, outcome: unknown): S => {
    const table = s[p.name] as Record<string, Entry>;
    if (outcome === true) return { ...s, [p.name]: { ...table, [String(self)]: { ...entry, pc: next } } } as S;
    if (typeof outcome !== "object" || outcome === null || Array.isArray(outcome)) {
      throw new SpecError(
        "invalid-successor",
        `${what} (self = ${showValue(self)}) returned ${showValue(outcome)}: a step returns its view as it leaves it ({ ...s, x: … }, with goto: "label" to jump), true (no change), false (not enabled), an array (either) or exists(…) (with)`,
        { action: `${p.name}.${label}`, binding: { self: self as Scalar } },
      );
    }
    const wrong = nonStateResult(outcome);
    if (wrong) throw new SpecError("invalid-successor", `${what} returned ${wrong}`, { action: `${p.name}.${label}` });
    const o = outcome as Record<string, unknown>;
    for (const key in o) {
      if (!known.has(key)) {
        const owner = processes.includes(key) ? `the state of process type ${key}, which only its own steps change` : "neither a shared field nor a local of this process";
        throw new SpecError("outside-schema", `${what} (self = ${showValue(self)}) returned a field "${key}": it is ${owner}`, {
          action: `${p.name}.${label}`,
          binding: { self: self as Scalar },
          path: key,
        });
      }
    }
    const target = o.goto === undefined ? next : o.goto;
    if (typeof target !== "string" || !(p.labels.includes(target) || (target === DONE && !p.forever))) {
      const why = target === DONE ? `process ${p.name} is declared forever (PlusCal's while (TRUE)) and never terminates` : `its labels are ${p.labels.join(", ")}${p.forever ? "" : `, and "${DONE}" ends the process`}`;
      throw new SpecError("invalid-successor", `${what} (self = ${showValue(self)}) jumps to goto: ${showValue(target)}, but ${why}`, {
        action: `${p.name}.${label}`,
        value: target,
      });
    }
    // Fields absent from the outcome stay absent, so that the codec reports them as missing.
    const out: StateRecord = {};
    for (const f of shared) if (f in o) out[f] = o[f];
    for (const name of processes) out[name] = s[name];
    const mine: Record<string, unknown> = { pc: target };
    for (const l of p.locals) if (l in o) mine[l] = o[l];
    out[p.name] = { ...table, [String(self)]: mine };
    return out as S;
  };

  const map = (result: unknown, s: StateRecord, self: unknown, entry: Entry): Successors<S> => {
    if (result === false || result === null || result === undefined) return result;
    if (Array.isArray(result)) return result.map((r) => map(r, s, self, entry));
    if (isChoice(result)) return mapChoice(result, (r) => map(r, s, self, entry));
    return advance(s, self, entry, result);
  };

  const run = (state: S, self: unknown, params: P): Successors<S> => {
    const s = state as StateRecord;
    const entry = (s[p.name] as Record<string, Entry>)[String(self)];
    if (entry.pc !== label) return false;
    const view: Record<string, unknown> = {};
    for (const f of shared) view[f] = s[f];
    for (const l of p.locals) view[l] = entry[l];
    return map(fn(Object.freeze(view), self, params), s, self, entry);
  };
  return { run, ...(code === undefined ? {} : { code }) };
}
