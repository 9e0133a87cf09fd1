import { t, type Domain } from "../dsl/domain.ts";
import { SpecError } from "../model/spec-error.ts";
import { drainable, forwarded, without, type BufferEntry, type BufferModel } from "./store-buffer.ts";

/** The memory models a spec can select (`--set memory=sc|tso|pso`). */
export type MemoryModelName = BufferModel;

/** The memory models, in order of strength (strongest first). */
export const MEMORY_MODELS: readonly MemoryModelName[] = ["sc", "tso", "pso"];

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
  /** spin_unlock under PSO (see {@link UnlockSemantics}); default `one-way`. */
  readonly unlock?: UnlockSemantics;
}

/** The state of a memory: values visible to all, each CPU's store buffer, and whether a buffer ever filled up. */
export interface MemoryState<L extends string = string> {
  readonly mem: { readonly [K in L]: number };
  readonly buf: { readonly [cpu: number]: readonly BufferEntry[] };
  readonly saturated: boolean;
}

/** The outcome of a read-modify-write: the value read and the memory after it. */
export interface Rmw<L extends string> {
  readonly old: number;
  readonly memory: MemoryState<L>;
}

/**
 * A shared memory under a memory model, for specs whose process steps are memory accesses.
 * Every operation is a pure function of a {@link MemoryState} (a field of the spec's state, of
 * domain `domain`); an operation that must wait (smp_mb with stores still buffered, a full
 * buffer, a held lock) returns `false`, which disables the step, as PlusCal's `await` does.
 *
 * ```ts
 * const m = memory({ model: "pso", cpus: 2, locations: { x: [0, 1], y: [0, 1] } });
 * // state: { mem: m.domain }, init: { mem: m.init() }
 * // step:  (s, cpu) => { const mem = m.store(s.mem, cpu, "x", 1); return mem && { ...s, mem }; }
 * ```
 *
 * Buffered stores become visible in steps of their own: give the spec a process over the CPUs
 * whose step is `exists(m.drainable(s.mem, cpu), (loc) => ({ ...s, mem: m.drain(s.mem, cpu, loc) }))`
 * so that the trace shows "CPU 1's store to refs becomes visible".
 */
export interface Memory<L extends string> {
  readonly model: MemoryModelName;
  readonly unlockSemantics: UnlockSemantics;
  /** The domain of a {@link MemoryState}, for the spec's state schema. */
  readonly domain: Domain<MemoryState<L>>;
  /** The initial memory: every location 0 (or its minimum, if 0 is outside it) unless given. */
  init(values?: { readonly [K in L]?: number }): MemoryState<L>;
  /** The value of `loc` in memory, as every CPU that has no store to it buffered sees it. */
  value(m: MemoryState<L>, loc: L): number;
  /** READ_ONCE / atomic_read / smp_load_acquire by `cpu`: its newest buffered store to `loc`, else memory. */
  load(m: MemoryState<L>, cpu: number, loc: L): number;
  /** WRITE_ONCE / atomic_set: buffered (under SC: visible at once). */
  store(m: MemoryState<L>, cpu: number, loc: L, val: number): MemoryState<L> | false;
  /** smp_store_release: under PSO it becomes visible only after every earlier store of the CPU. */
  storeRelease(m: MemoryState<L>, cpu: number, loc: L, val: number): MemoryState<L> | false;
  /** smp_wmb: under PSO no later store becomes visible before the earlier ones. */
  wmb(m: MemoryState<L>, cpu: number): MemoryState<L> | false;
  /** smp_mb: waits until the CPU's buffer is empty. (smp_rmb orders nothing in these models: loads are performed in order.) */
  mb(m: MemoryState<L>, cpu: number): MemoryState<L> | false;
  /**
   * A value-returning atomic read-modify-write (xchg, cmpxchg, atomic_*_return,
   * test_and_clear_bit, …): a full barrier — it waits for an empty buffer and acts on memory.
   * `update` gives the new value, or `undefined` when the operation fails (a failed cmpxchg),
   * which under PSO is a plain load with no ordering and under TSO still a full barrier.
   */
  rmw(m: MemoryState<L>, cpu: number, loc: L, update: (old: number) => number | undefined): Rmw<L> | false;
  /** A non-returning atomic (atomic_inc, atomic_add): atomic on memory, ordered only with the CPU's own stores to `loc` (TSO: a LOCK'd full barrier). */
  atomicAdd(m: MemoryState<L>, cpu: number, loc: L, delta: number): MemoryState<L> | false;
  /** spin_lock: an atomic test-and-set of `lock` (0 = free), with acquire ordering; under PSO it also waits for the CPU's own buffered unlocks. */
  lock(m: MemoryState<L>, cpu: number, lock: L): MemoryState<L> | false;
  /** spin_unlock: a release store of 0 to `lock`, one-way or also ordering later stores ({@link UnlockSemantics}). */
  unlock(m: MemoryState<L>, cpu: number, lock: L): MemoryState<L> | false;
  /** The locations whose oldest buffered store of `cpu` may become visible now. */
  drainable(m: MemoryState<L>, cpu: number): L[];
  /** `cpu`'s oldest buffered store to `loc` becomes visible to every CPU. */
  drain(m: MemoryState<L>, cpu: number, loc: L): MemoryState<L>;
  /** Whether every store buffer is empty (a litmus test's final state). */
  drained(m: MemoryState<L>): boolean;
  /** `cpu`'s buffered stores, oldest first, as text ("refs=1, wmb, head=1"). */
  describe(m: MemoryState<L>, cpu: number): string;
}

