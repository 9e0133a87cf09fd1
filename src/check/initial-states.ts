import type { Invariant, Model } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { fingerprint, fp } from "../state/fingerprint.ts";
import type { StateStore } from "../state/state-store.ts";
import { initThrew, outsideSchema, satisfiesConstraint } from "./spec-faults.ts";

/** Where {@link seedInitialStates} hands the initial states it stores. */
export interface InitialSink<S> {
  /** Every newly stored initial state, before its invariants are checked (`vector` is valid during the call). */
  stored?(id: number, vector: Int32Array): void;
  /** A newly stored initial state that satisfies every invariant: to be explored. */
  queue(id: number, vector: Int32Array): void;
}

/** What seeding produced: the count of generated initial states and the first violation, if any. */
export interface Seeded<S> {
  readonly generated: number;
  readonly violation?: { readonly invariant: Invariant<S>; readonly state: S };
}

/**
 * Takes the initial states of `model` as every search does (TLC's conventions): each emitted
 * state counts as generated; it must encode (else `outside-schema`); a state outside the
 * constraint is checked with `violated` but not stored; the rest are deduplicated into `store`
 * (parent -1) and the new ones checked. The first violation stops the seeding. A throwing init
 * becomes `init-threw`.
 */
export function seedInitialStates<S>(
  model: Model<S>,
  store: StateStore,
  violated: (state: S) => Invariant<S> | undefined,
  sink: InitialSink<S>,
): Seeded<S> {
  const { codec, constraint } = model;
  const width = codec.width;
  const scratch = new Int32Array(width);
  let generated = 0;
  let violation: Seeded<S>["violation"];
  try {
    model.init((state) => {
      if (violation) return;
      generated++;
      try {
        codec.encode(state, scratch, 0);
      } catch (e) {
        throw outsideSchema(e, {});
      }
      if (constraint !== undefined && !satisfiesConstraint(constraint, codec, state)) {
        // Not stored, but checked: TLC checks the invariants of every initial state it does not
        // already know, in the model or not (as it does for a successor outside the constraint).
        const bad = violated(state);
        if (bad) violation = { invariant: bad, state };
        return;
      }
      fingerprint(scratch, 0, width);
      const id = store.insert(fp[0], fp[1], -1);
      if (id < 0) return;
      sink.stored?.(id, scratch);
      const bad = violated(state);
      if (bad) violation = { invariant: bad, state };
      else sink.queue(id, scratch);
    });
  } catch (e) {
    if (e instanceof SpecError) throw e;
    throw initThrew(e);
  }
  return violation ? { generated, violation } : { generated };
}
