import type { Domain, InferShape, MapKeyOf, Shape } from "./domain.ts";
import type { Successors } from "./exists.ts";
import type { IsAny, Leaves, UnknownKeys } from "./exact-actions.ts";

const PROCESS = Symbol.for("interleave.process");

/** The program counter value of a process that has terminated (PlusCal's `"Done"`). */
export const DONE = "Done";

/**
 * What a step of a process returns — one outcome, or several as for an action (an array for
 * PlusCal's `either`, `exists(…)` for `with`, `false` when its `await` does not hold):
 * - `true`: the step runs and changes nothing (PlusCal's `skip`, or an `await` that holds);
 * - the new view `{ ...s, x: 1 }`: shared fields and the process's own locals, as the step
 *   leaves them. Control passes to the next label in declaration order, or to the label named
 *   by `goto` (`{ ...s, goto: "retry" }`; `"Done"` terminates the process).
 */
export type StepOutcome<V, L extends string> = true | (V & { readonly goto?: L | typeof DONE });

/** A step: from the view `s` (shared state and own locals) and the process id `self`, its outcomes. */
export type StepFn<R, V, Id, P, L extends string> = (s: V, self: Id, params: P) => CheckedOutcome<R, V, L>;

/**
 * A labelled step: a function, or `{ code, step }` where `code` is the statement it stands for
 * (e.g. a line of C), shown in traces and diagrams next to the label.
 */
export type StepDef<R, V, Id, P, L extends string> = StepFn<R, V, Id, P, L> | { readonly code?: string; readonly step: StepFn<R, V, Id, P, L> };

/**
 * One process type (PlusCal's `process (name \in ids)`): a set of ids, per-process local
 * variables, and labelled atomic steps executed in order with an implicit program counter.
 * `Id`, `Lc` (the locals' schema) and `A` (the steps, whose keys are the labels) are inferred.
 */
export interface ProcessDefinition<S, P, Id, Lc extends Shape, A> {
  /** The process ids: a domain of ints, enum values or booleans, or a function of the parameters returning one. */
  readonly ids: Domain<Id> | ((params: P) => Domain<Id>);
  /** The schema of each process's local variables (a record of domains), or a function of the parameters returning one. */
  readonly locals?: Lc | ((params: P) => Lc);
  /** The initial locals of process `self`: a value, an array of values (each a possible start), or a function of `self`. */
  readonly init?: InferShape<Lc> | readonly InferShape<Lc>[] | ((self: Id, params: P) => InferShape<Lc> | readonly InferShape<Lc>[]);
  /**
   * The body repeats forever, as PlusCal's `while (TRUE) { … }`: after the last label control
   * returns to the first, and the process never terminates (its pc has no `"Done"`).
   */
  readonly forever?: boolean;
  /** PlusCal's `fair process` (`"weak"`) and `fair+ process` (`"strong"`): fairness of each process instance. */
  readonly fair?: "weak" | "strong";
  /** The labelled steps, in program order; the first is where every process starts. */
  readonly steps: { readonly [K in keyof A]: StepDef<A[K], S & InferShape<Lc>, Id, P, NoInfer<keyof A & string>> };
}

/** A process type as `process(…)` returns it: the definition, with its ids, locals and labels as phantom types. */
export interface Process<Id = unknown, Lc extends Shape = Shape, L extends string = string> {
  readonly [PROCESS]: true;
  /** The definition as written (checked when the spec is compiled). */
  readonly definition: ProcessDefinition<any, any, any, any, any>;
  /** @internal Phantom: never set. */
  readonly __types?: { readonly id: Id; readonly locals: Lc; readonly label: L };
}

/** What a spec's `processes` function receives: `process(…)`, typed for the spec's shared state `S` and parameters `P`. */
export interface ProcessOps<S, P> {
  /**
   * A process type: labelled steps over the shared state `s` and the process's own locals,
   * for each id of `ids`. Types are inferred: `s`, the locals and `self` need no annotation,
   * and a `goto` to a label the process does not have is a type error.
   *
   * ```ts
   * processes: ({ process }) => ({
   *   proc: process({
   *     ids: t.int(1, 2),
   *     forever: true,
   *     steps: {
   *       enter: (s, self) => ({ ...s, flag: s.flag.with(self, true) }),
   *       wait: (s, self) => !s.flag.some((f, q) => f && q !== self),   // await
   *       cs: () => true,                                               // skip
   *       exit: (s, self) => ({ ...s, flag: s.flag.with(self, false) }),
   *     },
   *   }),
   * }),
   * ```
   */
  process<const Id extends string | number | boolean, const Lc extends Shape = {}, const A extends { readonly [label: string]: unknown } = {}>(
    definition: ProcessDefinition<S, P, Id, Lc, A>,
  ): NoInfer<Process<Id, Lc, keyof A & string>>;
}

/** The processes of a spec, by type name. */
export type Processes = { readonly [name: string]: Process<any, any, any> };

declare const FIELDS: unique symbol;

/**
 * The processes of a defined spec as its `definition` records them (type only): what they add
 * to the state is all that is known, so that `defineSpec({ ...spec.definition, … })` infers the
 * same state type again.
 */
export interface DefinedProcesses<X> {
  readonly [FIELDS]: X;
}

/**
 * The state fields the processes add: for each process type, a map from its ids to the
 * process's program counter `pc` (a label, or `"Done"`) and its locals — `handler[2].pc`.
 */
export type ProcessFields<Pr> =
  Pr extends DefinedProcesses<infer X>
    ? X
    : string extends keyof Pr
      ? {}
      : { readonly [K in keyof Pr]: Pr[K] extends Process<infer Id, infer Lc, infer L> ? { readonly [k in MapKeyOf<Id>]: ProcessState<Lc, L> } : never };

/** One process's part of the state: its program counter and its locals. */
export type ProcessState<Lc extends Shape, L extends string> = { readonly pc: L | typeof DONE } & InferShape<Lc>;

/** The `process` builder handed to a spec's `processes` function. */
export const processOps: ProcessOps<any, any> = {
  process: (definition) => ({ [PROCESS]: true, definition }),
};

export function isProcess(value: unknown): value is Process {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[PROCESS] === true;
}

// ---- Exactness of step outcomes (as ExactActions does for actions) ----

type Jump<L extends string> = { readonly goto?: L | typeof DONE };

/** Outcomes a step may return: `R` itself when its states have no field the view lacks, else the outcome type with those fields marked. */
type CheckedOutcome<R, V, L extends string> =
  IsAny<R> extends true
    ? R
    : [UnknownKeys<Leaves<R>, V & Jump<L>>] extends [never]
      ? R extends OutcomesOf<V, L>
        ? R
        : OutcomesOf<V, L>
      : OutcomesOf<V & { readonly [F in UnknownKeys<Leaves<R>, V & Jump<L>>]?: NotAField<F> }, L>;

type OutcomesOf<V, L extends string> = Successors<StepOutcome<V, L>>;

/** The message a misspelt or unknown field shows. */
type NotAField<F extends PropertyKey> = F extends string ? `"${F}" is not a shared field or a local of this process` : never;
