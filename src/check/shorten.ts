import type { DeadlockFreedom, Invariant, Model } from "../model/model.ts";
import { identify, type Fingerprint } from "../graph/trace.ts";
import { reconstructTrace } from "./trace-replay.ts";
import { fp } from "../state/fingerprint.ts";
import { StateStore } from "../state/state-store.ts";
import { Judge } from "./judge.ts";
import { Pipeline } from "./pipeline.ts";
import type { Trace, Violation } from "./result.ts";

/**
 * Shortens the trace of an invariant violation or a deadlock found by a simulation: a
 * breadth-first search from the initial states that, level by level, expands the trace's own
 * state of that level first and then up to `budget / length` other states of the level (a beam
 * around the trace). So it always reaches the violation again, by the trace or by a shortcut
 * found within the budget — never by a longer path — and judges only that property. Returns
 * the shorter trace, or undefined when none is shorter (or the violation is of another kind).
 */
export function shortenTrace<S>(model: Model<S>, violation: Violation<S>, budget: number): Trace<S> | undefined {
  const length = violation.trace.length;
  if (budget <= 0 || length <= 1 || (violation.kind !== "invariant" && violation.kind !== "deadlock")) return undefined;
  const property = model.properties.find((p) => p.name === violation.property);
  const invariants = property?.kind === "invariant" ? [property as Invariant<S>] : [];
  const deadlock = property?.kind === "deadlock" ? (property as DeadlockFreedom<S>) : undefined;
  if (invariants.length === 0 && !deadlock) return undefined;
  const { codec } = model;
  const width = codec.width;
  const store = new StateStore(1 << 12);
  let found: { id: number; last?: Fingerprint } | undefined;
  let next: { id: number; vector: Int32Array }[] = [];
  const pipeline: Pipeline<S> = new Pipeline(model, new Judge(invariants, deadlock, codec, true), store, {
    stored(id, vector, _depth, bad) {
      if (bad > 0) {
        found = { id };
        pipeline.stopped = true;
      } else next.push({ id, vector: vector.slice(0, width) });
    },
    rejected(vector, parent, bad) {
      if (bad === 0) return;
      identify(model, vector, 0);
      found = { id: parent, last: [fp[0], fp[1]] };
      pipeline.stopped = true;
    },
    deadlock(id) {
      found = { id };
      pipeline.stopped = true;
    },
  });
  pipeline.seed();
  const beam = Math.max(32, Math.floor(budget / length));
  const own = new Int32Array(width);
  for (let level = 1; level <= length && found === undefined; level++) {
    const current = next;
    next = [];
    // The trace's state of this level first (it is stored: its predecessor was expanded one level up).
    codec.encode(violation.trace[level - 1].state, own, 0);
    identify(model, own, 0);
    const ownId = store.find(fp[0], fp[1]);
    if (ownId >= 0) pipeline.expand(own, 0, ownId, level, false);
    for (let i = 0; i < current.length && i < beam && found === undefined; i++) {
      if (current[i].id !== ownId) pipeline.expand(current[i].vector, 0, current[i].id, level, false);
    }
  }
  if (found === undefined) return undefined;
  const trace = reconstructTrace(model, store, found.id, found.last);
  return trace.length < length ? trace : undefined;
}
