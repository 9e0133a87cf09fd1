import type { Model, Property, Sometimes, Temporal } from "../model/model.ts";
import { StateGraph } from "../graph/state-graph.ts";
import { renderFormula } from "../temporal/render.ts";
import { StepMatcher } from "../temporal/step-set.ts";
import type { CheckOptions, ExplorationObserver } from "./check-options.ts";
import { explore } from "./explore.ts";
import type { Lasso } from "./fair-cycle.ts";
import { compressLasso } from "./product-lasso.ts";
import type { CheckResult, CheckWarning, TraceStep, Violation, Witness } from "./result.ts";
import { TemporalSearch } from "./temporal-search.ts";
import { planProperty, type FastShape, type Plan, type TemporalMethod } from "./temporal-plan.ts";

/** Do these properties need the explored graph (and so {@link checkTemporal})? */
export function needsGraph<S>(properties: readonly Property<S>[]): boolean {
  return properties.some((p) => p.kind === "sometimes" || p.kind === "temporal");
}

/**
 * Checks `selected` properties that speak of reachability or behaviours. The safety
 * properties are checked by the search as usual while the explored graph is recorded; if the
 * search completes, each `sometimes` property needs a reachable state satisfying it (its
 * shortest witness is kept), and each temporal property is refuted by a fair lasso if one
 * exists: by a fast path for ◇p, □◇p, ◇□p and p ⤳ q ({@link findFairLasso}), otherwise in the
 * product of the graph with a Büchi automaton for the property's negation
 * ({@link findProductLasso}; `method: "product"` forces it). The first failure is the
 * violation; with `continue`, every property is decided.
 *
 * Soundness rests on a complete graph of the real states: an incomplete search checks no
 * temporal property (a warning says so); a view or symmetry is not applied (the graph of
 * representatives would merge states a behaviour tells apart), with a warning; with a
 * constraint the graph is cut, so behaviours leaving it are not considered, while `enabled`
 * and fairness see every successor the actions generate (as TLC's ENABLED does), with a
 * warning that the verdict may be unsound.
 */
export async function checkTemporal<S>(
  model: Model<S>,
  options: CheckOptions,
  selected: readonly Property<S>[],
  method: TemporalMethod = "auto",
): Promise<CheckResult<S>> {
  const started = Date.now();
  // Formulas are translated (and refused) before any state is explored.
  // A conjunction is checked conjunct by conjunct (as TLC splits /\ in PROPERTIES): each gets
  // its own, smaller automaton or a fast path, and a violation names the conjunct it breaks.
  const parts = selected.filter((p): p is Temporal<S> => p.kind === "temporal").flatMap((p) => conjuncts(p));
  const plans = parts.map((part) => planProperty(part.property, model.actions, method));
  (model.fairness ?? []).forEach((f, i) => new StepMatcher(f, model.actions, true, `fairness[${i}]`));
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
  const search = new TemporalSearch(model, graph, plans, sometimes);
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
    const extra = {
      ...(warnings.length ? { warnings } : {}),
      ...(witnesses.length ? { witnesses } : {}),
      ...(inner.coverage ? { coverage: inner.coverage } : {}),
    };
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
    const tree = bfsTree(graph, search.initial);
    for (let k = 0; k < sometimes.length; k++) {
      const mask = search.sometimesMask(k);
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
  if (temporal.length === 0) return finish();

  parts.forEach((part, k) => {
    for (const w of search.vacuity(k, part.property.name)) if (!warnings.some((x) => x.message === w.message)) warnings.push(w);
  });
  const fair = (model.fairness?.length ?? 0) > 0;
  const refuted = new Set<Temporal<S>>();
  for (let k = 0; k < parts.length; k++) {
    const { whole } = parts[k];
    if (refuted.has(whole)) continue;
    const lasso = search.refute(k);
    if (!lasso) continue;
    refuted.add(whole);
    const shown = compressLasso(lasso);
    if (violated(livenessViolation(parts[k], plans[k], fair, shown, toTrace(shown.states, shown.edges)))) return finish();
  }
  return finish();
}

/** One conjunct of a temporal property (the whole formula when it is no conjunction). */
export interface Conjunct<S> {
  readonly whole: Temporal<S>;
  /** The property with this conjunct as its formula. */
  readonly property: Temporal<S>;
  /** 1-based position and count, when the formula is a conjunction. */
  readonly position?: { readonly index: number; readonly of: number };
}

/** The conjuncts of `p`'s formula, nested conjunctions flattened. */
export function conjuncts<S>(p: Temporal<S>): Conjunct<S>[] {
  const flat = (f: Temporal<S>["formula"]): Temporal<S>["formula"][] => (f.op === "and" ? f.args.flatMap(flat) : [f]);
  const args = flat(p.formula);
  if (args.length < 2) return [{ whole: p, property: p }];
  return args.map((formula, i) => ({ whole: p, property: { ...p, formula }, position: { index: i + 1, of: args.length } }));
}

/** The violation a fair lasso shows for one conjunct of a temporal property. */
export function livenessViolation<S>(part: Conjunct<S>, plan: Plan<S>, fair: boolean, lasso: Lasso, trace: TraceStep<S>[]): Violation<S> {
  const p = part.whole;
  const what: Record<FastShape["op"], string> = {
    eventually: "the condition never becomes true",
    leadsTo: "the trigger holds but the response never follows",
    alwaysEventually: "from some point on the condition is never true again",
    eventuallyAlways: "the condition is false infinitely often",
  };
  const formula = renderFormula(part.property.formula);
  const verdict = plan.kind === "fast" ? what[plan.shape.op] : `${formula} is false on it`;
  const conjunct = part.position && `its conjunct ${part.position.index} of ${part.position.of}, ${formula},`;
  const why = !conjunct ? verdict : plan.kind === "fast" ? `${conjunct} fails: ${what[plan.shape.op]}` : `${conjunct} is false on it`;
  return {
    kind: "liveness",
    property: p.name,
    message: `${fair ? "a fair behaviour" : "a behaviour"} violates ${p.name}: ${why}`,
    location: p.location,
    trace,
    loopStart: lasso.loopStart,
    stuttering: lasso.stuttering,
    // Finite stuttering steps matter only to step predicates; elsewhere they are noise.
    ...(plan.table.atomCounts.step > 0 ? { ...(lasso.stutterAfter ? { stutterAfter: lasso.stutterAfter } : {}), ...(lasso.stutterInCycle ? { stutterInCycle: lasso.stutterInCycle } : {}) } : {}),
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
        "considered, while enabledness (enabled, fairness) counts the successors it cut, as TLC does, so the verdict can be unsound",
    });
  }
  return out;
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
