import { formatPath, parsePath } from "../model/field-path.ts";
import type { Violation } from "../check/result.ts";
import { fieldsOf, type Field } from "../graph/fields.ts";
import { processLanes, processTitle, programSteps, type ProcessRef, type ProgramStep } from "./process-steps.ts";
import type { ReportModel } from "./text.ts";

/** A column of a lane diagram: one process instance, or the steps of plain actions. */
export interface Lane {
  /** `handler[2]`, or `actions` for the steps of plain actions. */
  readonly title: string;
  readonly process?: ProcessRef;
}

/** One state of the counterexample: the step that reached it, in its lane, and what it changed. */
export interface LaneRow {
  readonly step: ProgramStep;
  /** The lane of the process (or plain action) that took the step; undefined for the initial state. */
  readonly lane?: number;
  /** What changed in the acting process's own part of the state (`pc`, its locals), paths relative to it. */
  readonly own: readonly Field[];
  /** Everything else that changed: shared fields (and any other process's part), full paths. */
  readonly shared: readonly Field[];
}

/**
 * A counterexample drawn as one lane per process, time downwards: each step in the lane of the
 * process that took it, shared-state changes in a side column. Plain data (as {@link Diagram}
 * is), built by {@link laneDiagram} and drawn by `toLaneDot`.
 */
export interface LaneDiagram {
  readonly title: string;
  readonly notes: readonly string[];
  readonly lanes: readonly Lane[];
  /** Per lane, its part of the initial state (relative paths); empty for the plain-action lane. */
  readonly initial: readonly (readonly Field[])[];
  /** Shared fields in the initial state that some step changes. */
  readonly sharedInitial: readonly Field[];
  /** Shared fields no step changes, listed once. */
  readonly constants: readonly Field[];
  readonly rows: readonly LaneRow[];
  readonly violation: {
    readonly kind: Violation<unknown>["kind"];
    readonly property: string;
    readonly message?: string;
    /** A lasso: the 0-based row where the cycle starts, and whether it stutters in the last state. */
    readonly loopStart?: number;
    readonly stuttering?: boolean;
  };
}

/** Options of {@link laneDiagram}. */
export interface LaneDiagramOptions {
  /** Default: the model's name. */
  readonly title?: string;
  readonly notes?: readonly string[];
}

/**
 * The lane diagram of a counterexample of a model with processes (see {@link LaneDiagram}).
 * Lanes are the model's process instances (see `processLanes`), then one lane for plain
 * actions if the trace has such steps. Pure and deterministic.
 */
export function laneDiagram<S>(model: ReportModel<S>, violation: Violation<S>, options: LaneDiagramOptions = {}): LaneDiagram {
  const trace = violation.trace;
  const steps = programSteps(model, trace);
  const lanes: Lane[] = processLanes(model, trace[0].state).map((process) => ({ title: processTitle(process), process }));
  const prefixes = lanes.map((l) => parsePath(l.title));
  if (steps.some((s) => s.action !== null && s.process === undefined)) lanes.push({ title: "actions" });
  const states = trace.map((t) => new Map(fieldsOf(model.codec.toJson(t.state))));
  const ownerOf = (path: string): number => {
    const segments = parsePath(path);
    return prefixes.findIndex((prefix) => prefix.every((p, i) => segments[i] === p));
  };
  const relative = (path: string, lane: number): string => formatPath(parsePath(path).slice(prefixes[lane].length));

  const changedShared = new Set<string>();
  const rows = steps.map((step, i): LaneRow => {
    if (i === 0) return { step, own: [], shared: [] };
    const lane = step.process ? lanes.findIndex((l) => l.title === processTitle(step.process!)) : lanes.length - 1;
    const own: Field[] = [];
    const shared: Field[] = [];
    for (const [path, value] of states[i]) {
      if (states[i - 1].get(path) === value) continue;
      const owner = ownerOf(path);
      if (owner >= 0 && owner === lane) own.push([relative(path, owner), value]);
      else {
        shared.push([path, value]);
        if (owner < 0) changedShared.add(path);
      }
    }
    return { step, lane, own, shared };
  });
  const initial = lanes.map((_, lane) =>
    lane < prefixes.length ? [...states[0]].filter(([path]) => ownerOf(path) === lane).map(([path, value]): Field => [relative(path, lane), value]) : [],
  );
  const sharedFields = [...states[0]].filter(([path]) => ownerOf(path) < 0);
  return {
    title: options.title ?? model.name,
    notes: options.notes ?? [],
    lanes,
    initial,
    sharedInitial: sharedFields.filter(([path]) => changedShared.has(path)),
    constants: sharedFields.filter(([path]) => !changedShared.has(path)),
    rows,
    violation: {
      kind: violation.kind,
      property: violation.property,
      ...(violation.message ? { message: violation.message } : {}),
      ...(violation.loopStart === undefined ? {} : { loopStart: violation.loopStart, stuttering: violation.stuttering ?? false }),
    },
  };
}

/** Whether a model has processes, so that its counterexamples are best drawn as lanes. */
export function hasProcesses<S>(model: ReportModel<S>): boolean {
  return (model.actions ?? []).some((a) => a.process !== undefined);
}
