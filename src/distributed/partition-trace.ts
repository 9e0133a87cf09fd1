import type { Model } from "../model/model.ts";
import { fp } from "../state/fingerprint.ts";
import { findStep, identify, type Trace, type TraceStep } from "../graph/trace.ts";
import type { PartitionStore } from "./partition-store.ts";
import { ownerOf } from "./partition-store.ts";
import type { Transport } from "./transport.ts";

/** A path of fingerprints `[hi, lo]` from an initial state. */
export type FingerprintPath = [number, number][];

/**
 * The path of parent fingerprints from an initial state to `state`, asked of the owners: one
 * all-gather round per step, in which the owner of the current state answers with its parent.
 * Every partition takes part (and learns the path); `round` names this rebuild uniquely.
 */
export async function gatherPath(transport: Transport, store: PartitionStore, round: string, state: [number, number]): Promise<FingerprintPath> {
  const path: FingerprintPath = [state];
  for (let step = 0; ; step++) {
    const [hi, lo] = path[path.length - 1];
    let answer = "";
    if (ownerOf(hi, lo, transport.partitions) === transport.partition) {
      const parent = store.parentOf(hi, lo);
      if (parent === undefined) throw new Error(`partition ${transport.partition}: state ${hi}:${lo} is not stored here`);
      answer = parent === null ? "init" : `${parent[0]}:${parent[1]}`;
    }
    const answers = await transport.gather(`${round}:${step}`, answer);
    const given = answers.find((a) => a !== "");
    if (given === undefined) throw new Error(`trace rebuild: no partition owns state ${hi}:${lo}`);
    if (given === "init") break;
    const [phi, plo] = given.split(":").map(Number);
    path.push([phi, plo]);
  }
  return path.reverse();
}

/**
 * The behaviour along a path of fingerprints: the initial state and, at each step, the first
 * action instance (in action order) whose successor has the next fingerprint — what the
 * one-process search's trace reconstruction picks, so both print the same trace.
 */
export function replayPath<S>(model: Model<S>, path: FingerprintPath): Trace<S> {
  const codec = model.codec;
  const scratch = new Int32Array(codec.width);
  let reached: S | undefined;
  const matches = (state: S, [hi, lo]: [number, number]): boolean => {
    codec.encode(state, scratch, 0);
    identify(model, scratch, 0);
    const hit = (fp[0] | 0) === (hi | 0) && (fp[1] | 0) === (lo | 0);
    if (hit) reached = codec.decode(scratch, 0);
    return hit;
  };
  model.init((state) => {
    if (reached === undefined) matches(state, path[0]);
  });
  if (reached === undefined) throw new Error("trace rebuild: no initial state has the recorded fingerprint");
  const trace: TraceStep<S>[] = [{ action: null, binding: null, state: reached }];
  for (let i = 1; i < path.length; i++) {
    const step = findStep(model, trace[trace.length - 1].state, (s) => matches(s, path[i]));
    if (!step) throw new Error(`trace rebuild: no successor of step ${i} has the recorded fingerprint`);
    trace.push({ ...step, state: reached! });
  }
  return trace;
}
