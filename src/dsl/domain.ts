import type { Json } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { codecNode, type CodecNode } from "../state/codec.ts";
import { describeSchema, type Scalar, type Schema } from "../state/schema.ts";
import { equals } from "../state/value-equals.ts";
import { universeFor, ValueSet, type SetUniverse } from "../state/value-set.ts";

const DOMAIN = Symbol.for("interleave.domain");

/**
 * A finite set of values with its TypeScript type `T` (a phantom, as zod's output types are).
 * Build domains with {@link t}; a domain is also a parameter type (`t.int(1, 5).default(3)`).
 */
export class Domain<T> {
  /** @internal */ readonly [DOMAIN] = true;
  declare readonly __type: T;
  private node?: CodecNode;
  private list?: readonly T[];

  constructor(
    readonly schema: Schema,
    /** Default value when used as a spec parameter. */
    readonly defaultValue?: T,
  ) {}

  /**
   * For values that may hold promises (a weak-memory state under a promising model): `owing`
   * gives the processes (`self` values, CPUs) that owe a promised store in a value. A spec whose
   * state has a field of such a domain keeps a state in which a promise is owed only if a state
   * owing none is reachable from it (see `withCompletablePromises`): every state checked is then
   * a prefix of a complete execution. `null`: the value owes promises past a bound of the model
   * (whether they can be fulfilled cannot be told).
   */
  owing?(value: T): readonly Json[] | null;

  /** The same domain, its values read for promises by `owing` (see {@link Domain.owing}). */
  promising(owing: (value: T) => readonly Json[] | null): Domain<T> {
    return Object.assign(new Domain<T>(this.schema, this.defaultValue), { owing });
  }

  /** The same domain as a parameter with a default value. */
  default(value: T): Domain<T> {
    const d = new Domain<T>(this.schema, value);
    return this.owing ? Object.assign(d, { owing: this.owing }) : d;
  }

  /** Every value of the domain, in canonical order. */
  values(): Iterable<T> {
    return this.codec().values() as Iterable<T>;
  }

  /** @internal Every value, computed once and cached (for quantifiers over the domain). */
  valueList(): readonly T[] {
    if (this.list) return this.list;
    // Actions build domains such as `t.int(1, n)` on every call; scalar domains share one list.
    const schema = this.schema;
    if (schema.kind !== "int") return (this.list = Object.freeze([...this.values()]));
    let byMax = intLists.get(schema.min);
    if (!byMax) intLists.set(schema.min, (byMax = new Map()));
    let list = byMax.get(schema.max) as readonly T[] | undefined;
    if (!list) byMax.set(schema.max, (list = Object.freeze([...this.values()])));
    return (this.list = list);
  }

  /** Number of values. */
  get size(): number {
    return this.codec().size;
  }

  /** True when `value` belongs to the domain. */
  contains(value: unknown): boolean {
    try {
      this.codec().encode(value, new Int32Array(this.codec().width), 0);
      return true;
    } catch {
      return false;
    }
  }

  /** TLA+'s `=` on two values of the domain: structural, whatever their object identity (see {@link equals}). */
  equals(a: T, b: T): boolean {
    return equals(a, b);
  }

  toString(): string {
    return describeSchema(this.schema);
  }

  /** @internal */
  codec(): CodecNode {
    this.node ??= codecNode(this.schema);
    return this.node;
  }
}

/**
 * `d`, holding promises when some of its parts do (see {@link Domain.owing}): `parts(value)` gives
 * each part of a value with its domain. A domain nesting a promise-holding one — a record, tuple,
 * array, map, sequence or optional of it — so holds them too; `t.set` of one is refused.
 */
function holdingParts<T>(d: Domain<T>, parts: ((value: T) => readonly (readonly [Domain<any>, unknown])[]) | undefined): Domain<T> {
  return parts === undefined ? d : d.promising((value) => owingOf(parts(value)));
}

/** The processes owing a promise in the given parts (each with its domain), each once; null when one is past a bound (see {@link Domain.owing}). */
export function owingOf(parts: readonly (readonly [Domain<any>, unknown])[]): Json[] | null {
  const out: Json[] = [];
  for (const [part, v] of parts) {
    const owed = part.owing ? part.owing(v) : [];
    if (owed === null) return null;
    for (const o of owed) if (!out.includes(o)) out.push(o);
  }
  return out;
}

