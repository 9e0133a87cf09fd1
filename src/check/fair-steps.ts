import type { Model } from "../model/model.ts";
import type { StateGraph } from "../graph/state-graph.ts";
import { forEachSuccessor, StepMatcher } from "../temporal/step-set.ts";
import type { FairnessSteps } from "./fairness.ts";
import { propertyThrew } from "./spec-faults.ts";

/**
 * How the model's fairness conditions classify steps, for {@link FairnessGroups}: which recorded
 * edges are ⟨A⟩_v steps of each condition (its restriction and subscript applied), and — when
 * `semanticEnabled` (a state constraint cut some successors) — which steps each state enables,
 * from the model's actions rather than the recorded edges, as TLC's ENABLED does.
 * `decode(id)` decodes a stored state (callers go through states in order).
 */
export function fairnessSteps<S>(model: Model<S>, graph: StateGraph, decode: (id: number) => S, semanticEnabled: boolean): FairnessSteps {
  const fairness = model.fairness ?? [];
  const matchers = fairness.map((f, i) => new StepMatcher(f, model.actions, true, `fairness[${i}]`));
  const { codec } = model;
  const threw = (e: unknown, f: number, state: S) => propertyThrew(e, `fairness[${f}]`, codec, state);
  const steps: FairnessSteps = {};
  if (matchers.some((m) => !m.plain)) {
    steps.belongs = (f, e) => {
      const from = graph.from(e);
      const to = graph.to(e);
      const m = matchers[f];
      if (m.plain) return from !== to;
      const state = decode(from);
      try {
        return m.matches(graph.action(e), graph.instance(e), state, from === to ? state : codec.decode(graph.vector(to), 0), from !== to);
      } catch (err) {
        throw threw(err, f, state);
      }
    };
  }
  if (semanticEnabled) {
    const scratch = new Int32Array(2 * codec.width);
    steps.enabledSteps = (s, visit) => {
      const state = decode(s);
      forEachSuccessor(model.actions, codec, state, scratch, (a, instance, to, changed) => {
        for (let f = 0; f < matchers.length; f++) {
          let hit: boolean;
          try {
            hit = matchers[f].matches(a, instance, state, to, changed);
          } catch (err) {
            throw threw(err, f, state);
          }
          if (hit) visit(f, a, instance);
        }
      });
    };
  }
  return steps;
}
