import type { ReportModel } from "./text.ts";
import type { Violation } from "../check/result.ts";
import type { Diagram, DiagramEdge, DiagramNode } from "../graph/diagram.ts";
import { fieldsOf, type Field } from "../graph/fields.ts";
import { assignLanes, laneNames } from "./lanes.ts";
import { processTitle, programSteps } from "./process-steps.ts";

export interface TraceDiagramOptions {
  /** Default: the model's name. */
  readonly title?: string;
  readonly notes?: readonly string[];
  /**
   * Draw each step in a box for its lane (see `laneNames`): these field paths, or, when
   * `"auto"`, the records with a `pc` (and each key of a map of them). Default: no lanes.
   */
  readonly lanes?: readonly string[] | "auto";
}

/**
 * A counterexample as a chain diagram: one node per step showing only the fields that changed
 * (the first node shows the fields that change later; fields that never change are listed once
 * in the legend), edges labelled with action and binding and numbered by step, and the violated
 * property with its explanation on the last node. Pass the result to `toDot`.
 */
export function traceDiagram<S>(model: ReportModel<S>, violation: Violation<S>, options: TraceDiagramOptions = {}): Diagram {
  const program = programSteps(model, violation.trace);
  const json = violation.trace.map((step, i) => ({
    binding: step.binding,
    state: model.codec.toJson(step.state),
    ...(program[i].process ? { lane: processTitle(program[i].process!) } : {}),
  }));
  const steps = json.map((step) => new Map<string, string>(fieldsOf(step.state)));
  const laneList = options.lanes === undefined || json.length === 0 ? [] : laneNames(json[0].state, options.lanes === "auto" ? undefined : options.lanes);
  const laneOf = assignLanes(laneList, json).ofStep;
  const first = steps[0] ?? new Map<string, string>();
  const changing = new Set<string>();
  for (let i = 1; i < steps.length; i++) {
    for (const [path, value] of steps[i]) if (steps[i - 1].get(path) !== value) changing.add(path);
  }
  const constants: Field[] = steps.length > 1 ? [...first].filter(([path]) => !changing.has(path)) : [];
  // A liveness lasso whose last state repeats trace[loopStart]: its last step is drawn as the
  // edge back to that node; a stuttering lasso gets a self-loop on its last node.
  const loopStart = violation.loopStart;
  const cyclic = loopStart !== undefined && !violation.stuttering && steps.length > 1;
  const shown = cyclic ? steps.slice(0, -1) : steps;
  const last = shown.length - 1;
  const lassoNote =
    loopStart === undefined ? undefined : cyclic ? `cycle: back to step ${loopStart + 1}, for ever` : "stutters here for ever";

  const nodes: DiagramNode[] = shown.map((fields, i) => {
    const shown: Field[] =
      i === 0
        ? [...fields].filter(([path]) => steps.length === 1 || changing.has(path))
        : [...fields].filter(([path, value]) => steps[i - 1].get(path) !== value);
    const end = i === last;
    return {
      id: `t${i}`,
      fields: shown,
      states: 1,
      initial: i === 0,
      deadlock: end && violation.kind === "deadlock",
      final: false,
      violates: end && (violation.kind === "invariant" || violation.kind === "liveness") ? [violation.property] : [],
      onTrace: false,
      tooltip: [...fields].map(([path, value]) => `${path} = ${value}`).join("\n"),
      ...(laneOf[i] >= 0 ? { cluster: laneList[laneOf[i]] } : {}),
      ...(end && (violation.message || lassoNote)
        ? { note: wrap([violation.message, lassoNote].filter(Boolean).join(" -- "), 48) }
        : {}),
    };
  });
  const edges: DiagramEdge[] = violation.trace.slice(1).map((step, i) => ({
    from: `t${i}`,
    to: cyclic && i + 1 === steps.length - 1 ? `t${loopStart}` : `t${i + 1}`,
    action: step.action ?? "",
    bindings: [step.binding],
    count: 1,
    traceSteps: [i + 2], // as the text trace numbers it: the initial state is 1, this step reaches state i + 2
  }));
  if (loopStart !== undefined && !cyclic) {
    edges.push({ from: `t${last}`, to: `t${last}`, action: "stutter", bindings: [null], count: 1, traceSteps: [] });
  }
  return {
    kind: "trace",
    title: options.title ?? model.name,
    notes: options.notes ?? [],
    constants,
    ...(laneList.length > 0 ? { clusterBy: "lane" } : {}),
    nodes,
    edges,
    violation: {
      kind: violation.kind,
      property: violation.property,
      ...(violation.message ? { message: violation.message } : {}),
      steps: last,
    },
  };
}

/** Breaks a sentence into lines of about `width` characters at spaces. */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}
