import type { Model } from "../model/model.ts";
import type { Trace } from "../graph/trace.ts";
import { reconstructTrace, type TraceIndex } from "../check/trace-replay.ts";
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
 * The behaviour along a path of fingerprints, rebuilt as the one-process search rebuilds its
 * traces (`reconstructTrace`: replaying init and the actions through the successor pipeline, the
 * first successor met with the next fingerprint taken), so both print the same trace. With
 * `rejected`, the path's last state is a successor outside the state constraint (never stored).
 */
export function replayPath<S>(model: Model<S>, path: FingerprintPath, rejected: boolean): Trace<S> {
  const stored = rejected ? path.length - 1 : path.length;
  const index: TraceIndex = {
    path: (id) => Array.from({ length: id + 1 }, (_, i) => i),
    replay: (_parent, want) => ({
      insert: (hi, lo) => ((hi | 0) === (path[want][0] | 0) && (lo | 0) === (path[want][1] | 0) ? want : -1),
    }),
  };
  return reconstructTrace(model, index, stored - 1, rejected ? path[path.length - 1] : undefined);
}
