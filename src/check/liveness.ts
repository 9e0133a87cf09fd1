import type { Model, Property, Sometimes, Temporal, TemporalFormula } from "../model/model.ts";
import { StateGraph } from "../graph/state-graph.ts";
import type { CheckOptions, ExplorationObserver } from "./check-options.ts";
import { explore } from "./explore.ts";
import { FairnessGroups, instanceValuesOf } from "./fairness.ts";
import { findFairLasso, type Lasso, type LassoQuery } from "./fair-cycle.ts";
import { Adjacency } from "./scc.ts";
import type { CheckResult, CheckWarning, TraceStep, Violation, Witness } from "./result.ts";
import { propertyThrew } from "./spec-faults.ts";

/** Do these properties need the explored graph (and so {@link checkTemporal})? */
export function needsGraph<S>(properties: readonly Property<S>[]): boolean {
  return properties.some((p) => p.kind === "sometimes" || p.kind === "temporal");
}

/**
 * Checks `selected` properties that speak of reachability or behaviours. The safety
 * properties are checked by the search as usual while the explored graph is recorded; if the
 * search completes, each `sometimes` property needs a reachable state satisfying it (its
 * shortest witness is kept), and each temporal property is refuted by a fair lasso if one
 * exists ({@link findFairLasso}). The first failure is the violation; with `continue`, every
 * property is decided.
 *
 * Soundness rests on a complete graph of the real states: an incomplete search checks no
 * temporal property (a warning says so); a view or symmetry is not applied (the graph of
 * representatives would merge states a behaviour tells apart), with a warning; with a
 * constraint the graph is cut, so fairness is judged on the cut graph (as in TLC), with a
 * warning that the verdict may be unsound.
 */
