import type { Binding, Invariant, Json, Model } from "../model/model.ts";
import type { Diagram } from "./diagram.ts";
import { fieldsOf, renderValue, resolvePath, type Field } from "./fields.ts";
import type { StateGraph } from "./state-graph.ts";
import { quotientDiagram } from "./quotient-diagram.ts";

/** A counterexample to emphasise: the checker's shortest trace and what it violates. */
export interface Counterexample<S> {
  readonly kind: "invariant" | "deadlock" | "liveness" | "sometimes";
  readonly property: string;
  readonly message?: string;
  readonly trace: readonly { readonly action: string | null; readonly state: S }[];
}

export interface DiagramOptions<S> {
  /** Default: the model's name. */
  readonly title?: string;
  readonly notes?: readonly string[];
  /** Project onto these field paths (`mode`, `cpus.1.pc`): nodes are the distinct projected values. */
  readonly view?: readonly string[];
  /** Project with a function instead (a spec's named view); its value must be plain JSON data. */
  readonly project?: { readonly name: string; readonly of: (state: S) => Json };
  /** Drop edges whose ends are the same node (after projection). */
  readonly hideStutter?: boolean;
  /** Group nodes by the value of this field path; with a view it must be determined by the view. */
  readonly cluster?: string;
  /** The spec's own node label; ignored with a view or projection. */
  readonly label?: (state: S) => string;
  readonly counterexample?: Counterexample<S>;
  /**
   * Draw one node per bisimulation class (see {@link quotientDiagram}): nodes with the same
   * marks whose actions lead to the same classes merge, so a large graph draws small.
   */
  readonly quotient?: boolean;
  /**
   * With a view or projection, split a node whose states differ in which invariants they
   * violate, so that a VIOLATES mark holds of every state of its node (the readable view does).
   */
  readonly separateViolations?: boolean;
}

interface Group {
  readonly key: string;
  readonly fields: Field[];
  text?: string;
  states: number;
  initial: boolean;
  deadlock: boolean;
  final: boolean;
  readonly violates: Set<string>;
  onTrace: boolean;
  cluster?: string;
  note?: string;
}

interface EdgeGroup {
  readonly from: number;
  readonly to: number;
  readonly action: string;
  readonly bindings: Map<string, Binding>;
  count: number;
  readonly traceSteps: number[];
}

/**
 * The diagram of an explored state graph: every stored state (or, with `view`, every distinct
 * projection of one) as a node marked initial, deadlocked, final or violating; every transition
 * as an edge labelled with its action and binding, merged by (from, to, action) with counts.
 * Throws RangeError for a view or cluster path that names no field.
 */
