import type { Model } from "../model/model.ts";
import { selectProperties, type CheckOptions } from "./check-options.ts";
import { explore } from "./explore.ts";
import { checkTemporal, needsGraph } from "./liveness.ts";
import type { CheckResult } from "./result.ts";
import { simulate } from "./simulate.ts";

export { selectProperties, type CheckOptions, type ExplorationObserver, type Strategy } from "./check-options.ts";
export type { BitstateSummary, SimulationOptions, SimulationSummary } from "./simulation-options.ts";

/**
 * Explores every reachable state of `model` (breadth-first unless `options.strategy` says
 * otherwise) and checks its properties. Returns the outcome as data; throws {@link SpecError}
 * only when the spec itself is faulty, and RangeError for an unknown property name.
 */
export async function check<S>(model: Model<S>, options: CheckOptions = {}): Promise<CheckResult<S>> {
  const selected = selectProperties(model.properties, options.properties);
  if (options.strategy === "simulation") return simulate(model, selected, options);
  if (needsGraph(selected)) return checkTemporal(model, options, selected);
  return explore(model, selected, options);
}
