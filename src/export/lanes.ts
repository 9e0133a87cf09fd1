import type { Binding, Json } from "../model/model.ts";
import { resolvePath } from "../graph/fields.ts";
import { formatPath, parsePath } from "../model/field-path.ts";

/**
 * Lanes of a behaviour, as in a sequence diagram: one column per actor. An actor is a field of
 * the state: a record (`caller`) is one lane, a map or array of records (`handler`) is one lane
 * per key (`handler[1]`, `handler[2]`) — which is how a process type keeps its instances' pc and
 * locals, so processes are found as actors too.
 */
export interface Lanes {
  /** Lane names, which are also the field paths they own. */
  readonly names: readonly string[];
  /** The lane of each step (index into `names`), -1 when no lane's fields changed (shared state only). */
  readonly ofStep: readonly number[];
}

/**
 * The lanes named by `paths` in the initial state `first`, or, when `paths` is undefined, the
 * actors found automatically: the top-level fields that are a record with a `pc` field, or a
 * map or array of such records. Unknown paths are a RangeError naming them.
 */
export function laneNames(first: Json, paths?: readonly string[]): string[] {
  const chosen = paths ?? autoLanes(first);
  const names: string[] = [];
  for (const path of chosen) {
    const value = resolvePath(first, path);
    if (value === undefined) throw new RangeError(`--lanes: no field "${path}" in the state`);
    const at = parsePath(path);
    if (isCollectionOfRecords(value)) names.push(...Object.keys(value).map((k) => formatPath([...at, k])));
    else names.push(formatPath(at));
  }
  return names;
}

/**
 * Assigns each step of a behaviour to a lane: the step's own `lane` when it names one (the
 * process instance that took a process step, see `programSteps`), else the lane whose fields
 * it changed. When a step changes several lanes, the lane whose key is a value of the step's
 * binding wins (`handler[2]` for `cpu = 2`), else the first in lane order.
 */
export function assignLanes(names: readonly string[], steps: readonly { readonly binding: Binding; readonly state: Json; readonly lane?: string }[]): Lanes {
  const ofStep = steps.map((step, i) => {
    if (i === 0) return -1;
    if (step.lane !== undefined && names.includes(step.lane)) return names.indexOf(step.lane);
    const before = steps[i - 1].state;
    const changed = names.flatMap((name, lane) =>
      JSON.stringify(resolvePath(before, name)) === JSON.stringify(resolvePath(step.state, name)) ? [] : [lane],
    );
    if (changed.length <= 1) return changed[0] ?? -1;
    const bound = new Set(Object.values(step.binding ?? {}).map((v) => String(v)));
    return changed.find((lane) => bound.has(parsePath(names[lane]).at(-1) ?? "")) ?? changed[0];
  });
  return { names, ofStep };
}

function autoLanes(first: Json): string[] {
  if (!isRecord(first)) return [];
  return Object.keys(first).filter((key) => {
    const value = first[key];
    return (isRecord(value) && "pc" in value) || (isCollectionOfRecords(value) && Object.values(value).every((v) => isRecord(v) && "pc" in v));
  });
}

function isCollectionOfRecords(value: Json): value is { readonly [key: string]: Json } {
  if (value === null || typeof value !== "object") return false;
  const items = Object.values(value);
  return items.length > 0 && items.every(isRecord) && !(isRecord(value) && "pc" in value);
}

function isRecord(value: Json | undefined): value is { readonly [key: string]: Json } {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value);
}
