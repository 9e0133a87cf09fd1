import { isDomain, type Domain } from "./domain.ts";
import { ValueSet } from "../state/value-set.ts";
import { parameterName } from "./binding-name.ts";

const CHOICE = Symbol.for("interleave.choice");

/**
 * What an action returns: a successor, a quantified choice (`exists`), several of these
 * (nondeterminism), or nothing (disabled). Entries of an array may themselves be disabled, so
 * TLA+'s disjunction `A \/ B` reads `[guardA && stateA, guardB && stateB]`: one successor per
 * true disjunct, as TLC generates them.
 */
export type Successors<S> = S | Choice<S> | readonly Successors<S>[] | false | null | undefined;

/** A quantified choice returned by an action; built by {@link exists}, expanded by the checker. */
export interface Choice<S> {
  readonly [CHOICE]: true;
  readonly over: Domain<unknown> | Iterable<unknown>;
  readonly body: (value: any) => Successors<S>;
  /** The binding's name in traces; default: the name of `body`'s parameter. */
  readonly name?: string;
}

/**
 * TLA+'s `\E x \in D : A(x)` inside an action: one action instance per value of `over` (a
 * domain, or any iterable such as a Set in the state). The value is the instance's binding,
 * shown in traces under the name of the callback's parameter — `(cpu) => …` shows `cpu = 2`;
 * a destructured record shows its fields. Choices nest, and combine with guards:
 *
 * ```ts
 * add: (s, { max }) => s.mode === "busy" && exists(t.int(1, 2), (k) => s.n + k <= max && { ...s, n: s.n + k }),
 * recv: (s) => exists(s.msgs, (m) => m.to === s.me && { ...s, inbox: [...s.inbox, m] }),
 * ```
 *
 * (The quantifier sits inside the action so that TypeScript infers `s` for you.)
 */
export function exists<V, S>(over: Domain<V> | Iterable<V>, body: (value: V) => Successors<S>): Choice<S> {
  return new QuantifiedChoice(over, body);
}

/**
 * The object {@link exists} returns: a class instance, one shape for every choice, with the
 * marker on the prototype (an object literal with a computed symbol key is built on a slow
 * path, once per state and quantifier). The marker is `Symbol.for`'s, so that choices built
 * by another copy of the package are recognised too.
 */
class QuantifiedChoice<S> {
  declare readonly [CHOICE]: true;
  constructor(
    readonly over: Domain<unknown> | Iterable<unknown>,
    readonly body: (value: any) => Successors<S>,
    readonly name: string | undefined = undefined,
  ) {}
}
Object.defineProperty(QuantifiedChoice.prototype, CHOICE, { value: true });

/**
 * The choice `inner` with `wrap` applied to what its body returns, keeping its binding's name:
 * how a front-end that post-processes successors (processes) passes a user's `exists` through.
 */
export function mapChoice<S, T>(inner: Choice<S>, wrap: (result: Successors<S>) => Successors<T>): Choice<T> {
  return new QuantifiedChoice<T>(inner.over, (value) => wrap(inner.body(value)), inner.name ?? parameterName(inner.body, 0));
}

export function isChoice(value: unknown): value is Choice<unknown> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[CHOICE] === true;
}

/** The values a choice ranges over, as an array (domains cache theirs). */
export function choiceValues(choice: Choice<unknown>): readonly unknown[] {
  const over = choice.over;
  if (isDomain(over)) return over.valueList();
  if (Array.isArray(over)) return over;
  if (over instanceof ValueSet) return over.toArray();
  if (over !== null && typeof over === "object" && Symbol.iterator in over) return [...over];
  throw new TypeError(`exists(…) ranges over ${typeof over === "object" ? "a non-iterable object" : String(over)}, not a domain or iterable`);
}
