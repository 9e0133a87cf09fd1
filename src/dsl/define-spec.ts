import type { Domain, InferShape, Shape } from "./domain.ts";
import type { Successors } from "./exists.ts";
import type { ExactActions } from "./exact-actions.ts";
import type { Binding } from "../model/model.ts";
import type { FairnessDef, TemporalDef, TemporalOps } from "./temporal.ts";
import type { DefinedProcesses, ProcessFields, ProcessOps, Processes } from "./process.ts";

const SPEC = Symbol.for("interleave.spec");

/** Spec parameters (TLA+ CONSTANTS): a record of domains, each usually with `.default(v)`. */
export type ParamShape = { readonly [name: string]: Domain<any> };

/** The parameter values an action, invariant or schema function receives. */
export type ParamValues<P extends ParamShape> = InferShape<P>;

export type { Successors };

/** A named action: maps the current state to its successors. */
export type ActionDef<S, P> = (s: S, params: P) => Successors<S>;

/** The actions of a spec, by name. */
export type ActionDefs<S, P> = { readonly [name: string]: ActionDef<S, P> };

/** A state predicate that must always hold, optionally with a message explaining a violation. */
export type InvariantDef<S, P> =
  | ((s: S, params: P) => boolean)
  | {
      readonly holds: (s: S, params: P) => boolean;
      readonly message?: string | ((s: S, params: P) => string);
      /**
       * Makes the invariant an implication, `when ⇒ holds`: it is checked only in states where
       * `when` is true, and a complete search warns when no reachable state makes it true.
       */
      readonly when?: (s: S, params: P) => boolean;
    };

/**
 * The initial states: one state, an array of states, a function of the parameters returning
 * either (or any iterable, e.g. a generator), or `{ where }` — every state of the schema
 * satisfying the predicate (TLA+'s `Init == TypeOK /\ P`).
 */
export type InitDef<S, P> =
  | S
  | readonly S[]
  | ((params: P) => S | Iterable<S>)
  | { readonly where: (s: S, params: P) => boolean };

/** Deadlock checking: on by default; `false` turns it off; `terminal` marks states that may end a behaviour. */
export type DeadlockDef<S, P> = boolean | { readonly terminal: (s: S, params: P) => boolean };

/** A symmetric domain, or one with the fixed arrays it indexes (field paths). */
export type SymmetricDomainDef = Domain<any> | { readonly domain: Domain<any>; readonly arrays?: readonly string[] };

/** The symmetric domains of a spec, or a function of the parameters returning them. */
export type SymmetryDef<P> = readonly SymmetricDomainDef[] | ((params: P) => readonly SymmetricDomainDef[]);

/** Fairness conditions (`weak(…)`, `strong(…)`), or a function of the parameters returning them. */
export type FairnessSection<S, P> = readonly FairnessDef<S>[] | ((params: P) => readonly FairnessDef<S>[]);

/** Named temporal properties, or a function of the operators returning them (`N`: their names). */
export type PropertiesDef<S, P, N extends string = string> =
  | NamedSection<N, TemporalDef<S, P>>
  | ((ops: TemporalOps<S, P>, params: P) => NamedSection<N, TemporalDef<S, P>>);

/**
 * A record of named members. With literal names (as `defineSpec` infers them from the keys) each
 * key is optional, so that one union of names spans several sections; with `string`, a plain
 * record.
 */
export type NamedSection<N extends string, X> = { readonly [K in N]?: X } & (string extends N ? { readonly [name: string]: X } : unknown);

/**
 * The state type of a spec: the fields of its `state` schema, and `X`, the fields its processes
 * add (see {@link ProcessFields}).
 */
export type SpecState<Sh extends Shape, X = {}> = [keyof X] extends [never] ? InferShape<Sh> : InferShape<Sh> & X;

/**
 * Everything a spec declares. The state type is inferred from `state` (and `processes`); `N`,
 * the names of its properties (invariants, `sometimes`, temporal properties), from their keys.
 */
export interface SpecDefinition<P extends ParamShape, Sh extends Shape, N extends string = string, X = {}> extends SpecSections<P, Sh, N, X> {
  /** The actions by name (TLA+'s disjuncts of Next); optional when the spec has processes. */
  readonly actions?: ActionDefs<SpecState<Sh, X>, ParamValues<P>>;
  /** PlusCal-style processes (see {@link ProcessOps}). */
  readonly processes?: (ops: ProcessOps<InferShape<Sh>, ParamValues<P>>, params: ParamValues<P>) => DefinedProcesses<X>;
}

