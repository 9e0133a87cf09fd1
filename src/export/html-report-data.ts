import type { Binding, Json, Model, SourceLocation } from "../model/model.ts";
import type { FieldCoverage } from "../check/coverage.ts";
import type { CheckResult, CheckStats, CheckWarning, StopReason, Trace } from "../check/result.ts";
import type { PropertyVerdict } from "../check/verdicts.ts";
import { propertyTitle } from "./property-title.ts";
import { assignLanes, laneNames } from "./lanes.ts";
import { formatBinding, type ReportModel } from "./text.ts";
import { processTitle, programSteps, type ProgramStep } from "./process-steps.ts";

/** Where something is in the spec, as the page shows it (`specs/x.ts:42`). */
export type PageLocation = { readonly file: string; readonly line: number } | null;

/** One step of a trace on the page. */
export interface PageStep {
  readonly action: string | null;
  /** The `exists` binding as text (`cpu = 1`), empty when there is none (a process step's `self` is its `process`). */
  readonly binding: string;
  /** For the step of a process: the process instance (`handler[2]`), its label, and the statement it stands for. */
  readonly process?: string;
  readonly label?: string;
  readonly code?: string;
  readonly location: PageLocation;
  readonly state: Json;
  /** Index into {@link ReportPage.lanes}, -1 for a step that changed only shared fields (and the initial state). */
  readonly lane: number;
  /** The graph node of this step's state, if the graph is drawn and holds it. */
  readonly node: string | null;
}

/** A counterexample on the page. */
export interface PageTrace {
  readonly property: string;
  readonly title: string;
  readonly message: string | null;
  /** Liveness: the cycle starts at this step (see `Violation.loopStart`). */
  readonly loopStart: number | null;
  readonly stuttering: boolean;
  /**
   * Liveness, formulas with step predicates: steps whose state repeats once (a stuttering step)
   * before the next step, and those that repeat on every lap of the cycle (see
   * `Violation.stutterAfter` / `stutterInCycle`); empty otherwise.
   */
  readonly stutterAfter: readonly number[];
  readonly stutterInCycle: readonly number[];
  readonly steps: readonly PageStep[];
}

/** The drawn state graph, or why it is not drawn. */
export type PageGraph =
  | { readonly kind: "svg"; readonly svg: string; readonly notes: readonly string[] }
  | { readonly kind: "omitted"; readonly reason: string };

/** Everything the single-file report shows: plain data, embedded in the page as JSON. */
export interface ReportPage {
  readonly spec: string;
  readonly file: string;
  readonly params: { readonly [name: string]: Json };
  readonly result: CheckResult<unknown>["result"];
  readonly stoppedBy: StopReason | null;
  /** Statistics without the duration: the same spec and options give the same bytes. */
  readonly stats: Omit<CheckStats, "durationMs">;
  readonly properties: readonly {
    readonly name: string;
    readonly kind: string;
    readonly status: PropertyVerdict["status"];
    readonly expected: PropertyVerdict["expected"];
    readonly asExpected: boolean | null;
    readonly location: PageLocation;
    readonly message: string | null;
    /** Index into {@link traces} of this property's counterexample. */
    readonly trace: number | null;
  }[];
  readonly traces: readonly PageTrace[];
  /** The trace the page opens at: the first unexpected violation, else the first. */
  readonly open: number | null;
  readonly lanes: readonly string[];
  /**
   * Per action: transitions in the drawn graph (null when no graph was explored); times enabled,
   * successors fired and states discovered in the run (null when the run collected no coverage); source line.
   */
  readonly coverage: readonly {
    readonly action: string;
    readonly transitions: number | null;
    readonly enabled: number | null;
    readonly fired: number | null;
    readonly discovered: number | null;
    readonly location: PageLocation;
  }[];
  /** Per part of the state: distinct values seen of the domain's (empty without coverage). */
  readonly fields: readonly FieldCoverage[];
  /** States found per depth (`depths[d - 1]`; empty without coverage). */
  readonly depths: readonly number[];
  readonly warnings: readonly CheckWarning[];
  readonly graph: PageGraph;
}

