/**
 * The kernel memory of the smp_call_function_many flagship (specs/smp-call-function-many.ts),
 * behind one interface so that the spec's steps are written once for every memory model:
 * - under `sc` the locations are the plain fields of the state (`cfd.locked`, `cfd.func`,
 *   `cfd.cpumask`, `cfd.refs`, `cfd.onList`, `queueLock`) and the barriers are nothing, so the
 *   states are exactly those of the spec written without a memory model;
 * - under `tso`, `pso` and `ra` they live in an `interleave-spec/memory` memory (`mem`), and
 *   every access goes through the model: loads may be choices, stores may wait in buffers.
 */
import { type Successors, type ValueSet } from "interleave-spec";
import { memory, settled, type Memory, type MemoryModelName, type MemoryState, type UnlockSemantics } from "interleave-spec/memory";

/** The kernel's shared locations: csd.flags & CSD_FLAG_LOCK, csd.func/info, data->cpumask (bit cpu-1), data->refs, head->next == our block, call_function.lock (and under ra the IPI, see `sendIpi`). */
export type Loc = "flags" | "func" | "cpumask" | "refs" | "head" | "qlock" | "ipi";

/** A state as the kernel memory sees it (the spec's state, or a step's view of it). */
type S = any;

/** The memory operations of the flagship's steps, by the CPU performing them. */
export interface KernelMemory {
  /** A load (a choice under ra), continued with the value and the state after it. */
  read(s: S, cpu: number, loc: Loc, body: (val: number, s: S) => Successors<S>): Successors<S>;
  write(s: S, cpu: number, loc: Loc, val: number): S | false;
  wmb(s: S, cpu: number): S | false;
  rmb(s: S, cpu: number): S;
  mb(s: S, cpu: number): S | false;
  /** A full-barrier atomic read-modify-write (`update` undefined: it fails), continued with the old value. */
  rmw(s: S, cpu: number, loc: Loc, update: (old: number) => number | undefined, body: (old: number, s: S) => Successors<S>): Successors<S>;
  /**
   * CPU 0 sends its IPIs to the cpumask it has just read (after its smp_mb). Under ra the IPI
   * carries CPU 0's view to the CPUs that take it (`takeIpi`): a release store of the targets to
   * an `ipi` location and an acquire load of it, as the kernel relies on (an interrupt taken
   * after the sender's barrier sees its stores). The buffer models drain the sender's buffer at
   * its smp_mb already.
   */
  sendIpi(s: S): S | false;
  /** A handler CPU takes its pending IPI from CPU 0 (see `sendIpi`). */
  takeIpi(s: S, cpu: number): S;
  lock(s: S, cpu: number): S | false;
  unlock(s: S, cpu: number): S | false;
  /** The call the block is being used for (history, set by csd_lock). */
  current(s: S): number;
  /** csd_lock's history: the block now serves call `call`. */
  begin(s: S, call: number): S;
  /** ra: the value CPU 0 has promised to store to `loc`, if any. */
  promised(s: S, loc: Loc): number | undefined;
  /** ra: CPU 0 promises a later store (false elsewhere). */
  promise(s: S, loc: Loc, val: number): S | false;
  /** The memory (tso, pso, ra), for the drain steps and the state schema. */
  readonly memory?: Memory<Loc>;
}

/** The bit of handler CPU `cpu` in a cpumask. */
export const bit = (cpu: number) => 1 << (cpu - 1);
/** The handler CPUs of a bitmask. */
export const cpusIn = (mask: number, cpus: number) => Array.from({ length: cpus - 1 }, (_, i) => i + 1).filter((c) => mask & bit(c));
/** The bitmask of a set of handler CPUs. */
export const maskOf = (set: ValueSet<number>) => set.toArray().reduce((m, c) => m | bit(c), 0);

const FIELD: Record<Exclude<Loc, "qlock" | "cpumask" | "ipi">, "locked" | "func" | "refs" | "onList"> = { flags: "locked", func: "func", refs: "refs", head: "onList" };

/** The value of `loc` in a state of the plain writing (SC). */
function plainGet(s: S, loc: Loc): number {
  if (loc === "qlock") return s.queueLock ? 1 : 0;
  if (loc === "cpumask") return maskOf(s.cfd.cpumask);
  if (loc === "ipi") return 0;
  const v = s.cfd[FIELD[loc]];
  return typeof v === "boolean" ? (v ? 1 : 0) : v;
}

/** The newest value of `loc` in a state of either writing: what invariants "over memory" read. */
export function valueIn(s: S, loc: Loc): number {
  return s.mem === undefined ? plainGet(s, loc) : s.mem.mem[loc];
}

/** Whether the caller has promised a store it has not made yet (ra): the state is speculative. */
export function speculative(s: S): boolean {
  return s.mem?.views !== undefined && s.mem.views[0].prom.length > 0;
}

/** Whether every store is visible and every promise fulfilled (always, under SC). */
export function quiescent(s: S): boolean {
  return s.mem === undefined || settled(s.mem);
}

