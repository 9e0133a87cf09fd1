import type { Model, Temporal } from "../model/model.ts";
import { StateGraph } from "../graph/state-graph.ts";
import { StateStore } from "../state/state-store.ts";
import { conjuncts, livenessViolation } from "./liveness.ts";
import { compressLasso } from "./product-lasso.ts";
import type { TraceStep, Violation } from "./result.ts";
import { TemporalSearch } from "./temporal-search.ts";
import { planProperty } from "./temporal-plan.ts";

/**
 * The part of the state graph one simulated behaviour has seen: the states on its path, each
 * with every transition out of it (the simulation expands each state it walks through), and the
 * successors those transitions reach. A state whose transitions are all recorded is complete.
 */
export class BehaviourGraph {
  graph: StateGraph;
  private readonly ids = new StateStore(1 << 10);
  private complete = new Uint8Array(256);

  constructor(private readonly width: number) {
    this.graph = new StateGraph(width);
  }

  /** Forgets the previous behaviour. */
  reset(): void {
    this.graph = new StateGraph(this.width);
    this.ids.clear();
    this.complete.fill(0);
  }

  /** The id of the state with fingerprint `(hi, lo)`, encoded at `vector[offset ..]`, met at `depth`; added when new. */
  node(hi: number, lo: number, vector: Int32Array, offset: number, depth: number): number {
    const id = this.ids.insert(hi, lo, -1);
    if (id < 0) return -id - 1;
    this.graph.state(id, vector.subarray(offset, offset + this.width), depth);
    return id;
  }

  /** State `id` was expanded: all its transitions are (or are being) recorded. */
  expanded(id: number): void {
    if (id >= this.complete.length) {
      const bigger = new Uint8Array(Math.max(id + 1, this.complete.length * 2));
      bigger.set(this.complete);
      this.complete = bigger;
    }
    this.complete[id] = 1;
  }

  /**
   * The temporal properties among `temporal` that a fair lasso of this graph violates, starting
   * in state `initial` and cycling only through complete states (whose enabled actions are all
   * known, so that fairness is judged as in the full graph). Every such lasso is a behaviour of
   * the spec, so each violation is real; finding none proves nothing.
   */
  violations<S>(model: Model<S>, temporal: readonly Temporal<S>[], initial: number): Violation<S>[] {
    const { graph } = this;
    if (initial !== 0) throw new RangeError("a behaviour's graph starts at its initial state, id 0");
    const parts = temporal.flatMap((p) => conjuncts(p));
    const plans = parts.map((part) => planProperty(part.property, model.actions, "auto"));
    const search = new TemporalSearch(model, graph, plans);
    const complete = this.complete.subarray(0, graph.stateCount);
    const fair = (model.fairness?.length ?? 0) > 0;
    const out: Violation<S>[] = [];
    const refuted = new Set<Temporal<S>>();
    parts.forEach((part, k) => {
      if (refuted.has(part.whole)) return;
      const lasso = search.refute(k, complete);
      if (!lasso) return;
      refuted.add(part.whole);
      const shown = compressLasso(lasso);
      out.push(livenessViolation(part, plans[k], fair, shown, graphTrace(model, graph, shown.states, shown.edges)));
    });
    return out;
  }
}

/** The states and steps of a path in a recorded graph (`edges[i]` leads from `states[i]` to `states[i + 1]`; -1: a stuttering step) as a trace. */
function graphTrace<S>(model: Model<S>, graph: StateGraph, states: readonly number[], edges: readonly number[]): TraceStep<S>[] {
  return states.map((id, i) => {
    const state = model.codec.decode(graph.vector(id), 0);
    if (i === 0) return { action: null, binding: null, state };
    const action = model.actions[graph.action(edges[i - 1])];
    return { action: action.name, binding: action.bindingOf(graph.instance(edges[i - 1])), state };
  });
}