export function buildDiagram<S>(model: Model<S>, graph: StateGraph, options: DiagramOptions<S> = {}): Diagram {
  const { codec } = model;
  const invariants = model.properties.filter((p): p is Invariant<S> => p.kind === "invariant");
  const deadlock = model.properties.find((p) => p.kind === "deadlock");
  const view = options.view;
  const project = options.project;
  if (view && project) throw new RangeError("a diagram takes view paths or a view function, not both");
  const projected = view !== undefined || project !== undefined;
  const viewSeen = new Set<string>();
  const groups: Group[] = [];
  const groupOf = new Int32Array(graph.stateCount);
  const byKey = new Map<string, number>();
  let clusterSeen = false;

  for (let id = 0; id < graph.stateCount; id++) {
    const state = codec.decode(graph.vector(id), 0);
    const json = codec.toJson(state);
    let key: string;
    let fields: () => Field[];
    if (view) {
      const parts = view.map((path) => {
        const v = resolvePath(json, path);
        if (v !== undefined) viewSeen.add(path);
        return v ?? null;
      });
      key = JSON.stringify(parts);
      fields = () => view.flatMap((path, i) => fieldsOf(parts[i], path));
    } else if (project) {
      const value = project.of(state);
      key = JSON.stringify(value);
      fields = () => (isRecord(value) ? fieldsOf(value) : [[project.name, renderValue(value)]]);
    } else {
      key = String(id);
      fields = () => fieldsOf(json);
    }
    // With separateViolations a projected node never mixes states that violate an invariant with
    // states that do not: its VIOLATES mark is then true of every state it stands for.
    const violated = projected && options.separateViolations ? invariants.filter((inv) => !inv.holds(state)).map((inv) => inv.name) : [];
    if (violated.length > 0) key += ` violates ${JSON.stringify(violated)}`;
    let g = byKey.get(key);
    if (g === undefined) {
      g = groups.length;
      byKey.set(key, g);
      groups.push({
        key,
        fields: fields(),
        ...(options.label && !projected ? { text: options.label(state) } : {}),
        states: 0,
        initial: false,
        deadlock: false,
        final: false,
        violates: new Set(),
        onTrace: false,
      });
    }
    groupOf[id] = g;
    const group = groups[g];
    group.states++;
    if (graph.depth(id) === 1) group.initial = true;
    if (projected && options.separateViolations) for (const name of violated) group.violates.add(name);
    else for (const inv of invariants) if (!inv.holds(state)) group.violates.add(inv.name);
    if (graph.outEdges(id).length === 0 && !hasSuccessor(model, state)) {
      const mayEnd = deadlock === undefined || (deadlock.kind === "deadlock" && (deadlock.terminal?.(state) ?? false));
      if (mayEnd) group.final = true;
      else group.deadlock = true;
    }
    if (options.cluster !== undefined) {
      const value = resolvePath(json, options.cluster);
      if (value !== undefined) clusterSeen = true;
      const shown = renderValue(value ?? null);
      if (group.cluster === undefined) group.cluster = shown;
      else if (group.cluster !== shown) {
        throw new RangeError(
          `--cluster ${options.cluster}: states of one node differ in this field; add it to the view (--view ${[...(view ?? []), options.cluster].join(",")})`,
        );
      }
    }
  }
  if (graph.stateCount > 0) {
    const known = () => knownPaths(codec.toJson(codec.decode(graph.vector(0), 0)));
    for (const path of view ?? []) {
      if (!viewSeen.has(path)) throw new RangeError(`--view: no field "${path}"; the state has ${known()}`);
    }
    if (options.cluster !== undefined && !clusterSeen) {
      throw new RangeError(`--cluster: no field "${options.cluster}"; the state has ${known()}`);
    }
  }

  const cex = options.counterexample;
  const traceIds = cex ? traceStates(model, graph, cex) : [];
  // The counterexample's steps that stay in one node are drawn (as self-loops numbered for their
  // step) even when self-loops are hidden: its path is shown whole.
  const traceLoops = new Set<string>();
  traceIds.forEach((id, i) => {
    const previous = traceIds[i - 1];
    const action = cex!.trace[i].action;
    if (i > 0 && id >= 0 && previous >= 0 && action !== null) {
      traceLoops.add(`${previous}>${id}>${model.actions.findIndex((act) => act.name === action)}`);
    }
  });
  const edges: EdgeGroup[] = [];
  const edgeByKey = new Map<string, number>();
  const edgeIndex = (from: number, to: number, action: number): number | undefined =>
    edgeByKey.get(`${from}>${to}>${action}`);
  for (let e = 0; e < graph.edgeCount; e++) {
    const from = groupOf[graph.from(e)];
    const to = groupOf[graph.to(e)];
    const a = graph.action(e);
    if (options.hideStutter && from === to && !traceLoops.has(`${graph.from(e)}>${graph.to(e)}>${a}`)) continue;
    const key = `${from}>${to}>${a}`;
    let k = edgeByKey.get(key);
    if (k === undefined) {
      k = edges.length;
      edgeByKey.set(key, k);
      edges.push({ from, to, action: model.actions[a].name, bindings: new Map(), count: 0, traceSteps: [] });
    }
    const edge = edges[k];
    edge.count++;
    const binding = model.actions[a].bindingOf(graph.instance(e));
    const bindingKey = JSON.stringify(binding);
    if (!edge.bindings.has(bindingKey)) edge.bindings.set(bindingKey, binding);
  }

  const traceGroups = cex ? markTrace(model, cex, traceIds, groupOf, groups, edgeIndex, edges) : [];

  const constants = groups.length > 1 && (projected || !options.label) ? constantFields(groups) : [];
  const constantPaths = new Set(constants.map(([path]) => path));
  const nodeId = (g: number) => `s${g}`;
  const diagram: Diagram = {
    kind: "graph",
    title: options.title ?? model.name,
    notes: [
      ...(options.notes ?? []),
      ...(projected
        ? [`view: ${view ? view.join(", ") : project!.name} (${graph.stateCount} states -> ${groups.length} nodes)`]
        : []),
      ...(options.hideStutter ? [traceLoops.size > 0 ? "self-loops hidden, except the counterexample's" : "self-loops hidden"] : []),
    ],
    constants,
    ...(options.cluster !== undefined ? { clusterBy: options.cluster } : {}),
    nodes: groups.map((g, i) => ({
      id: nodeId(i),
      fields: g.fields.filter(([path]) => !constantPaths.has(path) && !within(path, options.cluster)),
      ...(g.text !== undefined ? { text: g.text } : {}),
      states: g.states,
      initial: g.initial,
      deadlock: g.deadlock,
      final: g.final,
      violates: invariants.map((inv) => inv.name).filter((name) => g.violates.has(name)),
      onTrace: g.onTrace,
      ...(g.note !== undefined ? { note: g.note } : {}),
      ...(g.cluster !== undefined ? { cluster: g.cluster } : {}),
    })),
    edges: edges.map((e) => ({
      from: nodeId(e.from),
      to: nodeId(e.to),
      action: e.action,
      bindings: [...e.bindings.values()],
      count: e.count,
      traceSteps: e.traceSteps,
    })),
    ...(cex
      ? {
          violation: { kind: cex.kind, property: cex.property, ...(cex.message ? { message: cex.message } : {}), steps: cex.trace.length - 1 },
          traceNodes: traceGroups.map((g) => (g < 0 ? null : nodeId(g))),
        }
      : {}),
  };
  return options.quotient ? quotientDiagram(diagram) : diagram;
}

