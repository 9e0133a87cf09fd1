import type { Choice } from "./exists.ts";

/**
 * Type-level exactness of the states actions return. TypeScript checks the object literal an
 * arrow function returns only for assignability, so `{ ...s, pcc: 1 }` (a misspelt field next
 * to a spread) would type-check. `defineSpec` infers `A`, each action's return type, and checks
 * the action against `(s, params) => R` where R must be successors of the state with no field
 * the state lacks:
 * - with an unknown field, the expected return type marks it with a message, so the error lands
 *   on the field (`Type 'number' is not assignable to type '"pcc" is not a field of the state'`)
 *   when the arrow's body is the object literal, and on the action otherwise;
 * - with another mistake (a wrong enum value, a missing field) it is the plain successors type,
 *   so the error is the usual one, in place;
 * - `s` and `params` are typed by the template itself, so inference is as without the check.
 */
export type ExactActions<A, S, P> = { readonly [K in keyof A]: (s: S, params: P) => CheckedReturn<A[K], S> };

type CheckedReturn<R, S> =
  IsAny<R> extends true
    ? R
    : [UnknownKeys<Leaves<R>, S>] extends [never]
      ? R extends SuccessorsOf<S>
        ? R
        : SuccessorsOf<S>
      : Marked<S, UnknownKeys<Leaves<R>, S>>;

/** The successors an action may return with its unknown fields marked, in every form Successors allows. */
type Marked<S, K extends PropertyKey> = SuccessorsOf<S & { readonly [F in K]?: NotAField<F> }>;

type SuccessorsOf<S> = S | Choice<S> | readonly SuccessorsOf<S>[] | false | null | undefined;

/** The message a misspelt or unknown field shows. */
type NotAField<F extends PropertyKey> = F extends string ? `"${F}" is not a field of the state` : never;

/** The state objects inside an action's (or a step's) result type (through arrays and `exists` choices, a few levels deep). */
export type Leaves<R, Depth extends unknown[] = []> = Depth["length"] extends 5
  ? never
  : R extends false | null | undefined | true
    ? never
    : R extends Choice<infer X>
      ? Leaves<X, [...Depth, 1]>
      : R extends readonly (infer E)[]
        ? Leaves<E, [...Depth, 1]>
        : R;

/** The keys of each leaf that the state does not have (distributes over a union of leaves). */
export type UnknownKeys<L, S> = L extends object ? Exclude<keyof L, keyof S> : never;

/** True for `any` (whose result type is not checked). */
export type IsAny<T> = 0 extends 1 & T ? true : false;