/** Under SC: the locations are the state's plain fields (`toSet` turns a cpumask into the state's set). */
export function plainKernel(toSet: (mask: number) => ValueSet<number>): KernelMemory {
  const get = plainGet;
  const set = (s: S, loc: Loc, val: number): S => {
    if (loc === "qlock") return { ...s, queueLock: val === 1 };
    if (loc === "cpumask") return { ...s, cfd: { ...s.cfd, cpumask: toSet(val) } };
    if (loc === "ipi") return s;
    const field = FIELD[loc];
    return { ...s, cfd: { ...s.cfd, [field]: field === "locked" || field === "onList" ? val === 1 : val } };
  };
  return {
    read: (s, _cpu, loc, body) => body(get(s, loc), s),
    write: (s, _cpu, loc, val) => set(s, loc, val),
    wmb: (s) => s,
    rmb: (s) => s,
    mb: (s) => s,
    rmw: (s, _cpu, loc, update, body) => {
      const old = get(s, loc);
      const next = update(old);
      return body(old, next === undefined ? s : set(s, loc, next));
    },
    sendIpi: (s) => s,
    takeIpi: (s) => s,
    lock: (s) => !s.queueLock && { ...s, queueLock: true },
    unlock: (s) => ({ ...s, queueLock: false }),
    current: (s) => s.cfd.call,
    begin: (s, call) => ({ ...s, cfd: { ...s.cfd, call } }),
    promised: () => undefined,
    promise: () => false,
  };
}

/** Under a memory model: the locations are in `s.mem`, a memory of `memory(…)`. */
export function modelKernel(model: Exclude<MemoryModelName, "sc">, p: { cpus: number; calls: number; unlock: UnlockSemantics; bound: number; promises: number }): KernelMemory {
  const ra = model === "ra";
  const handlers = (1 << (p.cpus - 1)) - 1;
  const locations = { flags: [0, 1], func: [0, p.calls], cpumask: [0, handlers], refs: [0, p.cpus - 1], head: [0, 1], qlock: [0, 1], ...(ra ? { ipi: [0, handlers] } : {}) } as const;
  const M = memory({ model, cpus: p.cpus, locations: locations as unknown as { readonly [K in Loc]: readonly [number, number] }, bound: p.bound, unlock: p.unlock, promises: p.promises });
  const put = (s: S, mem: MemoryState<Loc> | false): S | false => mem && { ...s, mem };
  return {
    memory: M,
    read: (s, cpu, loc, body) => M.choose(M.loads(s.mem, cpu, loc), (r) => body(r.val, { ...s, mem: r.memory })),
    write: (s, cpu, loc, val) => put(s, M.store(s.mem, cpu, loc, val)),
    wmb: (s, cpu) => put(s, M.wmb(s.mem, cpu)),
    rmb: (s, cpu) => ({ ...s, mem: M.rmb(s.mem, cpu) }),
    mb: (s, cpu) => put(s, M.mb(s.mem, cpu)),
    rmw: (s, cpu, loc, update, body) => M.choose(M.rmw(s.mem, cpu, loc, update), (r) => body(r.old, { ...s, mem: r.memory })),
    // The `ipi` message of a send holds its targets: the mask the caller has just read (`seen`).
    sendIpi: (s) => (ra ? put(s, M.storeRelease(s.mem, 0, "ipi", M.seen(s.mem, 0, "cpumask"))) : s),
    // A handler is ordered after the newest send that targeted it. IPIs to one CPU coalesce (a
    // send while its IPI is pending raises nothing new), but a merged send is still ordered before
    // the take: the CPU's pending state is one interrupt-controller location, which the handler's
    // acknowledge reads after every send that set it, and the sender's barrier before each IPI
    // write pairs with the handler's after the acknowledge (the pairing the kernel's GIC drivers use).
    // So there is no choice among the pending sends — the older ones' views are included in the
    // newest's — and an older send's view alone would under-synchronise: a handler could then take
    // the IPI, read head->next from before the newest call's list_add_rcu, and lose that call's
    // IPI (a deadlock the kernel does not have). The newest message overall, sent maybe only to
    // other CPUs, would over-synchronise. Messages newer than the one taken do not name the CPU;
    // when its views are already past that one, the oldest message it may read adds no order.
    takeIpi: (s, cpu) => {
      if (!ra) return s;
      const reads = M.loads(s.mem, cpu, "ipi", true);
      return { ...s, mem: (reads.findLast((r) => (r.val & bit(cpu)) !== 0) ?? reads[0]).memory };
    },
    lock: (s, cpu) => put(s, M.lock(s.mem, cpu, "qlock")),
    unlock: (s, cpu) => put(s, M.unlock(s.mem, cpu, "qlock")),
    current: (s) => s.call,
    begin: (s) => s,
    promised: (s, loc) => M.promised(s.mem, 0).find((w) => w.loc === loc)?.val,
    promise: (s, loc, val) => put(s, M.promise(s.mem, 0, loc, val)),
  };
}
