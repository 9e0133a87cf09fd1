import type { Codec, DeadlockFreedom, Invariant } from "../model/model.ts";
import type { LiveStatus } from "./live-status.ts";
import { propertyThrew } from "./spec-faults.ts";

/**
 * Evaluates the state properties of a search on the states it judges, and remembers what the
 * vacuity report needs. Invariants are numbered by their position in `invariants`;
 * `active[i]` is 0 once invariant i is decided (violated, in a search that goes on after a
 * violation) so that it is no longer evaluated. Index `invariants.length` of `active` is
 * deadlock freedom.
 */
export class Judge<S> {
  /** 1 while the property is still to be decided (invariants by index, then deadlock). */
  readonly active: Uint8Array;
  /** Indexes of the invariants the last {@link violations} call found violated. */
  readonly violated: Int32Array;
  /** 1 for an implication invariant whose antecedent (`when`) held in some judged state. */
  readonly applied: Uint8Array;
  private pendingAntecedents: number;
  private undecided: number;
  private live: LiveStatus | undefined;
  /** The invariants' labels in {@link live}, by index. */
  private liveLabels: readonly number[] = [];

  constructor(
    readonly invariants: readonly Invariant<S>[],
    readonly deadlock: DeadlockFreedom<S> | undefined,
    private readonly codec: Codec<S>,
    /** Stop at the first violated invariant (a search that stops at the first violation). */
    private firstOnly: boolean,
  ) {
    this.active = new Uint8Array(invariants.length + 1).fill(1);
    if (!deadlock) this.active[invariants.length] = 0;
    this.violated = new Int32Array(invariants.length);
    this.applied = new Uint8Array(invariants.length);
    for (let i = 0; i < invariants.length; i++) if (invariants[i].antecedent === undefined) this.applied[i] = 1;
    this.pendingAntecedents = invariants.filter((inv) => inv.antecedent !== undefined).length;
    this.undecided = invariants.length;
  }

  /** Whether judging a state can still tell anything (else states need not be decoded to be judged). */
  get judging(): boolean {
    return this.undecided > 0 || this.pendingAntecedents > 0;
  }

  /** Publishes to `live` the invariant being evaluated (what a supervisor names if it does not return). */
  watch(live: LiveStatus | undefined): this {
    this.live = live;
    this.liveLabels = live ? this.invariants.map((inv) => live.label(`invariant "${inv.name}"`)) : [];
    return this;
  }

  /** Property `index` (an invariant, or `invariants.length` for deadlock) is decided: judge it no more. */
  decide(index: number): void {
    if (!this.active[index]) return;
    this.active[index] = 0;
    if (index < this.invariants.length) this.undecided--;
  }

  /**
   * Judges `state`: returns how many active invariants it violates, their indexes in
   * `violated[0 .. n)`. A predicate that throws is a `property-threw` fault.
   */
  violations(state: S): number {
    const { invariants, active, violated, live } = this;
    let n = 0;
    for (let i = 0; i < invariants.length; i++) {
      if (!active[i]) continue; // decided: violated, so its antecedent held too
      const inv = invariants[i];
      live?.inside(this.liveLabels[i]);
      let ok: boolean;
      try {
        if (!this.applied[i] && inv.antecedent!(state)) {
          this.applied[i] = 1;
          this.pendingAntecedents--;
        }
        ok = inv.holds(state);
      } catch (e) {
        throw propertyThrew(e, inv.name, this.codec, state);
      }
      if (!ok) {
        violated[n++] = i;
        if (this.firstOnly) break;
      }
    }
    live?.inside(0);
    return n;
  }

  /** Takes over another judge's `active` flags (a worker thread at the start of a level). */
  adopt(active: Uint8Array, firstOnly: boolean): void {
    this.active.set(active);
    this.firstOnly = firstOnly;
    this.undecided = 0;
    for (let i = 0; i < this.invariants.length; i++) this.undecided += this.active[i];
  }

  /** Whether a state without successors is a deadlock to report (deadlock checked, undecided, not terminal). */
  deadlocked(state: S): boolean {
    const deadlock = this.deadlock;
    if (!deadlock || !this.active[this.invariants.length]) return false;
    try {
      return !(deadlock.terminal?.(state) ?? false);
    } catch (e) {
      throw propertyThrew(e, "deadlock (terminal)", this.codec, state);
    }
  }

  /** The implication invariants whose antecedent held in no judged state (vacuous so far). */
  unapplied(): Invariant<S>[] {
    return this.invariants.filter((_, i) => !this.applied[i]);
  }

  /** Adds what another judge of the same properties saw (a worker thread's share of a level). */
  merge(applied: Uint8Array): void {
    for (let i = 0; i < applied.length; i++) {
      if (applied[i] && !this.applied[i]) {
        this.applied[i] = 1;
        this.pendingAntecedents--;
      }
    }
  }
}