/**
 * What a spec declares besides its actions and processes (see {@link SpecDefinition}); `X` is
 * the state its processes add to the schema's.
 */
export interface SpecSections<P extends ParamShape, Sh extends Shape, N extends string = string, X = {}> {
  readonly name: string;
  readonly params?: P;
  /** The state schema: a record of domains, or a function of the parameters returning one. Processes add their own fields. */
  readonly state: Sh | ((params: ParamValues<P>) => Sh);
  /** The initial values of the schema's fields (processes start at their first label, with their own `init` locals). */
  readonly init: InitDef<InferShape<Sh>, ParamValues<P>>;
  readonly invariants?: NamedSection<N, InvariantDef<SpecState<Sh, X>, ParamValues<P>>>;
  readonly deadlock?: DeadlockDef<SpecState<Sh, X>, ParamValues<P>>;
  /** TLC's CONSTRAINT: successors outside it are generated and checked but not explored. */
  readonly constraint?: (s: SpecState<Sh, X>, params: ParamValues<P>) => boolean;
  /**
   * TLC's ACTION_CONSTRAINT: a step `s → next` for which this is false is treated like a
   * successor outside the constraint (generated and checked, not stored or explored). `step`
   * names the action and its `exists` binding. Initial states are not subject to it.
   */
  readonly actionConstraint?: (
    s: SpecState<Sh, X>,
    next: SpecState<Sh, X>,
    step: { readonly action: string; readonly binding: Binding },
    params: ParamValues<P>,
  ) => boolean;
  /**
   * TLC's VIEW: what identifies a state — field paths (`["pc", "lock"]`, `cpus[0].flags`) or a
   * function returning plain data. States with the same view are one state (the first met is
   * explored and shown in traces). Keep properties within the view, or a trace may end in a
   * state whose view, not the state itself, violates them (as with TLC).
   */
  readonly view?: readonly string[] | ((s: SpecState<Sh, X>, params: ParamValues<P>) => unknown);
  /**
   * Symmetry (TLC's SYMMETRY over `Permutations`): domains whose values are interchangeable
   * ids. States that differ only by renaming them are one state, identified exactly by their
   * orbit's least encoding. An enum domain's values are renamed wherever they occur (like TLC's
   * model values); an int domain counts only in fields declared with that same domain object,
   * plus the fixed arrays listed as indexed by it: `{ domain: Proc, arrays: ["pc"] }`.
   * Properties and actions must treat the ids alike (checked on sampled states). Temporal and
   * `sometimes` properties are checked without the reduction, with a warning.
   */
  readonly symmetry?: SymmetryDef<ParamValues<P>>;
  /**
   * A short node label for state diagrams (`interleave graph`); lines separated by `\n`.
   * Default: the fields that distinguish the reachable states.
   */
  readonly label?: (s: SpecState<Sh, X>, params: ParamValues<P>) => string;
  /**
   * Named projections for diagrams: `interleave graph --view <name>` draws one node per distinct
   * value the function returns (plain data; a record's fields become the node's fields).
   */
  readonly views?: { readonly [name: string]: (s: SpecState<Sh, X>, params: ParamValues<P>) => unknown };
  /**
   * Expected verdicts, for known-bad variants kept under CI: `{ noDoubleListDel: "violated" }`
   * (property names: invariants, or `deadlock`). `check` then exits 0 when each such property
   * is violated and 1 when one unexpectedly holds; unlisted properties are expected to hold.
   */
  readonly expect?: { readonly [property: string]: "violated" | "holds" };
  /**
   * Reachability witnesses: each must hold in some reachable state, or the check fails
   * (violation kind "sometimes"). The shortest witness trace is part of the result.
   */
  readonly sometimes?: NamedSection<N, (s: SpecState<Sh, X>, params: ParamValues<P>) => boolean>;
  /**
   * Temporal properties of every fair behaviour. Write a function receiving the operators
   * (typed for this spec's state, so `s` needs no annotation) and the parameter values, and
   * returning named properties (one per process is fine: build the record from `params`):
   *
   * ```ts
   * properties: ({ eventually, leadsTo, always }) => ({
   *   completes: eventually((s) => s.done),
   *   served: leadsTo((s) => s.pc[0] === "waiting", (s) => s.pc[0] === "critical"),
   * }),
   * ```
   * (A plain record of `eventually(…)` etc. also works, but then `s` must be annotated.)
   */
  readonly properties?: PropertiesDef<SpecState<Sh, X>, ParamValues<P>, N>;
  /**
   * Fairness conditions assumed by the temporal properties (TLA+'s WF/SF conjuncts of the spec),
   * or a function of the parameters returning them; none by default. `weak(A)`/`strong(A)` for an
   * action, several, a step predicate, or (no argument) the whole next-state relation; options
   * restrict them to some instances (`where`, `instance`, `perInstance`) and set the subscript.
   */
  readonly fairness?: NoInfer<FairnessSection<SpecState<Sh, X>, ParamValues<P>>>;
}

