import { check, compile, StateGraph, type Model, type Spec, type Violation } from "interleave-spec";

/** The model, its recorded reachable graph, and the checker's counterexample if any. */
export interface Explored<S = unknown> {
  readonly model: Model<S>;
  readonly graph: StateGraph;
  readonly counterexample?: Violation<S>;
}

/** Explores `spec` completely (no property stops the search) and runs the checker for its verdict. */
export async function explore(spec: Spec<any, any>): Promise<Explored> {
  const model = compile(spec) as Model<unknown>;
  const graph = new StateGraph(model.codec.width);
  const full = await check(model, { observer: graph, properties: [] });
  if (full.result !== "ok") throw new Error(`exploration of ${model.name} did not complete`);
  const verdict = await check(model);
  return { model, graph, ...(verdict.result === "violation" ? { counterexample: verdict.violation } : {}) };
}