export async function checkTemporal<S>(model: Model<S>, options: CheckOptions, selected: readonly Property<S>[]): Promise<CheckResult<S>> {
  const started = Date.now();
  const full: Model<S> = model.identity ? { ...model, identity: undefined } : model;
  const graph = new StateGraph(model.codec.width);
  const safety = selected.filter((p) => p.kind === "invariant" || p.kind === "deadlock");
  const inner = await explore(full, safety, { ...options, observer: both(graph, options.observer) });
  options.live?.enter("liveness");
  const properties = selected.map((p) => p.name);
  const sometimes = selected.filter((p): p is Sometimes<S> => p.kind === "sometimes");
  const temporal = selected.filter((p): p is Temporal<S> => p.kind === "temporal");
  const warnings: CheckWarning[] = [...(inner.warnings ?? []), ...settingWarnings(model, temporal, sometimes)];
  const found: Violation<S>[] = inner.result === "violation" ? [...inner.violations] : [];
  const complete = inner.result === "ok" || (inner.result === "violation" && options.continue === true && inner.stoppedBy === undefined);
  if (!complete) {
    const unchecked = [...sometimes, ...temporal].map((p) => p.name).join(", ");
    warnings.push({
      kind: "liveness-not-checked",
      message: `${unchecked} not checked: ${inner.result === "violation" ? "a violation stopped the search" : "the search is incomplete"}`,
    });
    return { ...inner, properties, warnings };
  }

  const { codec } = model;
  const n = graph.stateCount;
  const predicates = new Predicates<S>();
  const someMasks = sometimes.map((p) => predicates.add(p.name, (s) => p.holds(s)));
  const formulas = temporal.map((p) => masksOf(p.name, p.formula, predicates));
  predicates.evaluate(n, (id) => codec.decode(graph.vector(id), 0), (e, name, s) => propertyThrew(e, name, codec, s));

  const initial: number[] = [];
  for (let id = 0; id < n && graph.depth(id) === 1; id++) initial.push(id);
  const toTrace = (states: readonly number[], edges: readonly number[]): TraceStep<S>[] =>
    states.map((id, i) => {
      const state = codec.decode(graph.vector(id), 0);
      if (i === 0) return { action: null, binding: null, state };
      const action = model.actions[graph.action(edges[i - 1])];
      return { action: action.name, binding: action.bindingOf(graph.instance(edges[i - 1])), state };
    });
  const witnesses: Witness<S>[] = [];
  const finish = (): CheckResult<S> => {
    const stats = { ...inner.stats, durationMs: Date.now() - started };
    const extra = { ...(warnings.length ? { warnings } : {}), ...(witnesses.length ? { witnesses } : {}) };
    return found.length > 0
      ? { result: "violation", violation: found[0], violations: found, stats, properties, ...extra }
      : { result: "ok", stats, properties, ...extra };
  };
  /** Records a violation; true when the search is to stop there. */
  const violated = (v: Violation<S>): boolean => {
    found.push(v);
    return options.continue !== true;
  };

  if (sometimes.length > 0) {
    const tree = bfsTree(graph, initial);
    for (let k = 0; k < sometimes.length; k++) {
      const mask = predicates.masks[someMasks[k]];
      const hit = mask.indexOf(1); // the first hit in breadth-first order is a shallowest one
      const p = sometimes[k];
      if (hit < 0) {
        const v: Violation<S> = {
          kind: "sometimes",
          property: p.name,
          message: `no reachable state satisfies ${p.name} (it is never possible)`,
          location: p.location,
          trace: [],
        };
        if (violated(v)) return finish();
        continue;
      }
      const path = tree.pathTo(hit);
      witnesses.push({ property: p.name, trace: toTrace(path.states, path.edges) });
    }
  }

  temporal.forEach((p, k) => {
    if (p.formula.op === "leadsTo" && predicates.masks[formulas[k].trigger].indexOf(1) < 0) {
      warnings.push({
        kind: "vacuous-property",
        subject: p.name,
        message: `${p.name} holds vacuously: its trigger (the left side of leadsTo) is false in every reachable state`,
      });
    }
  });

  if (temporal.length > 0) {
    const groups = new FairnessGroups(
      model.fairness ?? [],
      model.actions.map((a) => a.name),
      graph,
      (a, i) => instanceValuesOf(model.actions[a], i),
    );
    const adjacency = new Adjacency(graph);
    for (let k = 0; k < temporal.length; k++) {
      const query = formulas[k].query(initial, n);
      const lasso = findFairLasso(graph, groups, query, adjacency);
      if (lasso && violated(livenessViolation(temporal[k], lasso, toTrace(lasso.states, lasso.edges)))) return finish();
    }
  }
  return finish();
}

function livenessViolation<S>(p: Temporal<S>, lasso: Lasso, trace: TraceStep<S>[]): Violation<S> {
  const what: Record<TemporalFormula<S>["op"], string> = {
    eventually: "the condition never becomes true",
    leadsTo: "the trigger holds but the response never follows",
    alwaysEventually: "from some point on the condition is never true again",
    eventuallyAlways: "the condition is false infinitely often",
  };
  return {
    kind: "liveness",
    property: p.name,
    message: `a fair behaviour violates ${p.name}: ${what[p.formula.op]}`,
    location: p.location,
    trace,
    loopStart: lasso.loopStart,
    stuttering: lasso.stuttering,
  };
}

/** The TLC-style warnings about the setting a temporal property is checked in. */
function settingWarnings<S>(model: Model<S>, temporal: readonly Temporal<S>[], sometimes: readonly Sometimes<S>[]): CheckWarning[] {
  const out: CheckWarning[] = [];
  if (model.identity) {
    out.push({
      kind: "reduction-not-applied",
      message:
        `${model.identity.description} not applied: ${[...sometimes, ...temporal].map((p) => p.name).join(", ")} ` +
        "need the graph of every reachable state (a graph of representatives can merge states that a behaviour tells " +
        "apart, so TLC's verdicts there may be unsound); the full state space was explored",
    });
  }
  if (temporal.length === 0) return out;
  if (!model.fairness?.length) {
    out.push({
      kind: "no-fairness",
      message:
        `temporal ${temporal.length === 1 ? "property" : "properties"} ${temporal.map((p) => p.name).join(", ")} ` +
        "checked without fairness: every behaviour may stop (stutter) forever in any state, so progress properties " +
        "usually fail; declare fairness, e.g. fairness: [weak()]",
    });
  }
  if (model.constraint) {
    out.push({
      kind: "liveness-with-constraint",
      message:
        "temporal properties are checked on the graph cut by the state constraint: behaviours leaving it are not " +
        "considered and fairness is judged on the cut graph, so the verdict can be unsound",
    });
  }
  return out;
}

