import { t, type Domain } from "../dsl/domain.ts";
import { exists, type Successors } from "../dsl/exists.ts";
import { SpecError } from "../model/spec-error.ts";
import { drainable, forwarded, without, type BufferEntry, type BufferModel } from "./store-buffer.ts";
import { gracePeriodEnd, gracePeriodStart, raGraceEnd, raGraceStart, raRcuEnter, rcuDomain, rcuDrained, rcuEnter, rcuExit, rcuInit, type RcuState } from "./rcu.ts";
import { raExclusive } from "./promising-exclusive.ts";
import { latest, raOwing, raSeen, raSettled, raStale, raStranded, raValues } from "./promising-queries.ts";
import { raCtrl, raDomains, raFence, raInit, raPromise, raReads, raStore, type CpuView, type Message, type RaMemory, type RaShape } from "./promising.ts";

/** The memory models a spec can select (`--set memory=sc|tso|pso|ra`). */
export type MemoryModelName = BufferModel | "ra";

/** The memory models: SC, x86-TSO, SPARC PSO (each weaker than the one before), and ra (Promising-ARMv8). */
export const MEMORY_MODELS: readonly MemoryModelName[] = ["sc", "tso", "pso", "ra"];

/**
 * spin_unlock's ordering of later stores under PSO:
 * - `one-way`: a release store — earlier accesses are ordered before it, later stores may become
 *   visible first (ia64's `st.rel`; what LKMM promises);
 * - `ordered`: smp_wmb then the release store, so later stores cannot pass earlier ones either
 *   (PowerPC's `lwsync; stw`, ARM's `dmb; str` in 2011).
 */
export type UnlockSemantics = "one-way" | "ordered";

/** What a memory is made of: the model, the CPUs, the named locations and the buffer bound. */
export interface MemoryConfig<L extends string> {
  /** The memory model. */
  readonly model: MemoryModelName;
  /** CPUs 0..cpus-1, each with its own store buffer. */
  readonly cpus: number;
  /** The shared locations and their values: each a range of integers, `{ x: [0, 2] }`. */
  readonly locations: { readonly [K in L]: readonly [min: number, max: number] };
  /**
   * The most entries (stores and smp_wmb markers) a CPU's buffer holds. A store to a full buffer
   * is not enabled until an entry drains, so behaviours that need more buffered stores are not
   * explored; when a buffer reaches the bound the memory's `saturated` flag is set for good,
   * and a run that never sets it explored every behaviour of the model. Default 4.
   */
  readonly bound?: number;
  /** spin_unlock under PSO and ra (see {@link UnlockSemantics}); default `one-way`. */
  readonly unlock?: UnlockSemantics;
  /**
   * ra only: the most outstanding promises per CPU (default 1). 0 is the promise-free model, in
   * which no store becomes visible before an earlier access of its CPU (it forbids LB, S, 2+2W).
   * Under ra `bound` must exceed it (a SpecError otherwise).
   */
  readonly promises?: number;
  /**
   * Whether the memory tracks RCU read-side sections and grace periods (`rcuReadLock`,
   * `rcuReadUnlock`, `synchronizeRcu`, `synchronizeRcuEnd`); default false. Under ra an
   * approximation on the views, not a published semantics (see `rcu.ts`).
   */
  readonly rcu?: boolean;
}

/** The state of a memory: values visible to all, each CPU's store buffer, and whether a buffer ever filled up. */
export interface MemoryState<L extends string = string> {
  /** The newest value of every location (under ra: its last message in coherence order). */
  readonly mem: { readonly [K in L]: number };
  readonly buf: { readonly [cpu: number]: readonly BufferEntry[] };
  readonly saturated: boolean;
  /** ra only: the messages, oldest first (the position is the timestamp). */
  readonly msgs?: readonly Message[];
  /** ra only: each CPU's views. */
  readonly views?: { readonly [cpu: number]: CpuView };
  /** With `rcu`: each CPU's read-side nesting, its section's stores still buffered, and the CPUs its grace period waits for. */
  readonly rcu?: RcuState;
}

