/**
 * Checks of counterexample traces that do not trust the checker: a trace is replayed against
 * the model's own init and actions, comparing states by their canonical encoding.
 */
import type { Binding, Invariant, Model, Trace } from "interleave-spec";
import { StateGraph } from "../../src/graph/state-graph.ts";

/** Two states are the same state when their encodings are equal. */
export function sameState<S>(model: Model<S>, a: S, b: S): boolean {
  const { codec } = model;
  const x = new Int32Array(codec.width);
  const y = new Int32Array(codec.width);
  codec.encode(a, x, 0);
  codec.encode(b, y, 0);
  return x.every((v, i) => v === y[i]);
}

export function initialStates<S>(model: Model<S>): S[] {
  const out: S[] = [];
  model.init((s) => out.push(s));
  return out;
}

/** The successors of `from` under the action named `actionName`, with their bindings. */
export function successorsBy<S>(model: Model<S>, from: S, actionName: string): { state: S; binding: Binding }[] {
  const action = model.actions.find((a) => a.name === actionName);
  if (!action) return [];
  const out: { state: S; binding: Binding }[] = [];
  action.next(from, (state, instance) => out.push({ state, binding: action.bindingOf(instance) }));
  return out;
}

/**
 * Replays `trace` on `model` and describes every way it fails to be a behaviour of the model:
 * a first state that is not initial, a step whose state is not a successor of the previous
 * state under the named action with the same binding. An empty list means the trace replays.
 */
export function replayFailures<S>(model: Model<S>, trace: Trace<S>): string[] {
  const failures: string[] = [];
  if (trace.length === 0) return ["the trace is empty"];
  if (trace[0].action !== null) failures.push(`step 0 names action ${trace[0].action}; an initial state names none`);
  if (!initialStates(model).some((s) => sameState(model, s, trace[0].state))) failures.push("step 0 is not an initial state");
  for (let i = 1; i < trace.length; i++) {
    const { action, binding, state } = trace[i];
    if (action === null) {
      failures.push(`step ${i} names no action`);
      continue;
    }
    const ok = successorsBy(model, trace[i - 1].state, action).some(
      (next) => sameState(model, next.state, state) && JSON.stringify(next.binding) === JSON.stringify(binding),
    );
    if (!ok) failures.push(`step ${i} (${action} ${JSON.stringify(binding)}) is not a successor of step ${i - 1}`);
  }
  return failures;
}

/** The invariant of `model` named `name` (throws when there is none, a broken test table). */
export function invariantNamed<S>(model: Model<S>, name: string): Invariant<S> {
  const found = model.properties.find((p): p is Invariant<S> => p.kind === "invariant" && p.name === name);
  if (!found) throw new Error(`the model has no invariant named ${name}`);
  return found;
}

/** Every stored state of an explored graph, decoded, with its BFS depth. */
export function statesOf<S>(model: Model<S>, graph: StateGraph): { state: S; depth: number }[] {
  return Array.from({ length: graph.stateCount }, (_, id) => ({
    state: model.codec.decode(graph.vector(id), 0),
    depth: graph.depth(id),
  }));
}

/** Every recorded transition of an explored graph, with both ends decoded. */
export function transitionsOf<S>(model: Model<S>, graph: StateGraph): { from: S; to: S; action: string }[] {
  return Array.from({ length: graph.edgeCount }, (_, e) => ({
    from: model.codec.decode(graph.vector(graph.from(e)), 0),
    to: model.codec.decode(graph.vector(graph.to(e)), 0),
    action: model.actions[graph.action(e)].name,
  }));
}

export { StateGraph };
