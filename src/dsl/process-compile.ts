import type { Action } from "../model/model.ts";
import { showValue } from "../model/encode-error.ts";
import { SpecError } from "../model/spec-error.ts";
import { scalarValues, type Schema } from "../state/schema.ts";
import { compileAction, nonStateFunction } from "./compile-action.ts";
import { isDomain, ownEntries, type Domain } from "./domain.ts";
import { exists } from "./exists.ts";
import { DONE, isProcess, processOps, type ProcessDefinition } from "./process.ts";
import { strong, weak, type FairnessDef } from "./temporal.ts";
import { compileStep, type ProcessShape } from "./process-step.ts";

/** What the processes of a spec add to its model. */
export interface CompiledProcesses<S> {
  /** The state fields: one per process type, a map from its ids to `{ pc, ...locals }`. */
  readonly fields: readonly (readonly [string, Schema])[];
  /** One action per process type and label, then PlusCal's `Terminating` when every process can end. */
  readonly actions: readonly Action<S>[];
  /** PlusCal's `fair process`: one per-instance condition over each fair process type's steps, keyed by the process id. */
  readonly fairness: readonly FairnessDef[];
  /** Every initial state: the shared part with each combination of the processes' initial locals. */
  extend(shared: object, emit: (state: S) => void): void;
}

/** A process type checked and ready to run. */
interface Compiled extends ProcessShape {
  readonly definition: ProcessDefinition<any, any, any, any, any>;
  readonly localSchemas: readonly (readonly [string, Schema])[];
  readonly fair?: "weak" | "strong";
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Compiles a spec's `processes` function (called with the `process` builder and the parameter
 * values) into state fields, actions, fairness and initial states. `shared` lists the fields of
 * the spec's own `state` schema, which process and local names must not reuse.
 *
 * One action per process type and label, named `type.label`, with the process id as its
 * outermost `exists` binding `self`: traces and coverage speak of labels, per-instance fairness
 * over a type's steps is PlusCal's `fair process`, and the successors — one per enabled
 * (process, label, `either` branch, `with` value) — are the ones TLC generates for a PlusCal
 * translation, so generated counts match.
 */
export function compileProcesses<S, P>(
  define: (ops: typeof processOps, params: P) => unknown,
  params: P,
  shared: readonly string[],
): CompiledProcesses<S> {
  if (typeof define !== "function") {
    throw new SpecError("invalid-spec", `processes must be a function ({ process }, params) => ({ name: process({ … }) }), not ${showValue(define)}`);
  }
  const declared = define(processOps, params);
  if (typeof declared !== "object" || declared === null) {
    throw new SpecError("invalid-spec", `the processes function returned ${showValue(declared)}, not a record of process types ({ name: process({ … }) })`);
  }
  const entries = ownEntries(declared as Record<string, unknown>, "processes");
  if (entries.length === 0) throw new SpecError("invalid-spec", "the processes function returned no process type");
  const names = entries.map(([name]) => name);
  const types = entries.map(([name, value]) => checkProcess(name, value, params, shared, names));
  const fields = types.map((p) => [p.name, p.schema] as const);
  const actions: Action<S>[] = types.flatMap((p) =>
    p.labels.map((label, i) => {
      const { run, code } = compileStep<S, P>(p, label, i, names, shared);
      const ids = p.ids;
      const action = compileAction<S, P>(`${p.name}.${label}`, (s, q) => exists(ids, (self) => run(s, self, q)), params);
      return { ...action, process: { process: p.name, label, ...(code === undefined ? {} : { code }) } };
    }),
  );
  // PlusCal's stuttering when done: only when every process can terminate (no `forever` body).
  if (types.every((p) => !p.forever)) {
    const allDone = (s: S) => types.every((p) => p.ids.every((id) => (s as Record<string, Record<string, { pc: string }>>)[p.name][String(id)].pc === DONE));
    actions.push(compileAction<S, P>("Terminating", (s) => allDone(s) && s, params));
  }
  const fairness = types.flatMap((p): FairnessDef[] =>
    p.fair ? [(p.fair === "weak" ? weak : strong)(p.labels.map((l) => `${p.name}.${l}`), { perInstance: (self) => self })] : [],
  );
  return {
    fields,
    actions,
    fairness,
    extend: (base, emit) => initialStates(types, params, base, emit as (s: object) => void),
  };
}

