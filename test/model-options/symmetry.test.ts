/**
 * Symmetry reduction, differentially: on small instances the reduced search must store exactly
 * one state per orbit of the unreduced search's reachable states (orbits computed here by brute
 * force on JSON states, independently of the codec's layout), and reach the same verdicts.
 * Random symmetric specs (fast-check) cover ids as values, map keys, set elements, record
 * fields inside set elements, optionals, arrays indexed by an int domain, and two symmetric
 * domains at once.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { check, compile, defineSpec, exists, t, type Domain, type Json, type Model, type ValueSet } from "interleave-spec";

/** Every permutation of `xs`. */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/**
 * Renames ids in a JSON state: every id value (in these specs every string or number that is an
 * id is one: no other field holds numbers or those strings), object keys, and the positions of
 * the listed arrays.
 */
function rename(value: Json, map: ReadonlyMap<Json, Json>, arrays: ReadonlySet<string>, path = ""): Json {
  if (typeof value === "string" || typeof value === "number") return map.get(value) ?? value;
  if (Array.isArray(value)) {
    if (arrays.has(path)) {
      const out: Json[] = new Array(value.length);
      value.forEach((v, i) => (out[map.get(i) as number] = rename(v, map, arrays, `${path}[]`)));
      return out;
    }
    return value.map((v) => rename(v, map, arrays, `${path}[]`));
  }
  if (value !== null && typeof value === "object") {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[String(map.get(k) ?? map.get(Number(k)) ?? k)] = rename(v, map, arrays, `${path}.${k}`);
    return out;
  }
  return value;
}