/** One value a load may return: how the trace shows it (`"refs=0 (stale: a newer store is in memory)"`), the value, and the memory after. */
export interface Load<L extends string> {
  readonly read: string;
  readonly val: number;
  readonly memory: MemoryState<L>;
}

/** One outcome of a read-modify-write: how the trace shows it, the value read and the memory after it. */
export interface Rmw<L extends string> {
  readonly read: string;
  readonly old: number;
  readonly memory: MemoryState<L>;
}

/**
 * A shared memory under a memory model, for specs whose process steps are memory accesses.
 * Every operation is a pure function of a {@link MemoryState} (a field of the spec's state, of
 * domain `domain`); an operation that must wait (smp_mb with stores still buffered, a full
 * buffer, a held lock) returns `false`, which disables the step, as PlusCal's `await` does.
 * A load may return several values (under ra, an older message too): `choose` makes it a
 * nondeterministic choice that the trace shows as `read = "refs=0 (stale: …)"`.
 *
 * ```ts
 * const m = memory({ model: "pso", cpus: 2, locations: { x: [0, 1], y: [0, 1] } });
 * // state: { mem: m.domain }, init: { mem: m.init() }
 * // step:  (s, cpu) => { const mem = m.store(s.mem, cpu, "x", 1); return mem && { ...s, mem }; }
 * // load:  (s, cpu) => m.choose(m.loads(s.mem, cpu, "y"), ({ val, memory }) => ({ ...s, r: val, mem: memory }))
 * ```
 *
 * Buffered stores become visible in steps of their own: give the spec a process over the CPUs
 * whose step is `exists(m.drainable(s.mem, cpu), (loc) => ({ ...s, mem: m.drain(s.mem, cpu, loc) }))`
 * so that the trace shows "CPU 1's store to refs becomes visible". Under ra, a CPU may promise a
 * later store (`promise`), which other CPUs can read before it is made; a state is final only
 * when every promise is fulfilled (`drained`).
 */
