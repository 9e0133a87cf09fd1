import type { Binding, Model } from "../model/model.ts";
import { fingerprint, fp } from "../state/fingerprint.ts";

/** One step of a behaviour: the action (null for an initial state), its binding, the state reached. */
export interface TraceStep<S> {
  readonly action: string | null;
  readonly binding: Binding;
  readonly state: S;
}

/** A behaviour prefix from an initial state. BFS traces are shortest. */
export type Trace<S> = readonly TraceStep<S>[];

/** A 64-bit fingerprint as the store keeps it: `[hi, lo]`. */
export type Fingerprint = readonly [hi: number, lo: number];

/**
 * Writes into `fp` the fingerprint that identifies the state encoded at `vector[offset..]`: of
 * its key when the model has an {@link Model.identity} (a view, symmetry), else of the vector.
 */
export function identify<S>(model: Model<S>, vector: Int32Array, offset: number): void {
  if (model.identity === undefined) fingerprint(vector, offset, model.codec.width);
  else {
    const key = model.identity.key(vector, offset);
    fingerprint(key, 0, key.length);
  }
}

/** The first action instance from `from` whose successor satisfies `wanted`. */
export function findStep<S>(model: Model<S>, from: S, wanted: (s: S) => boolean): TraceStep<S> | undefined {
  for (const action of model.actions) {
    let found: TraceStep<S> | undefined;
    action.next(from, (successor, instance) => {
      if (found === undefined && wanted(successor)) {
        found = { action: action.name, binding: action.bindingOf(instance), state: successor };
      }
    });
    if (found) return found;
  }
  return undefined;
}