/** What {@link reportPage} needs beyond the model and the verdicts. */
export interface ReportInputs<S = unknown> {
  readonly spec: string;
  readonly file: string;
  readonly params: { readonly [name: string]: Json };
  /** The run the page describes (statistics, warnings, result). */
  readonly run: CheckResult<S>;
  /** Lane field paths; undefined: found automatically (fields with a `pc`). */
  readonly lanes?: readonly string[];
  readonly graph: PageGraph;
  /** Graph node of each step of each violated property's trace, by property name. */
  readonly traceNodes?: ReadonlyMap<string, readonly (string | null)[]>;
  /** Transitions per action index in the explored graph. */
  readonly transitions?: readonly number[];
}

/**
 * The data of the HTML report: every property's verdict and counterexample (each step with its
 * action, binding, source line, state, lane and graph node), coverage, warnings and statistics.
 * Pure; the same inputs give the same data. Throws RangeError for a lane path the state lacks.
 */
export function reportPage<S>(model: Model<S>, verdicts: readonly PropertyVerdict<S>[], inputs: ReportInputs<S>): ReportPage {
  const { run } = inputs;
  const located = (l: SourceLocation | undefined): PageLocation => (l ? { file: l.file, line: l.line } : null);
  const actionAt = new Map(model.actions.map((a) => [a.name, located(a.location)]));
  const violated = verdicts.filter((v) => v.violation);
  let firstState: S | undefined = violated[0]?.violation?.trace[0]?.state;
  if (firstState === undefined) model.init((s) => (firstState ??= s));
  const lanes = firstState === undefined ? [] : laneNames(model.codec.toJson(firstState), inputs.lanes);
  const traces = violated.map((v): PageTrace => {
    const violation = v.violation!;
    const steps = jsonSteps(model, violation.trace);
    const laneOf = assignLanes(lanes, steps).ofStep;
    const nodes = inputs.traceNodes?.get(v.property);
    return {
      property: v.property,
      title: propertyTitle(v.kind, v.property),
      message: violation.message ?? null,
      loopStart: violation.loopStart ?? null,
      stuttering: violation.stuttering ?? false,
      stutterAfter: violation.stutterAfter ?? [],
      stutterInCycle: violation.stutterInCycle ?? [],
      steps: steps.map((step, i) => ({
        action: step.action,
        binding: formatBinding(step.program.binding),
        ...(step.program.process ? { process: processTitle(step.program.process), label: step.program.label } : {}),
        ...(step.program.code === undefined ? {} : { code: step.program.code }),
        location: step.action === null ? null : (actionAt.get(step.action) ?? null),
        state: step.state,
        lane: laneOf[i],
        node: nodes?.[i] ?? null,
      })),
    };
  });
  const unexpected = violated.findIndex((v) => v.asExpected === false);
  const { durationMs: _omitted, ...stats } = run.stats;
  return {
    spec: inputs.spec,
    file: inputs.file,
    params: inputs.params,
    result: run.result,
    stoppedBy: run.result === "incomplete" ? run.stoppedBy : null,
    stats,
    properties: verdicts.map((v) => ({
      name: v.property,
      kind: v.kind,
      status: v.status,
      expected: v.expected,
      asExpected: v.asExpected ?? null,
      location: located(v.location),
      message: v.violation?.message ?? null,
      trace: v.violation ? violated.indexOf(v) : null,
    })),
    traces,
    open: traces.length === 0 ? null : unexpected >= 0 ? unexpected : 0,
    lanes,
    coverage: model.actions.map((a, i) => {
      const c = run.coverage?.actions[i];
      return {
        action: a.name,
        transitions: inputs.transitions?.[i] ?? null,
        enabled: c?.enabled ?? null,
        fired: c?.fired ?? null,
        discovered: c?.discovered ?? null,
        location: located(a.location),
      };
    }),
    fields: run.coverage?.fields ?? [],
    depths: run.coverage?.depths ?? [],
    warnings: run.warnings ?? [],
    graph: inputs.graph,
  };
}

function jsonSteps<S>(model: ReportModel<S>, trace: Trace<S>): { action: string | null; binding: Binding; state: Json; lane?: string; program: ProgramStep }[] {
  const program = programSteps(model, trace);
  return trace.map((step, i) => ({
    action: step.action,
    binding: step.binding,
    state: model.codec.toJson(step.state),
    program: program[i],
    ...(program[i].process ? { lane: processTitle(program[i].process!) } : {}),
  }));
}