export interface Memory<L extends string> {
  readonly model: MemoryModelName;
  readonly unlockSemantics: UnlockSemantics;
  /** The domain of a {@link MemoryState}, for the spec's state schema. */
  readonly domain: Domain<MemoryState<L>>;
  /** The initial memory: every location 0 (or its minimum, if 0 is outside it) unless given. */
  init(values?: { readonly [K in L]?: number }): MemoryState<L>;
  /** The newest value of `loc` in memory, as a CPU that has nothing of its own buffered and has seen every store would read it. */
  value(m: MemoryState<L>, loc: L): number;
  /** READ_ONCE / atomic_read by `cpu` under sc, tso, pso: its newest buffered store to `loc`, else memory. Under ra use {@link Memory.loads}. */
  load(m: MemoryState<L>, cpu: number, loc: L): number;
  /** Every value READ_ONCE (or smp_load_acquire, `acquire`) of `loc` by `cpu` may return now, with the memory after: one under sc/tso/pso, any message the CPU's views allow under ra. */
  loads(m: MemoryState<L>, cpu: number, loc: L, acquire?: boolean): Load<L>[];
  /** A nondeterministic choice among a load's or an atomic's outcomes, shown in traces by its `read` text. */
  choose<O extends { readonly read: string }, S>(options: readonly O[], body: (option: O) => Successors<S>): Successors<S>;
  /** WRITE_ONCE / atomic_set: buffered (under SC: visible at once; under ra: a new message, or a promise fulfilled). */
  store(m: MemoryState<L>, cpu: number, loc: L, val: number): MemoryState<L> | false;
  /** smp_store_release: under PSO it becomes visible only after every earlier store; under ra it is ordered after every earlier access. */
  storeRelease(m: MemoryState<L>, cpu: number, loc: L, val: number): MemoryState<L> | false;
  /** smp_wmb: no later store becomes visible before the earlier ones (PSO, ra). */
  wmb(m: MemoryState<L>, cpu: number): MemoryState<L> | false;
  /** smp_rmb: under ra, later accesses are ordered after earlier loads (`dmb ishld`); the buffer models perform loads in order anyway. */
  rmb(m: MemoryState<L>, cpu: number): MemoryState<L>;
  /** smp_mb: waits until the CPU's buffer is empty (ra: `dmb ish`). */
  mb(m: MemoryState<L>, cpu: number): MemoryState<L> | false;
  /** A branch on values this CPU loaded (control dependency): under ra, later stores are ordered after every earlier load. */
  ctrl(m: MemoryState<L>, cpu: number): MemoryState<L>;
  /**
   * A value-returning atomic read-modify-write (xchg, cmpxchg, atomic_*_return,
   * test_and_clear_bit, …): a full barrier — it waits for an empty buffer and acts on memory.
   * `update` gives the new value, or `undefined` when the operation fails (a failed cmpxchg),
   * which under PSO and ra is a plain load with no ordering and under TSO still a full barrier.
   * Returns every outcome (none: it waits).
   */
  rmw(m: MemoryState<L>, cpu: number, loc: L, update: (old: number) => number | undefined): Rmw<L>[];
  /** A non-returning atomic (atomic_inc, atomic_add): atomic on memory, ordered only with the CPU's own stores to `loc` (TSO: a LOCK'd full barrier). */
  atomicAdd(m: MemoryState<L>, cpu: number, loc: L, delta: number): MemoryState<L> | false;
  /** spin_lock: an atomic test-and-set of `lock` (0 = free), with acquire ordering; under PSO it also waits for the CPU's own buffered unlocks. */
  lock(m: MemoryState<L>, cpu: number, lock: L): MemoryState<L> | false;
  /** spin_unlock: a release store of 0 to `lock`, one-way or also ordering later stores ({@link UnlockSemantics}). */
  unlock(m: MemoryState<L>, cpu: number, lock: L): MemoryState<L> | false;
  /** rcu_read_lock (needs `rcu: true`). */
  rcuReadLock(m: MemoryState<L>, cpu: number): MemoryState<L>;
  /** rcu_read_unlock: the stores of the section still buffered are waited for by grace periods that wait for this CPU. */
  rcuReadUnlock(m: MemoryState<L>, cpu: number): MemoryState<L>;
  /**
   * synchronize_rcu's first step: smp_mb (false while the CPU's buffer is not empty), then the grace
   * period starts, recording every other CPU inside a read-side section or with stores of one still buffered.
   */
  synchronizeRcu(m: MemoryState<L>, cpu: number): MemoryState<L> | false;
  /** synchronize_rcu's second step: false until every recorded CPU has left its section and its section's stores are visible; then smp_mb. */
  synchronizeRcuEnd(m: MemoryState<L>, cpu: number): MemoryState<L> | false;
  /** ra: `cpu` promises a store of `val` to `loc` that it will make later (false past the promise bound; a no-op model elsewhere returns false). */
  promise(m: MemoryState<L>, cpu: number, loc: L, val: number): MemoryState<L> | false;
  /** ra: the stores `cpu` has promised and not made yet (none elsewhere). */
  promised(m: MemoryState<L>, cpu: number): { loc: L; val: number }[];
  /** The locations whose oldest buffered store of `cpu` may become visible now. */
  drainable(m: MemoryState<L>, cpu: number): L[];
  /** `cpu`'s oldest buffered store to `loc` becomes visible to every CPU. */
  drain(m: MemoryState<L>, cpu: number, loc: L): MemoryState<L>;
  /** Whether every store buffer is empty and every promise fulfilled (a litmus test's final state). */
  drained(m: MemoryState<L>): boolean;
  /**
   * The value `cpu`'s latest access to `loc` read or wrote, as long as it has not accessed `loc`
   * since: under ra the message at its coherence view of `loc`; elsewhere what it would load now.
   */
  seen(m: MemoryState<L>, cpu: number, loc: L): number;
  /** What `cpu` has pending, as text: its buffered stores, oldest first ("refs=1, wmb, head=1"); under ra, the stale values it may still read ("may read refs=0"). */
  describe(m: MemoryState<L>, cpu: number): string;
}