/**
 * The domain of subsets of a finite domain, whose values are {@link ValueSet}s — and the way to
 * build them: `const Msgs = t.set(Msg)`, then `Msgs.empty`, `Msgs.of(a, b)`, `Msgs.from(list)`.
 */
export class SetDomain<T> extends Domain<ValueSet<T>> {
  private universe?: SetUniverse;

  constructor(
    /** The element domain. */
    readonly element: Domain<T>,
    defaultValue?: ValueSet<T>,
  ) {
    super({ kind: "set", element: element.schema }, defaultValue);
  }

  override default(value: ValueSet<T>): SetDomain<T> {
    return new SetDomain(this.element, value);
  }

  /** The empty set (TLA+'s `{}`). */
  get empty(): ValueSet<T> {
    return ValueSet.emptyOf<T>(this.elements());
  }

  /** The set of the listed elements (`{a, b}`); equal elements collapse. A RangeError names an element outside the domain. */
  of(...elements: T[]): ValueSet<T> {
    return ValueSet.build(this.elements(), elements, "of");
  }

  /** The set of an iterable's elements (e.g. an array or another value set). */
  from(elements: Iterable<T>): ValueSet<T> {
    return ValueSet.build(this.elements(), elements, "from");
  }

  private elements(): SetUniverse {
    return (this.universe ??= universeFor(this.element.codec()));
  }
}

/**
 * Arrays of structured values (records, tuples, sets) as state values: `includes`, `indexOf`
 * and `lastIndexOf` would compare elements by reference — a fresh literal is never found — so
 * they do not accept an argument; compare with {@link equals}, e.g. `s.queue.some((m) => equals(m, x))`.
 */
export interface Seq<T> extends ReadonlyArray<T> {
  includes(searchElement: T & ComparedByReference, fromIndex?: number): boolean;
  indexOf(searchElement: T & ComparedByReference, fromIndex?: number): number;
  lastIndexOf(searchElement: T & ComparedByReference, fromIndex?: number): number;
}

/** Why `includes`/`indexOf` take no argument on a {@link Seq}: shown in the type error. */
export interface ComparedByReference {
  readonly "includes/indexOf compare objects by reference: write .some((x) => equals(x, value)) instead": never;
}

/** The array type of a sequence or fixed array: a plain readonly array for scalars, a {@link Seq} for structured values. */
export type ArrayOf<T> = [T] extends [Scalar | null | undefined] ? readonly T[] : Seq<T>;

/** Value lists of int domains (min → max → list), shared by every Domain with the same bounds. */
const intLists = new Map<number, Map<number, readonly unknown[]>>();

export function isDomain(value: unknown): value is Domain<unknown> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[DOMAIN] === true;
}

/** The TypeScript type of a domain's values. */
export type Infer<D> = D extends Domain<infer T> ? T : never;

/** A record of domains, as in a state schema or `t.record`. */
export type Shape = { readonly [key: string]: Domain<any> };

/** The value type of a record of domains. */
export type InferShape<Sh extends Shape> = { readonly [K in keyof Sh]: Infer<Sh[K]> };

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type MapKey = string | number | boolean;
/** The property key type of a map key value (`true` → `"true"`). */
export type MapKeyOf<K> = K extends boolean ? `${K}` : K extends string | number ? K : never;

/**
 * Domain builders: the state schema vocabulary. Every domain is finite, so every state space
 * is finite and has a compact canonical encoding.
 *
 * ```ts
 * state: { n: t.int(0, 3), mode: t.enum("idle", "busy"), seen: t.set(t.int(1, 3)) }
 * ```
 */