/** A memory of the given model, CPUs and locations (see {@link Memory}). */
export function memory<const L extends string>(config: MemoryConfig<L>): Memory<L> {
  const { model, cpus } = config;
  const bound = config.bound ?? 4;
  const unlockSemantics = config.unlock ?? "one-way";
  const names = Object.keys(config.locations) as L[];
  if (!MEMORY_MODELS.includes(model)) throw new SpecError("invalid-spec", `memory(): model must be one of ${MEMORY_MODELS.join(", ")}, got ${JSON.stringify(model)}`);
  if (unlockSemantics !== "one-way" && unlockSemantics !== "ordered") throw new SpecError("invalid-spec", `memory(): unlock must be "one-way" or "ordered", got ${JSON.stringify(unlockSemantics)}`);
  if (names.length === 0) throw new SpecError("invalid-spec", "memory(): no locations");
  if (!Number.isInteger(cpus) || cpus < 1) throw new SpecError("invalid-spec", `memory(): cpus must be a positive integer, got ${String(cpus)}`);
  if (!Number.isInteger(bound) || bound < 1) throw new SpecError("invalid-spec", `memory(): bound must be a positive integer, got ${String(bound)}`);
  const range = (loc: L) => config.locations[loc];
  const lo = Math.min(...names.map((l) => range(l)[0]));
  const hi = Math.max(...names.map((l) => range(l)[1]));
  const entry = t.record({ loc: t.enum(...names), val: t.int(lo, hi), kind: t.enum("store", "release", "unlock", "fence") });
  const domain = t.record({
    mem: t.record(Object.fromEntries(names.map((l) => [l, t.int(range(l)[0], range(l)[1])]))),
    buf: t.map(t.int(0, cpus - 1), t.seq(entry, model === "sc" ? 0 : bound)),
    saturated: t.bool(),
  }) as unknown as Domain<MemoryState<L>>;

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
  const bufferedStore = (m: MemoryState<L>, cpu: number, loc: L, val: number, kind: BufferEntry["kind"]) =>
    model === "sc" ? write(m, loc, val) : push(m, cpu, { loc, val, kind: model === "tso" ? "store" : kind });
  const fence = (m: MemoryState<L>, cpu: number): MemoryState<L> | false => {
    const buffer = m.buf[cpu];
    if (model !== "pso" || buffer.length === 0 || buffer[buffer.length - 1].kind === "fence") return m;
    return push(m, cpu, { loc: names[0], val: lo, kind: "fence" });
  };

  return {
    model,
    unlockSemantics,
    domain,
    init: (values = {}) => ({
      mem: Object.fromEntries(names.map((l) => [l, values[l] ?? (range(l)[0] <= 0 && 0 <= range(l)[1] ? 0 : range(l)[0])])) as MemoryState<L>["mem"],
      buf: Object.fromEntries(Array.from({ length: cpus }, (_, c) => [c, []])),
      saturated: false,
    }),
    value: (m, loc) => m.mem[loc],
    load: (m, cpu, loc) => {
      check("load", cpu, loc);
      return forwarded(m.buf[cpu], loc)?.val ?? m.mem[loc];
    },
    store: (m, cpu, loc, val) => {
      check("store", cpu, loc, val);
      return bufferedStore(m, cpu, loc, val, "store");
    },
    storeRelease: (m, cpu, loc, val) => {
      check("store-release", cpu, loc, val);
      return bufferedStore(m, cpu, loc, val, "release");
    },
    wmb: (m, cpu) => fence(m, cpu),
    mb: (m, cpu) => empty(m, cpu) && m,
    rmw: (m, cpu, loc, update) => {
      check("atomic", cpu, loc);
      const buffered = forwarded(m.buf[cpu], loc);
      const seen = buffered?.val ?? m.mem[loc];
      const next = empty(m, cpu) ? update(m.mem[loc]) : update(seen);
      if (next === undefined && model === "pso") return { old: seen, memory: m };
      if (!empty(m, cpu)) return false;
      if (next === undefined) return { old: m.mem[loc], memory: m };
      check("atomic", cpu, loc, next);
      return { old: m.mem[loc], memory: write(m, loc, next) };
    },
    atomicAdd: (m, cpu, loc, delta) => {
      check("atomic_add", cpu, loc);
      if (model === "tso" ? !empty(m, cpu) : forwarded(m.buf[cpu], loc) !== undefined) return false;
      check("atomic_add", cpu, loc, m.mem[loc] + delta);
      return write(m, loc, m.mem[loc] + delta);
    },
    lock: (m, cpu, l) => {
      check("spin_lock", cpu, l);
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
    drainable: (m, cpu) => drainable(model, m.buf[cpu]).map((i) => m.buf[cpu][i].loc as L),
    drain: (m, cpu, loc) => {
      const buffer = m.buf[cpu];
      const i = drainable(model, buffer).find((j) => buffer[j].loc === loc);
      if (i === undefined) throw new SpecError("invalid-successor", `memory drain: CPU ${cpu} has no store to ${loc} that may become visible now`);
      return { ...write(m, loc, buffer[i].val), buf: { ...m.buf, [cpu]: without(buffer, i) } };
    },
    drained: (m) => Object.values(m.buf).every((b) => (b as readonly BufferEntry[]).length === 0),
    describe: (m, cpu) => m.buf[cpu].map((e) => (e.kind === "fence" ? "wmb" : `${e.loc}=${e.val}${e.kind === "store" ? "" : ` (${e.kind})`}`)).join(", "),
  };
}
