// What findFairLasso (fair-cycle.ts) is asked and answers, shared with lasso.ts.

/**
 * What a counterexample to a temporal property looks like, as sets of states:
 * a behaviour starts in `initial`, reaches a `seeds` state (through any states when
 * `prefixAnywhere`, otherwise it must start in a seed), and from there stays in `region`
 * forever, visiting an `accepting` state infinitely often, while satisfying every fairness group.
 *
 * - ◇p fails:   region = seeds = ¬p, prefixAnywhere = false (every state from the first is ¬p).
 * - p ⤳ q fails: seeds = p ∧ ¬q, region = ¬q, prefixAnywhere.
 * - □◇p fails:  seeds = region = ¬p, prefixAnywhere (eventually ¬p forever).
 * - ◇□p fails:  region = all, accepting = ¬p (¬p infinitely often).
 */
export interface LassoQuery {
  readonly initial: ArrayLike<number>;
  readonly region: Uint8Array;
  readonly seeds: Uint8Array;
  readonly prefixAnywhere: boolean;
  /** States the cycle must visit (one suffices); absent = any state. */
  readonly accepting?: Uint8Array;
}

/**
 * A behaviour as a lasso of state ids: `states[0]` is initial, `edges[i]` leads from
 * `states[i]` to `states[i + 1]`. When `stuttering`, the behaviour stays in the last state
 * forever and `loopStart` is its index; otherwise the last state equals `states[loopStart]`
 * (the cycle is `states[loopStart..]`, closed by the last edge).
 */
export interface Lasso {
  readonly states: readonly number[];
  readonly edges: readonly number[];
  readonly loopStart: number;
  readonly stuttering: boolean;
  /**
   * Finite stuttering steps left out of `states` (see `compressLasso`): indices of the states
   * the behaviour repeats once before its next step (`stutterAfter`: in the prefix, so once, before
   * the cycle when the index is `loopStart`; `stutterInCycle`: on every lap). Absent when none.
   */
  readonly stutterAfter?: readonly number[];
  readonly stutterInCycle?: readonly number[];
}