export const t = {
  /** `true` or `false`. */
  bool: (): Domain<boolean> => new Domain({ kind: "bool" }),
  /** The integers `min..max`, both included. */
  int: (min: number, max: number): Domain<number> => new Domain({ kind: "int", min, max }),
  /** One of the listed literal values (strings, numbers or booleans): `t.enum("idle", "busy")`. */
  enum: <const V extends readonly Scalar[]>(...values: V): Domain<V[number]> =>
    new Domain({ kind: "enum", values }),
  /** A single value: `t.literal("done")`. */
  literal: <const V extends Scalar>(value: V): Domain<V> => new Domain({ kind: "enum", values: [value] }),
  /** A record with fixed fields: `t.record({ x: t.int(0, 3), ok: t.bool() })`. */
  record: <const Sh extends Shape>(fields: Sh): Domain<Simplify<InferShape<Sh>>> => {
    const entries = ownEntries(fields, "t.record({ … })");
    const record = new Domain<Simplify<InferShape<Sh>>>({ kind: "record", fields: entries.map(([k, d]) => [k, d.schema] as const) });
    // A record with a field whose values hold promises holds them too (see Domain.owing).
    const holders = entries.filter(([, d]) => d.owing !== undefined);
    return holders.length === 0 ? record : holdingParts(record, (v) => holders.map(([k, d]) => [d, (v as Record<string, unknown>)[k]]));
  },
  /** A fixed-length tuple of different domains: `t.tuple(t.bool(), t.int(0, 1))`. */
  tuple: <const Ds extends readonly Domain<any>[]>(
    ...items: Ds
  ): Domain<{ readonly [I in keyof Ds]: Infer<Ds[I]> }> =>
    holdingParts(new Domain({ kind: "tuple", items: items.map((d) => d.schema) }), items.some((d) => d.owing) ? (v) => items.map((d, i) => [d, (v as readonly unknown[])[i]]) : undefined),
  /** A fixed-length array, indexed `0..length-1`: `t.array(3, t.bool())`. */
  array: <T>(length: number, of: Domain<T>): Domain<ArrayOf<T>> =>
    holdingParts(new Domain({ kind: "tuple", items: Array.from({ length }, () => of.schema) }), of.owing && ((v) => (v as readonly T[]).map((x) => [of, x]))),
  /**
   * A total function from a finite key domain (int, enum or bool) to values, represented as a
   * plain object: `t.map(t.enum("p", "q"), t.bool())` has type `{ readonly p: boolean; readonly q: boolean }`.
   */
  map: <K extends MapKey, V>(keys: Domain<K>, values: Domain<V>): Domain<{ readonly [P in MapKeyOf<K>]: V }> =>
    holdingParts(new Domain({ kind: "map", key: keys.schema, value: values.schema }), values.owing && ((v) => Object.values(v as object).map((x) => [values, x]))),
  /**
   * A subset of a finite domain, as an immutable {@link ValueSet} with structural membership.
   * The domain builds its values: `const Msgs = t.set(Msg)`, `Msgs.empty`, `Msgs.of(m)`.
   */
  set: <T>(of: Domain<T>): SetDomain<T> => {
    if (of.owing) throw new SpecError("invalid-spec", "t.set() of values that hold promises (a weak-memory state under ra) is not supported: use t.map or t.array");
    return new SetDomain(of);
  },
  /** A sequence of at most `maxLength` values, as a readonly array (a {@link Seq} for structured values). */
  seq: <T>(of: Domain<T>, maxLength: number): Domain<ArrayOf<T>> =>
    holdingParts(new Domain({ kind: "seq", element: of.schema, maxLength }), of.owing && ((v) => (v as readonly T[]).map((x) => [of, x]))),
  /** A value of the domain, or `undefined`. */
  optional: <T>(of: Domain<T>): Domain<T | undefined> =>
    holdingParts(new Domain({ kind: "optional", inner: of.schema }), of.owing && ((v) => (v === undefined ? [] : [[of, v]]))),
};

/**
 * The entries of a record written by the spec, refusing one whose `__proto__: …` member set the
 * prototype instead of declaring an entry (it would silently vanish).
 */
export function ownEntries<V>(record: { readonly [key: string]: V }, what: string): [string, V][] {
  const proto = Object.getPrototypeOf(record);
  if (proto !== Object.prototype && proto !== null) {
    throw new SpecError(
      "invalid-spec",
      `${what} has a member named "__proto__" (or a prototype): in an object literal \`__proto__: …\` sets the prototype instead of declaring an entry, so it would be ignored; rename it`,
    );
  }
  return Object.entries(record);
}