/**
 * A spec value: what `defineSpec` returns and `compile`/`check` consume; `N` names its
 * properties, `X` is the state its processes add (`{}` without processes; `Spec<any, any>`
 * stands for any spec).
 */
export interface Spec<P extends ParamShape = ParamShape, Sh extends Shape = Shape, N extends string = string, X = any> {
  readonly [SPEC]: true;
  readonly name: string;
  readonly definition: SpecDefinition<P, Sh, N, X>;
  /** The module file that called `defineSpec`, when it can be told. */
  readonly file?: string;
}

/** The state type of a spec: `type S = StateOf<typeof spec>`. */
export type StateOf<X> = X extends Spec<any, infer Sh, any, infer Y> ? SpecState<Sh, Y> : never;

/**
 * The names of a spec's properties, as `--check`, `expect` and the vitest matchers take them:
 * its invariants, `sometimes` and temporal properties, and `"deadlock"`. Any string for a spec
 * whose names are not known to the type system (sections built at run time).
 */
export type PropertyName<X> = X extends Spec<any, any, infer N, any> ? (string extends N ? string : N | "deadlock") : string;

/** The parameter values a spec can be checked with (`--set`, a matcher's `params`): each optional. */
export type ParamOverridesOf<X> = X extends Spec<infer P, any, any, any> ? { readonly [K in keyof P]?: ParamValues<P>[K] } : { readonly [name: string]: unknown };

/**
 * Defines a spec. Types flow from the schema: `s` in every action and invariant is the state
 * type, with no annotation. A successor with a field the schema lacks — `{ ...s, nn: 1 }` — is
 * a type error at that field (or at the action, for a block body). All five type parameters are
 * inferred, never written: `P` and `Sh` from the params and state schemas, `N` the property
 * names, `A` the actions' return types (only for the exactness check, see {@link ExactActions}),
 * `Pr` the process types `processes` returns. TypeScript infers in the order the sections are
 * written: write `processes` before the sections that read the processes' state (invariants,
 * properties, `deadlock`, views), as `state` comes before the actions.
 *
 * ```ts
 * export default defineSpec({
 *   name: "counter",
 *   params: { max: t.int(1, 10).default(3) },
 *   state: ({ max }) => ({ n: t.int(0, max) }),
 *   init: { n: 0 },
 *   actions: {
 *     inc: (s, { max }) => s.n < max && { ...s, n: s.n + 1 },
 *     add: (s, { max }) => exists(t.int(1, 2), (k) => s.n + k <= max && { ...s, n: s.n + k }),
 *   },
 *   invariants: { bounded: (s, { max }) => s.n <= max },
 * });
 * ```
 */
export function defineSpec<
  const P extends ParamShape = {},
  const Sh extends Shape = Shape,
  const N extends string = never,
  const A extends { readonly [name: string]: unknown } = { readonly [name: string]: unknown },
  const Pr extends Processes | DefinedProcesses<unknown> = {},
>(
  definition: SpecSections<P, Sh, N, NoInfer<ProcessFields<Pr>>> & {
    readonly processes?: (ops: ProcessOps<InferShape<Sh>, ParamValues<P>>, params: ParamValues<P>) => Pr;
    readonly actions?: ExactActions<A, SpecState<Sh, NoInfer<ProcessFields<Pr>>>, ParamValues<P>>;
  },
): Spec<P, Sh, N, ProcessFields<Pr>> {
  return { [SPEC]: true, name: definition.name, definition: definition as SpecDefinition<P, Sh, N, ProcessFields<Pr>>, file: callerFile() };
}

export function isSpec(value: unknown): value is Spec {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[SPEC] === true;
}

function callerFile(): string | undefined {
  const lines = new Error().stack?.split("\n") ?? [];
  // [0] "Error", [1] callerFile, [2] defineSpec, [3] the spec module
  const frame = lines[3];
  const match = frame && /\(?((?:file:\/\/)?[^()\s]+?):\d+:\d+\)?$/.exec(frame.trim());
  return match ? match[1].replace(/^file:\/\//, "") : undefined;
}