/** Whether every store buffer of a memory state is empty and every promise fulfilled. */
export function settled(m: MemoryState): boolean {
  return Object.values(m.buf).every((b) => (b as readonly BufferEntry[]).length === 0) && (m.views === undefined || raSettled(m as unknown as RaMemory));
}

/** A memory of the given model, CPUs and locations (see {@link Memory}). */
export function memory<const L extends string>(config: MemoryConfig<L>): Memory<L> {
  const { model, cpus } = config;
  const bound = config.bound ?? 4;
  const promises = config.promises ?? 1;
  const unlockSemantics = config.unlock ?? "one-way";
  const names = Object.keys(config.locations) as L[];
  if (!MEMORY_MODELS.includes(model)) throw new SpecError("invalid-spec", `memory(): model must be one of ${MEMORY_MODELS.join(", ")}, got ${JSON.stringify(model)}`);
  if (unlockSemantics !== "one-way" && unlockSemantics !== "ordered") throw new SpecError("invalid-spec", `memory(): unlock must be "one-way" or "ordered", got ${JSON.stringify(unlockSemantics)}`);
  if (names.length === 0) throw new SpecError("invalid-spec", "memory(): no locations");
  if (!Number.isInteger(cpus) || cpus < 1) throw new SpecError("invalid-spec", `memory(): cpus must be a positive integer, got ${String(cpus)}`);
  if (!Number.isInteger(bound) || bound < 1) throw new SpecError("invalid-spec", `memory(): bound must be a positive integer, got ${String(bound)}`);
  if (!Number.isInteger(promises) || promises < 0) throw new SpecError("invalid-spec", `memory(): promises must be a non-negative integer, got ${String(promises)}`);
  if (model === "ra" && bound <= promises) {
    throw new SpecError("invalid-spec", `memory(): under ra, bound (messages kept per location, got ${bound}) must exceed promises (outstanding promises per CPU, got ${promises}), or a CPU's promises could fill a location's history`);
  }
  const range = (loc: L) => config.locations[loc];
  const lo = Math.min(...names.map((l) => range(l)[0]));
  const hi = Math.max(...names.map((l) => range(l)[1]));
  const ra = model === "ra";
  const shape: RaShape = { names, cpus, bound, promises };
  const entry = t.record({ loc: t.enum(...names), val: t.int(lo, hi), kind: t.enum("store", "release", "unlock", "fence") });
  const fields = {
    mem: t.record(Object.fromEntries(names.map((l) => [l, t.int(range(l)[0], range(l)[1])]))),
    buf: t.map(t.int(0, cpus - 1), t.seq(entry, model === "sc" || ra ? 0 : bound)),
    saturated: t.bool(),
  };
  const rcu = config.rcu ?? false;
  const plain = t.record({ ...fields, ...(ra ? raDomains(shape, t.int(lo, hi), rcu) : {}), ...(rcu ? { rcu: rcuDomain(cpus, bound) } : {}) }) as unknown as Domain<MemoryState<L>>;
  // Under ra a spec keeps a state owing a promise only if the promise can still be fulfilled (see
  // Domain.promising). Past the bound (messages forgotten) that cannot be told — null — unless a
  // promise is already stranded (then the state is a dead end at any bound).
  const owing = (m: MemoryState<L>) => {
    const owed = raOwing(m as unknown as RaMemory);
    return m.saturated && owed.length > 0 && !raStranded(m as unknown as RaMemory) ? null : owed;
  };
  const domain = ra && promises > 0 ? plain.promising(owing) : plain;

  const check = (op: string, cpu: number, loc: L, val?: number) => {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu >= cpus) throw new SpecError("invalid-successor", `memory ${op}: CPU ${String(cpu)} is not one of 0..${cpus - 1}`);
    if (!(names as string[]).includes(loc)) throw new SpecError("invalid-successor", `memory ${op}: no location "${String(loc)}" (the locations are ${names.join(", ")})`);
    const [min, max] = range(loc);
    if (val !== undefined && !(Number.isInteger(val) && val >= min && val <= max)) {
      throw new SpecError("outside-schema", `memory ${op} by CPU ${cpu}: ${String(val)} is outside ${loc}'s values ${min}..${max}`, { path: `mem.${loc}` });
    }
  };
  const write = (m: MemoryState<L>, loc: L, val: number): MemoryState<L> => ({ ...m, mem: { ...m.mem, [loc]: val } });
  const push = (m: MemoryState<L>, cpu: number, e: BufferEntry): MemoryState<L> | false => {
    const buffer = m.buf[cpu];
    if (buffer.length >= bound) return false;
    const next = [...buffer, e];
    return { ...m, buf: { ...m.buf, [cpu]: next }, saturated: m.saturated || next.length === bound };
  };
  const empty = (m: MemoryState<L>, cpu: number) => m.buf[cpu].length === 0;
  // ra: the promising machine inside the memory state, and back (mem holds the newest values).
  const machine = (m: MemoryState<L>) => m as unknown as RaMemory;
  const back = (m: MemoryState<L>, r: RaMemory | false): MemoryState<L> | false =>
    r && { ...m, mem: raValues(r, names) as MemoryState<L>["mem"], saturated: r.saturated, msgs: r.msgs, views: r.views };
  const raOnly = (m: MemoryState<L>, r: RaMemory | false) => back(m, r) as MemoryState<L>;
  const bufferedStore = (m: MemoryState<L>, cpu: number, loc: L, val: number, kind: BufferEntry["kind"]) =>
    ra ? back(m, raStore(shape, machine(m), cpu, loc, val, kind !== "store"))
      : model === "sc" ? write(m, loc, val) : push(m, cpu, { loc, val, kind: model === "tso" ? "store" : kind });
  const fence = (m: MemoryState<L>, cpu: number): MemoryState<L> | false => {
    if (ra) return raOnly(m, raFence(machine(m), cpu, "st"));
    const buffer = m.buf[cpu];
    if (model !== "pso" || buffer.length === 0 || buffer[buffer.length - 1].kind === "fence") return m;
    return push(m, cpu, { loc: names[0], val: lo, kind: "fence" });
  };
  const load = (m: MemoryState<L>, cpu: number, loc: L) => forwarded(m.buf[cpu], loc)?.val ?? m.mem[loc];
  // RCU: the bookkeeping, or a clear error naming the operation and the CPU.
  const rcuOp = (m: MemoryState<L>, cpu: number, op: string, f: (r: RcuState) => RcuState | false | string): MemoryState<L> | false => {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu >= cpus) throw new SpecError("invalid-successor", `memory ${op}: CPU ${String(cpu)} is not one of 0..${cpus - 1}`);
    if (m.rcu === undefined) throw new SpecError("invalid-successor", `memory ${op} by CPU ${cpu}: the memory was made without \`rcu: true\``);
    const r = f(m.rcu);
    if (typeof r === "string") throw new SpecError("invalid-successor", `memory ${op} by CPU ${cpu}: ${r}`);
    return r && { ...m, rcu: r };
  };
  const stores = (m: MemoryState<L>, cpu: number, upTo = Infinity) => m.buf[cpu].slice(0, upTo).filter((e) => e.kind !== "fence").length;
  const raRmw = (m: MemoryState<L>, cpu: number, loc: L, update: (old: number) => number | undefined): Rmw<L>[] => {
    const failures = raReads(machine(m), cpu, loc, false)
      .filter((r) => update(r.val) === undefined)
      .map((r) => ({ read: `${r.read} (fails)`, old: r.val, memory: raOnly(m, r.after) }));
    const oks = raExclusive(shape, raFence(machine(m), cpu, "sy"), cpu, loc, false, update);
    return [...failures, ...oks.map((ok) => ({ read: ok.read, old: ok.old, memory: raOnly(m, raFence(ok.after, cpu, "sy")) }))];
  };
  // atomicAdd and lock return one state: the exclusive pair that reads the newest message, as they
  // did before exclusives could read older ones. A promise it fulfils would have to lie after that
  // read, so these never fulfil one; rmw returns every outcome.
  const raAtomic = (m: MemoryState<L>, cpu: number, loc: L, acquire: boolean, update: (old: number) => number | undefined) =>
    raExclusive(shape, machine(m), cpu, loc, acquire, update).find((o) => o.ts === latest(machine(m), loc)) ?? false;

  return {
    model,
    unlockSemantics,
    domain,
    init: (values = {}) => {
      const mem = Object.fromEntries(names.map((l) => [l, values[l] ?? (range(l)[0] <= 0 && 0 <= range(l)[1] ? 0 : range(l)[0])])) as MemoryState<L>["mem"];
      const m: MemoryState<L> = { mem, buf: Object.fromEntries(Array.from({ length: cpus }, (_, c) => [c, []])), saturated: false, ...(rcu ? { rcu: rcuInit(cpus) } : {}) };
      return ra ? raOnly(m, raInit(shape, mem, rcu)) : m;
    },
    value: (m, loc) => m.mem[loc],
    load: (m, cpu, loc) => {
      check("load", cpu, loc);
      if (ra) throw new SpecError("invalid-successor", `memory load of ${loc} by CPU ${cpu}: under ra a load may return several values — use loads() with choose()`);
      return load(m, cpu, loc);
    },
    loads: (m, cpu, loc, acquire = false) => {
      check("load", cpu, loc);
      if (!ra) {
        const val = load(m, cpu, loc);
        return [{ read: `${loc}=${val}`, val, memory: m }];
      }
      return raReads(machine(m), cpu, loc, acquire).map((r) => ({ read: r.read, val: r.val, memory: raOnly(m, r.after) }));
    },
    choose: (options, body) => exists(options.map((o) => o.read), (read) => body(options.find((o) => o.read === read)!)),
    store: (m, cpu, loc, val) => {
      check("store", cpu, loc, val);
      return bufferedStore(m, cpu, loc, val, "store");
    },
    storeRelease: (m, cpu, loc, val) => {
      check("store-release", cpu, loc, val);
      return bufferedStore(m, cpu, loc, val, "release");
    },
    wmb: (m, cpu) => fence(m, cpu),
    rmb: (m, cpu) => (ra ? raOnly(m, raFence(machine(m), cpu, "ld")) : m),
    mb: (m, cpu) => (ra ? raOnly(m, raFence(machine(m), cpu, "sy")) : empty(m, cpu) && m),
    ctrl: (m, cpu) => (ra ? raOnly(m, raCtrl(machine(m), cpu)) : m),
    rmw: (m, cpu, loc, update) => {
      check("atomic", cpu, loc);
      if (ra) return raRmw(m, cpu, loc, update);
      const buffered = forwarded(m.buf[cpu], loc);
      const seen = buffered?.val ?? m.mem[loc];
      const next = empty(m, cpu) ? update(m.mem[loc]) : update(seen);
      if (next === undefined && model === "pso") return [{ read: `${loc}=${seen} (fails)`, old: seen, memory: m }];
      if (!empty(m, cpu)) return [];
      if (next === undefined) return [{ read: `${loc}=${m.mem[loc]} (fails)`, old: m.mem[loc], memory: m }];
      check("atomic", cpu, loc, next);
      return [{ read: `${loc}=${m.mem[loc]}`, old: m.mem[loc], memory: write(m, loc, next) }];
    },
    atomicAdd: (m, cpu, loc, delta) => {
      check("atomic_add", cpu, loc);
      if (ra) {
        const r = raAtomic(m, cpu, loc, false, (old) => old + delta);
        if (r) check("atomic_add", cpu, loc, r.old + delta);
        return r && back(m, r.after);
      }
      if (model === "tso" ? !empty(m, cpu) : forwarded(m.buf[cpu], loc) !== undefined) return false;
      check("atomic_add", cpu, loc, m.mem[loc] + delta);
      return write(m, loc, m.mem[loc] + delta);
    },
    lock: (m, cpu, l) => {
      check("spin_lock", cpu, l);
      if (ra) {
        const r = raAtomic(m, cpu, l, true, (old) => (old === 0 ? 1 : undefined));
        return r && back(m, r.after);
      }
      if (m.mem[l] !== 0) return false;
      if (model === "tso" && !empty(m, cpu)) return false;
      if (model === "pso" && m.buf[cpu].some((e) => e.kind === "unlock")) return false;
      return write(m, l, 1);
    },
    unlock: (m, cpu, l) => {
      check("spin_unlock", cpu, l);
      const ordered = unlockSemantics === "ordered" ? fence(m, cpu) : m;
      return ordered && bufferedStore(ordered, cpu, l, 0, "unlock");
    },
    rcuReadLock: (m, cpu) => {
      const s = rcuOp(m, cpu, "rcu_read_lock", (r) => rcuEnter(r, cpu)) as MemoryState<L>;
      return ra ? raOnly(s, raRcuEnter(machine(s), cpu)) : s;
    },
    rcuReadUnlock: (m, cpu) => rcuOp(m, cpu, "rcu_read_unlock", (r) => rcuExit(r, cpu, stores(m, cpu))) as MemoryState<L>,
    synchronizeRcu: (m, cpu) => {
      const s = rcuOp(m, cpu, "synchronize_rcu", (r) => empty(m, cpu) && gracePeriodStart(r, cpu));
      return ra && s ? raOnly(s, raGraceStart(machine(s), cpu)) : s;
    },
    synchronizeRcuEnd: (m, cpu) => {
      const s = rcuOp(m, cpu, "synchronize_rcu", (r) => empty(m, cpu) && gracePeriodEnd(r, cpu));
      return ra && s ? raOnly(s, raGraceEnd(machine(s), m.rcu!, cpu)) : s;
    },
    promise: (m, cpu, loc, val) => {
      check("promise", cpu, loc, val);
      return ra && back(m, raPromise(shape, machine(m), cpu, loc, val));
    },
    promised: (m, cpu) => (m.views?.[cpu].prom ?? []).map((ts) => ({ loc: m.msgs![ts - 1].loc as L, val: m.msgs![ts - 1].val })),
    drainable: (m, cpu) => drainable(ra ? "sc" : model, m.buf[cpu]).map((i) => m.buf[cpu][i].loc as L),
    drain: (m, cpu, loc) => {
      const buffer = m.buf[cpu];
      const i = ra ? undefined : drainable(model, buffer).find((j) => buffer[j].loc === loc);
      if (i === undefined) throw new SpecError("invalid-successor", `memory drain: CPU ${cpu} has no store to ${loc} that may become visible now`);
      const drained = { ...write(m, loc, buffer[i].val), buf: { ...m.buf, [cpu]: without(buffer, i) } };
      return m.rcu ? { ...drained, rcu: rcuDrained(m.rcu, cpu, stores(m, cpu, i)) } : drained;
    },
    drained: (m) => settled(m),
    seen: (m, cpu, loc) => {
      check("seen", cpu, loc);
      return ra ? raSeen(machine(m), cpu, loc) : load(m, cpu, loc);
    },
    describe: (m, cpu) => {
      if (ra) {
        const stale = raStale(machine(m), cpu, names);
        return stale === "" ? "" : `may read ${stale}`;
      }
      return m.buf[cpu].map((e) => (e.kind === "fence" ? "wmb" : `${e.loc}=${e.val}${e.kind === "store" ? "" : ` (${e.kind})`}`)).join(", ");
    },
  };
}