/** Whether any action is enabled in `state` (successors outside a constraint count, as in `check`). */
function hasSuccessor<S>(model: Model<S>, state: S): boolean {
  let found = false;
  for (const action of model.actions) {
    action.next(state, () => (found = true));
    if (found) return true;
  }
  return false;
}

/** The graph's id of each state of the counterexample, found by its encoded vector (-1 when the graph does not hold it). */
function traceStates<S>(model: Model<S>, graph: StateGraph, cex: Counterexample<S>): number[] {
  const ids = new Map<string, number>();
  for (let id = 0; id < graph.stateCount; id++) ids.set(graph.vector(id).join(","), id);
  const scratch = new Int32Array(model.codec.width);
  return cex.trace.map((step) => {
    model.codec.encode(step.state, scratch, 0);
    return ids.get(scratch.join(",")) ?? -1;
  });
}

/**
 * Marks the nodes and edges of the counterexample (its states' graph ids in `traceIds`);
 * returns the group of each step (-1 for a state the graph does not hold).
 */
function markTrace<S>(
  model: Model<S>,
  cex: Counterexample<S>,
  traceIds: readonly number[],
  groupOf: Int32Array,
  groups: Group[],
  edgeIndex: (from: number, to: number, action: number) => number | undefined,
  edges: EdgeGroup[],
): number[] {
  return cex.trace.map((step, i) => {
    const id = traceIds[i];
    if (id < 0) return -1;
    groups[groupOf[id]].onTrace = true;
    const previous = i > 0 ? traceIds[i - 1] : -1;
    if (previous >= 0 && step.action !== null) {
      const a = model.actions.findIndex((act) => act.name === step.action);
      const k = edgeIndex(groupOf[previous], groupOf[id], a);
      if (k !== undefined) edges[k].traceSteps.push(i + 1); // numbered as the text trace: the initial state is 1
    }
    return groupOf[id];
  });
}

/** Fields with one value across all groups (same path present everywhere). */
function constantFields(groups: readonly Group[]): Field[] {
  const first = groups[0].fields;
  return first.filter(([path, value]) =>
    groups.every((g) => g.fields.some(([p, v]) => p === path && v === value)),
  );
}

/** Whether `path` is `prefix` or lies inside it (`cpus.1` within `cpus`). */
function within(path: string, prefix: string | undefined): boolean {
  return prefix !== undefined && (path === prefix || path.startsWith(`${prefix}.`));
}

function isRecord(value: Json): value is { readonly [key: string]: Json } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function knownPaths(json: Json): string {
  const paths = new Set<string>();
  for (const [path] of fieldsOf(json)) {
    const parts = path.split(".");
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join("."));
  }
  return [...paths].join(", ") || "no fields";
}