/** Evaluates state predicates once per state into one bit mask each. */
class Predicates<S> {
  private readonly fns: { name: string; holds: (s: S) => boolean }[] = [];
  readonly masks: Uint8Array[] = [];

  add(name: string, holds: (s: S) => boolean): number {
    this.fns.push({ name, holds });
    return this.fns.length - 1;
  }

  evaluate(n: number, decode: (id: number) => S, threw: (e: unknown, name: string, s: S) => Error): void {
    for (let k = 0; k < this.fns.length; k++) this.masks.push(new Uint8Array(n));
    for (let id = 0; id < n; id++) {
      const s = decode(id);
      for (let k = 0; k < this.fns.length; k++) {
        let v: boolean;
        try {
          v = this.fns[k].holds(s);
        } catch (e) {
          throw threw(e, this.fns[k].name, s);
        }
        if (v) this.masks[k][id] = 1;
      }
    }
  }
}

/** Registers a formula's predicates; `query` builds the lasso query once the masks are filled. */
function masksOf<S>(
  name: string,
  f: TemporalFormula<S>,
  predicates: Predicates<S>,
): { trigger: number; query: (initial: readonly number[], n: number) => LassoQuery } {
  const p = predicates.add(name, f.p);
  const q = f.op === "leadsTo" ? predicates.add(name, f.q) : -1;
  return {
    trigger: p,
    query: (initial, n) => {
      const P = predicates.masks[p];
      const not = (m: Uint8Array) => m.map((b) => 1 - b);
      const all = new Uint8Array(n).fill(1);
      switch (f.op) {
        case "eventually":
          return { initial, region: not(P), seeds: not(P), prefixAnywhere: false };
        case "leadsTo": {
          const notQ = not(predicates.masks[q]);
          return { initial, region: notQ, seeds: P.map((b, i) => b & notQ[i]), prefixAnywhere: true };
        }
        case "alwaysEventually":
          return { initial, region: not(P), seeds: not(P), prefixAnywhere: true };
        case "eventuallyAlways":
          return { initial, region: all, seeds: all, prefixAnywhere: true, accepting: not(P) };
      }
    },
  };
}

/** Shortest paths from the initial states over the recorded graph. */
function bfsTree(graph: StateGraph, initial: readonly number[]) {
  const via = new Int32Array(graph.stateCount).fill(-1);
  const seen = new Uint8Array(graph.stateCount);
  const queue = [...initial];
  for (const s of initial) seen[s] = 1;
  for (let head = 0; head < queue.length; head++) {
    const out = graph.outEdges(queue[head]);
    for (let k = 0; k < out.length; k++) {
      const t = graph.to(out[k]);
      if (seen[t]) continue;
      seen[t] = 1;
      via[t] = out[k];
      queue.push(t);
    }
  }
  return {
    pathTo(id: number): { states: number[]; edges: number[] } {
      const states = [id];
      const edges: number[] = [];
      for (let at = id; via[at] >= 0; at = graph.from(via[at])) {
        edges.push(via[at]);
        states.push(graph.from(via[at]));
      }
      return { states: states.reverse(), edges: edges.reverse() };
    },
  };
}

function both(graph: StateGraph, other: ExplorationObserver | undefined): ExplorationObserver {
  if (!other) return graph;
  return {
    state(id, vector, depth) {
      graph.state(id, vector, depth);
      other.state?.(id, vector, depth);
    },
    edge(from, to, action, instance) {
      graph.edge(from, to, action, instance);
      other.edge?.(from, to, action, instance);
    },
  };
}
