import type { Action, Codec, StepContext, StepSet } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { equals } from "../state/value-equals.ts";

/** A step context the caller fills and reuses (valid only during a call). */
class MutableStep<S> implements StepContext<S> {
  from: S = undefined as S;
  action: Action<S> = undefined as unknown as Action<S>;
  instance = 0;
}

/**
 * Decides which generated steps belong to a {@link StepSet} — TLA+'s ⟨A⟩_v: a step of one of
 * the set's actions, accepted by its `includes`, that changes its `subscript` (the whole state
 * when absent). With `requireChange` false, TLA+'s plain A: steps that change nothing count too.
 */
export class StepMatcher<S> {
  /** Per action index: 1 when the set names the action. */
  readonly actionMask: Uint8Array;
  /** True when membership depends only on the action and whether the state changes. */
  readonly plain: boolean;
  private readonly step = new MutableStep<S>();

  /**
   * @param what names the set's owner for errors, e.g. `fairness[0]` or `property "live"`.
   * Throws an `invalid-spec` SpecError for an action name the model does not have.
   */
  constructor(
    readonly set: StepSet<S>,
    readonly actions: readonly Action<S>[],
    readonly requireChange: boolean,
    what: string,
  ) {
    const names = actions.map((a) => a.name);
    for (const a of set.actions ?? []) {
      if (!names.includes(a)) {
        throw new SpecError("invalid-spec", `${what} names action "${a}", which the spec does not have; its actions are ${names.join(", ")}`, { action: a });
      }
    }
    this.actionMask = Uint8Array.from(names, (n) => (set.actions === undefined || set.actions.includes(n) ? 1 : 0));
    this.plain = set.includes === undefined && set.subscript === undefined;
  }

  /**
   * Does the step `from → to` by instance `instance` of action `a` belong to the set?
   * `changed`: whether `to` differs from `from` (their encodings differ).
   */
  matches(a: number, instance: number, from: S, to: S, changed: boolean): boolean {
    if (this.actionMask[a] !== 1) return false;
    const { subscript, includes } = this.set;
    if (this.requireChange) {
      if (subscript !== undefined) {
        if (!changed || equals(subscript(from), subscript(to))) return false;
      } else if (!changed) return false;
    }
    if (includes === undefined) return true;
    const step = this.step;
    step.from = from;
    step.action = this.actions[a];
    step.instance = instance;
    return includes.call(this.set, step, to) === true;
  }
}

/**
 * Calls `visit` for every successor the model's actions generate from `state` (only those of
 * the actions marked in `only`, when given): the action's index and instance, the successor, and
 * whether it differs from `state` (by encoding). This is the model's own successor relation —
 * what TLA+'s ENABLED speaks of — whatever a state constraint later keeps of it. `visit`
 * returns true to stop. `scratch` holds two encodings (2 · codec.width slots).
 */
export function forEachSuccessor<S>(
  actions: readonly Action<S>[],
  codec: Codec<S>,
  state: S,
  scratch: Int32Array,
  visit: (action: number, instance: number, to: S, changed: boolean) => boolean | void,
  only?: Uint8Array,
): void {
  const w = codec.width;
  let stopped = false;
  codec.encode(state, scratch, 0);
  for (let a = 0; a < actions.length && !stopped; a++) {
    if (only !== undefined && only[a] !== 1) continue;
    actions[a].next(state, (to, instance) => {
      if (stopped) return;
      codec.encode(to, scratch, w);
      let changed = false;
      for (let i = 0; i < w; i++) {
        if (scratch[i] !== scratch[w + i]) {
          changed = true;
          break;
        }
      }
      if (visit(a, instance, to, changed) === true) stopped = true;
    });
  }
}

/**
 * TLA+'s `ENABLED ⟨A⟩_v` (`ENABLED A` when the matcher does not require a change) in `state`,
 * computed from the model's actions: some generated successor belongs to the matcher's set.
 */
export function enabledIn<S>(matcher: StepMatcher<S>, codec: Codec<S>, state: S, scratch: Int32Array): boolean {
  let found = false;
  forEachSuccessor(
    matcher.actions,
    codec,
    state,
    scratch,
    (a, instance, to, changed) => (found = matcher.matches(a, instance, state, to, changed)),
    matcher.actionMask,
  );
  return found;
}
