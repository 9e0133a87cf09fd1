import type { Model } from "../model/model.ts";
import { SIMULATION_DEFAULTS } from "./simulation-defaults.ts";
import { findStep, identify } from "../graph/trace.ts";
import type { BitstateSet } from "../state/bitstate.ts";
import { fp } from "../state/fingerprint.ts";
import { Random } from "./random.ts";
import type { Trace, TraceStep } from "./result.ts";
import type { SimulationOptions, SimulationSummary } from "./simulation-options.ts";

/** A simulation's options, checked and with their defaults. */
export interface SimulationRun {
  readonly seed: number;
  readonly behaviours: number;
  readonly depth: number;
  /** The first behaviour's index (the replayed one with `replay`). */
  readonly first: number;
  readonly replay: boolean;
  readonly shard: { readonly index: number; readonly count: number };
  readonly bitstate?: { readonly bytes: number; readonly hashes: number };
  readonly shortenBudget: number;
  /** Per action: 8 when this shard favours it, else 1. */
  readonly weights: Uint8Array;
}


/** Checks the options (RangeError naming the option and the value) and fills in the defaults. */
export function settleSimulation(options: SimulationOptions, actions: number): SimulationRun {
  const int = (name: string, value: number | undefined, fallback: number, min: number): number => {
    const v = value ?? fallback;
    if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`simulation ${name} must be an integer ≥ ${min}, got ${String(value)}`);
    return v;
  };
  const seed = int("seed", options.seed, SIMULATION_DEFAULTS.seed, 0);
  const shard = options.shard ?? { index: 1, count: 1 };
  const count = int("shard count", shard.count, 1, 1);
  const index = int("shard index", shard.index, 1, 1);
  if (index > count) throw new RangeError(`simulation shard ${index}/${count}: the index must be between 1 and ${count}`);
  const weights = new Uint8Array(actions).fill(1);
  if (index > 1) {
    const random = new Random(seed, index, count, 0x5eed);
    for (let a = 0; a < actions; a++) if (random.below(2) === 1) weights[a] = 8;
  }
  return {
    seed,
    behaviours: int("behaviours", options.behaviours, SIMULATION_DEFAULTS.behaviours, 1),
    depth: int("depth", options.depth, SIMULATION_DEFAULTS.depth, 1),
    first: int("behaviour", options.behaviour, 0, 0),
    replay: options.behaviour !== undefined,
    shard: { index, count },
    ...(options.bitstate
      ? { bitstate: { bytes: int("bitstate bytes", options.bitstate.bytes, 0, 8), hashes: int("bitstate hashes", options.bitstate.hashes, SIMULATION_DEFAULTS.hashes, 1) } }
      : {}),
    shortenBudget: int("shortenBudget", options.shortenBudget, SIMULATION_DEFAULTS.shortenBudget, 0),
    weights,
  };
}

/** The summary a simulation's result carries. */
export function summary<S>(
  run: SimulationRun,
  behaviours: number,
  steps: number,
  bitstate: BitstateSet | undefined,
  replayed: SimulationSummary<S>["replayed"],
): SimulationSummary<S> {
  return {
    seed: run.seed,
    ...(run.shard.count > 1 ? { shard: run.shard } : {}),
    behaviours,
    steps,
    depth: run.depth,
    ...(bitstate
      ? {
          bitstate: {
            bytes: bitstate.bytes,
            hashes: bitstate.hashes,
            fill: bitstate.bitsSet / bitstate.bits,
            omissionProbability: bitstate.omissionProbability,
            expectedCoverage: bitstate.expectedCoverage,
          },
        }
      : {}),
    ...(replayed ? { replayed } : {}),
  };
}

/**
 * A behaviour `path` and one more step to the state encoded in `vector`, which the last state
 * of the path generated but the constraint kept out (so it is known only by its encoding): the
 * step is the first action instance whose successor has that identity.
 */
export function rejectedTrace<S>(model: Model<S>, path: Trace<S>, vector: Int32Array): TraceStep<S>[] {
  identify(model, vector, 0);
  const [hi, lo] = [fp[0], fp[1]];
  const scratch = new Int32Array(model.codec.width);
  const step = findStep(model, path[path.length - 1].state, (s) => {
    model.codec.encode(s, scratch, 0);
    identify(model, scratch, 0);
    return fp[0] === hi && fp[1] === lo;
  });
  if (!step) throw new Error("simulation: no step of the last state reaches the state outside the constraint");
  return [...path, { ...step, state: model.codec.decode(vector, 0) }];
}