/** A canonical text of JSON data: object keys sorted, arrays marked as sets sorted (every array of a "set" field). */
function canonical(value: Json, sets: ReadonlySet<string>, path = ""): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, sets, `${path}[]`));
    return `[${(sets.has(path) ? items.sort() : items).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const record = value as { readonly [key: string]: Json };
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${k}:${canonical(record[k], sets, `${path}.${k}`)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Number of orbits among the reachable states of the unreduced model, under the given renamings. */
async function orbitsOf<S>(model: Model<S>, renamings: readonly Map<Json, Json>[], arrays: ReadonlySet<string>, sets: ReadonlySet<string>) {
  const states: Json[] = [];
  const result = await check({ ...model, identity: undefined }, { observer: { state: (_id, v) => states.push(model.codec.toJson(model.codec.decode(v, 0))) }, continue: true });
  const keys = new Set(states.map((s) => renamings.map((m) => canonical(rename(s, m, arrays), sets)).sort()[0]));
  return { orbits: keys.size, states: states.length, result };
}

/** The renamings of a product of symmetric domains: one map per combination of permutations. */
function renamingsOf(domains: readonly (readonly Json[])[]): Map<Json, Json>[] {
  let out: Map<Json, Json>[] = [new Map()];
  for (const values of domains) {
    out = out.flatMap((m) => permutations(values).map((p) => new Map([...m, ...values.map((v, i) => [v, p[i]] as [Json, Json])])));
  }
  return out;
}

/** Knobs of a random symmetric spec. */
interface Shape {
  readonly n: number;
  readonly intIds: boolean;
  readonly withValues: boolean;
  readonly moves: readonly (readonly [number, number, number])[]; // from, to, guard bound on the count in `to`
  readonly acquire: boolean;
  readonly queue: boolean;
  readonly messages: boolean;
  readonly bound: number;
}

// At most two of the optional parts at once, so that the unreduced state spaces stay small.
const arbShape: fc.Arbitrary<Shape> = fc
  .record({
    n: fc.integer({ min: 2, max: 3 }),
    intIds: fc.boolean(),
    parts: fc.subarray(["values", "acquire", "queue", "messages"] as const, { maxLength: 2 }),
    moves: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 4 }),
    bound: fc.integer({ min: 1, max: 2 }),
  })
  .map(({ parts, ...rest }) => ({
    ...rest,
    withValues: parts.includes("values"),
    acquire: parts.includes("acquire"),
    queue: parts.includes("queue"),
    messages: parts.includes("messages"),
  }));

const LOCAL = ["idle", "wait", "busy"] as const;
type Id = string | number;

/** A spec that treats its ids alike, built from the knobs. */
function symmetricSpec(shape: Shape) {
  const ids: readonly (string | number)[] = shape.intIds ? Array.from({ length: shape.n }, (_, i) => i) : ["a", "b", "c"].slice(0, shape.n);
  const Proc = (shape.intIds ? t.int(0, shape.n - 1) : t.enum(...(ids as string[]))) as Domain<Id>;
  const Val = t.enum("x", "y");
  const Local = t.enum(...LOCAL);
  const Msg = t.record({ from: Proc, kind: t.enum("req", "ack") });
  const Queue = t.set(Proc);
  const Msgs = t.set(Msg);
  type S = {
    readonly local: Readonly<Record<string, (typeof LOCAL)[number]>> | readonly (typeof LOCAL)[number][];
    readonly owner: Id | undefined;
    readonly queue: ValueSet<Id>;
    readonly msgs: ValueSet<{ readonly from: Id; readonly kind: "req" | "ack" }>;
    readonly held: Readonly<Record<string, "x" | "y" | undefined>>;
  };
  const localOf = (s: S, p: Id) => (s.local as Record<string, (typeof LOCAL)[number]>)[p as never];
  const withLocal = (s: S, p: Id, l: (typeof LOCAL)[number]): S["local"] =>
    shape.intIds ? (s.local as readonly (typeof LOCAL)[number][]).map((x, i) => (i === p ? l : x)) : { ...(s.local as object), [p]: l };
  const count = (s: S, l: string) => ids.filter((p) => localOf(s, p) === l).length;
  const spec = defineSpec({
    name: "random-symmetric",
    state: {
      local: (shape.intIds ? t.array(shape.n, Local) : t.map(Proc as Domain<string>, Local)) as Domain<S["local"]>,
      owner: t.optional(Proc),
      queue: Queue,
      msgs: Msgs,
      held: t.map(Proc as Domain<string>, t.optional(Val)) as Domain<S["held"]>,
    },
    init: {
      local: (shape.intIds ? ids.map(() => "idle") : Object.fromEntries(ids.map((p) => [p, "idle"]))) as never,
      owner: undefined,
      queue: Queue.empty,
      msgs: Msgs.empty,
      held: Object.fromEntries(ids.map((p) => [p, undefined])) as never,
    },
    actions: {
      move: (s: S) =>
        exists(Proc as never, (p: Id) =>
          shape.moves.map(([from, to, bound]) => localOf(s, p) === LOCAL[from] && count(s, LOCAL[to]) < bound && { ...s, local: withLocal(s, p, LOCAL[to]) }),
        ),
      acquire: (s: S) => shape.acquire && s.owner === undefined && exists(Proc as never, (p: Id) => localOf(s, p) === "wait" && { ...s, owner: p, local: withLocal(s, p, "busy") }),
      release: (s: S) => shape.acquire && s.owner !== undefined && { ...s, owner: undefined, local: withLocal(s, s.owner, "idle") },
      enqueue: (s: S) => shape.queue && exists(Proc as never, (p: Id) => !s.queue.has(p) && { ...s, queue: s.queue.with(p) }),
      dequeue: (s: S) => shape.queue && exists(s.queue, (p: Id) => ({ ...s, queue: s.queue.without(p) })),
      send: (s: S) =>
        shape.messages &&
        s.msgs.size < shape.bound &&
        exists(Proc as never, (p: Id) => exists(t.enum("req", "ack"), (kind) => ({ ...s, msgs: s.msgs.with({ from: p, kind }) }))),
      receive: (s: S) => shape.messages && exists(s.msgs, (m) => ({ ...s, msgs: s.msgs.without(m), local: withLocal(s, m.from, "wait") })),
      choose: (s: S) =>
        shape.withValues &&
        exists(Proc as never, (p: Id) => exists(Val, (v) => s.held[p as never] === undefined && { ...s, held: { ...s.held, [p]: v } })),
    },
    invariants: {
      fewBusy: (s: S) => count(s, "busy") <= shape.bound,
      ownerBusy: (s: S) => s.owner === undefined || localOf(s, s.owner) === "busy",
    },
    deadlock: false,
    symmetry: [shape.intIds ? { domain: Proc, arrays: ["local"] } : Proc, ...(shape.withValues ? [Val] : [])],
  });
  const renamings = renamingsOf([ids as Json[], ...(shape.withValues ? [["x", "y"]] : [])]);
  return { spec, renamings, arrays: new Set(shape.intIds ? [".local"] : []), sets: new Set([".queue", ".msgs"]) };
}

describe("symmetry reduction (differential)", () => {
  it("stores one state per orbit of the unreduced reachable states, with the same verdicts, on random symmetric specs", async () => {
    let reducing = 0;
    await fc.assert(
      fc.asyncProperty(arbShape, async (shape) => {
        const { spec, renamings, arrays, sets } = symmetricSpec(shape);
        const model = compile(spec as never) as Model<unknown>;
        const reduced = await check(model, { continue: true });
        const { orbits, states, result } = await orbitsOf(model, renamings, arrays, sets);
        expect(reduced.stats.distinctStates).toBe(orbits);
        if (orbits < states) reducing++;
        const verdicts = (r: typeof result) => (r.result === "violation" ? r.violations.map((v) => v.property).sort() : r.result);
        expect(verdicts(reduced)).toEqual(verdicts(result));
      }),
      { numRuns: Number(process.env.SYMMETRY_RUNS ?? 40) },
    );
    expect(reducing).toBeGreaterThan(0); // the reduction is not vacuous
  }, 300_000);
});