function checkProcess<P>(name: string, value: unknown, params: P, shared: readonly string[], names: readonly string[]): Compiled {
  const what = `process ${name}`;
  if (!IDENTIFIER.test(name)) throw new SpecError("invalid-spec", `process type name "${name}" is not an identifier`);
  if (shared.includes(name)) throw new SpecError("invalid-spec", `${what} has the name of a state field: its pc and locals live in the field "${name}"; rename one`);
  if (!isProcess(value)) throw new SpecError("invalid-spec", `${what} is ${showValue(value)}; build it with process({ ids, steps })`);
  const def = value.definition as ProcessDefinition<unknown, P, unknown, any, any>;
  const idDomain = typeof def.ids === "function" ? def.ids(params) : def.ids;
  if (!isDomain(idDomain)) throw new SpecError("invalid-spec", `${what}: ids must be a domain (t.int(…), t.enum(…)) or a function of the parameters returning one, not ${showValue(idDomain)}`);
  const ids = scalarValues((idDomain as Domain<unknown>).schema);
  if (!ids || ids.length === 0) throw new SpecError("invalid-spec", `${what}: ids must be a non-empty domain of ints, enum values or booleans, not ${idDomain.toString()}`);
  const localShape = (typeof def.locals === "function" ? def.locals(params) : def.locals) ?? {};
  if (typeof localShape !== "object" || localShape === null || isDomain(localShape)) {
    throw new SpecError("invalid-spec", `${what}: locals must be a record of domains, e.g. { i: t.int(0, 3) }`);
  }
  const localSchemas = ownEntries(localShape as Record<string, unknown>, `${what}'s locals`).map(([local, d]) => {
    if (!isDomain(d)) throw new SpecError("invalid-spec", `${what}: local "${local}" is ${showValue(d)}, not a domain`);
    if (local === "pc" || local === "goto") throw new SpecError("invalid-spec", `${what}: a local cannot be named "${local}" (${local === "pc" ? "the program counter" : "a step's jump"} has that name)`);
    if (shared.includes(local)) throw new SpecError("invalid-spec", `${what}: local "${local}" has the name of a shared state field; steps see both in one view, so rename one`);
    if (names.includes(local)) throw new SpecError("invalid-spec", `${what}: local "${local}" has the name of a process type; rename one`);
    return [local, d.schema] as const;
  });
  if (localSchemas.length > 0 && def.init === undefined) {
    throw new SpecError("invalid-spec", `${what} declares locals (${localSchemas.map(([l]) => l).join(", ")}) but no init: give their initial values, init: { … } or (self) => ({ … })`);
  }
  if (typeof def.steps !== "object" || def.steps === null) throw new SpecError("invalid-spec", `${what}: steps must be a record of labelled steps`);
  const labels = ownEntries(def.steps as Record<string, unknown>, `${what}'s steps`).map(([label]) => label);
  if (labels.length === 0) throw new SpecError("invalid-spec", `${what} has no steps`);
  for (const label of labels) {
    if (!IDENTIFIER.test(label)) throw new SpecError("invalid-spec", `${what}: label "${label}" is not an identifier (labels are kept in the order written, which numeric keys would break)`);
    if (label === DONE) throw new SpecError("invalid-spec", `${what}: "${DONE}" is the program counter of a terminated process, not a label`);
    const step = (def.steps as Record<string, unknown>)[label];
    const fn = typeof step === "object" && step !== null ? (step as { step?: unknown }).step : step;
    if (typeof fn !== "function") throw new SpecError("invalid-spec", `${what}: step ${label} is ${showValue(step)}, not a function (s, self, params) => … or { code, step }`, { action: `${name}.${label}` });
    const kind = nonStateFunction(fn);
    if (kind) throw new SpecError("invalid-successor", `step ${name}.${label} ${kind}`, { action: `${name}.${label}` });
  }
  if (def.fair !== undefined && def.fair !== "weak" && def.fair !== "strong") throw new SpecError("invalid-spec", `${what}: fair must be "weak" or "strong", not ${showValue(def.fair)}`);
  if (def.forever !== undefined && typeof def.forever !== "boolean") throw new SpecError("invalid-spec", `${what}: forever must be true or false`);
  const forever = def.forever === true;
  const pcs = forever ? labels : [...labels, DONE];
  const schema: Schema = {
    kind: "map",
    key: idDomain.schema,
    value: { kind: "record", fields: [["pc", { kind: "enum", values: pcs }], ...localSchemas] },
  };
  return { name, definition: def, ids, labels, locals: localSchemas.map(([l]) => l), localSchemas, forever, schema, ...(def.fair ? { fair: def.fair } : {}) };
}

/** Emits `base` with every combination of the processes' initial locals, each process at its first label. */
function initialStates<P>(types: readonly Compiled[], params: P, base: object, emit: (s: object) => void): void {
  const slots: { type: Compiled; id: string | number | boolean; choices: readonly object[] }[] = [];
  for (const type of types) {
    for (const id of type.ids) {
      const init = type.definition.init;
      const given = init === undefined ? {} : typeof init === "function" ? (init as (self: unknown, p: P) => unknown)(id, params) : init;
      const choices = Array.isArray(given) ? given : [given];
      if (choices.length === 0) throw new SpecError("no-initial-states", `process ${type.name}'s init gives no locals for ${type.name}[${String(id)}]`);
      slots.push({ type, id, choices: choices as object[] });
    }
  }
  const at = new Array<number>(slots.length).fill(0);
  for (;;) {
    const state: Record<string, unknown> = { ...base };
    for (const type of types) state[type.name] = {};
    slots.forEach((slot, i) => {
      (state[slot.type.name] as Record<string, unknown>)[String(slot.id)] = { pc: slot.type.labels[0], ...slot.choices[at[i]] };
    });
    emit(state);
    let i = slots.length - 1;
    while (i >= 0 && ++at[i] === slots[i].choices.length) at[i--] = 0;
    if (i < 0) return;
  }
}
