import type { Model, Temporal } from "../model/model.ts";
import { StateGraph } from "../graph/state-graph.ts";
import { StateStore } from "../state/state-store.ts";
import { fairLassoFinder, graphTrace, livenessViolation, masksOf, Predicates } from "./liveness.ts";
import type { Violation } from "./result.ts";
import { propertyThrew } from "./spec-faults.ts";

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
    const n = graph.stateCount;
    const codec = model.codec;
    const predicates = new Predicates<S>();
    const formulas = temporal.map((p) => masksOf(p.name, p.formula, predicates));
    predicates.evaluate(n, (id) => codec.decode(graph.vector(id), 0), (e, name, s) => propertyThrew(e, name, codec, s));
    const findLasso = fairLassoFinder(model, graph);
    const complete = this.complete.subarray(0, n);
    const out: Violation<S>[] = [];
    temporal.forEach((p, k) => {
      const query = formulas[k].query([initial], n);
      const lasso = findLasso({ ...query, region: query.region.map((r, s) => r & complete[s]) });
      if (lasso) out.push(livenessViolation(p, lasso, graphTrace(model, graph, lasso.states, lasso.edges)));
    });
    return out;
  }
}
