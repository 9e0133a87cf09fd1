import { formatPath } from "../model/field-path.ts";
import type { Action, Binding, Json, Model, SourceLocation } from "../model/model.ts";
import type { Trace } from "../check/result.ts";

/** The binding key of a process step's process id (PlusCal's `self`). */
const SELF = "self";

/** A process instance: its type and id, as a step or a lane names it. */
export interface ProcessRef {
  /** The process type, e.g. `"handler"` (also the state field that holds its pc and locals). */
  readonly name: string;
  readonly id: Json;
}

/**
 * One step of a trace in the program's terms. `number` is the step's position as every report
 * numbers it: the initial state is 1, and step k reaches the k-th state of the trace.
 */
export interface ProgramStep {
  readonly number: number;
  /** The action's name; null for the initial state. */
  readonly action: string | null;
  /** The binding without the process id (the `with`/`exists` values of the step). */
  readonly binding: Binding;
  /** For the step of a process: which process instance took it, at which label. */
  readonly process?: ProcessRef;
  readonly label?: string;
  /** The statement the step stands for, as the spec describes it. */
  readonly code?: string;
  /** Where the action (or the process step) is defined in the spec, when known. */
  readonly location?: SourceLocation;
}

/** `handler[2]`: a process instance as the state path of its pc and locals. */
export function processTitle(p: ProcessRef): string {
  return formatPath([p.name, typeof p.id === "string" || typeof p.id === "number" ? p.id : JSON.stringify(p.id)]);
}

/** What a trace needs to know of an action: its name, where it is defined, which process step it is (plain data). */
export type ReportAction = Pick<Action<unknown>, "name" | "location" | "process">;

/** The plain-data description of a model's actions (sent from the thread that ran the spec to the one that reports). */
export function reportActions(actions: readonly ReportAction[]): ReportAction[] {
  return actions.map((a) => ({ name: a.name, ...(a.location ? { location: a.location } : {}), ...(a.process ? { process: a.process } : {}) }));
}

/** Every step of `trace` described in the program's terms (see {@link ProgramStep}). */
export function programSteps<S>(model: { readonly actions?: readonly ReportAction[] }, trace: Trace<S>): ProgramStep[] {
  const actions = new Map<string, ReportAction>((model.actions ?? []).map((a) => [a.name, a]));
  return trace.map((step, i): ProgramStep => {
    const action = step.action === null ? undefined : actions.get(step.action);
    const base = { number: i + 1, action: step.action, ...(action?.location ? { location: action.location } : {}) };
    const meta = action?.process;
    if (!meta || step.binding === null || !(SELF in step.binding)) return { ...base, binding: step.binding };
    const { [SELF]: id, ...rest } = step.binding;
    return {
      ...base,
      binding: Object.keys(rest).length > 0 ? rest : null,
      process: { name: meta.process, id },
      label: meta.label,
      ...(meta.code === undefined ? {} : { code: meta.code }),
    };
  });
}

/**
 * The process instances of a model with processes, in lane order: process types in the order
 * the model declares their steps, each type's ids in the order the initial state lists them
 * (its field's map keys). Empty for a model without processes.
 */
export function processLanes<S>(model: { readonly actions?: readonly ReportAction[]; readonly codec: { toJson(state: S): Json } }, initial: S): ProcessRef[] {
  const types: string[] = [];
  for (const a of model.actions ?? []) if (a.process && !types.includes(a.process.process)) types.push(a.process.process);
  const json = model.codec.toJson(initial) as { readonly [field: string]: Json };
  return types.flatMap((name) => {
    const table = json[name];
    if (table === null || typeof table !== "object" || Array.isArray(table)) return [];
    return Object.keys(table).map((key): ProcessRef => ({ name, id: idValue(key) }));
  });
}

/** A map key as its id value: `"2"` → 2, `"true"` → true, other strings unchanged. */
function idValue(key: string): Json {
  if (/^-?(0|[1-9]\d*)$/.test(key)) return Number(key);
  if (key === "true" || key === "false") return key === "true";
  return key;
}
