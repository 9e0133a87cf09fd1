/**
 * Linux kernel/smp.c `smp_call_function_many()` against `generic_smp_call_function_interrupt()`
 * under a memory model: the race of `specs/smp-call-function-many.ts`, with every step one
 * memory access of the kernel code (or one barrier, atomic or lock operation) performed through
 * `interleave-spec/memory`. Under `--set memory=tso|pso` a CPU's stores wait in its store buffer
 * and become visible in steps of their own (`storeBuffer[cpu].drain`, binding the location), so
 * a trace shows which store was still buffered when a handler read the block.
 *
 * Variants: `original` (2.6.38), `seedFix` (refs after the unlock, as first posted),
 * `upstreamFix` (e6cd1e07a185: refs inside the lock after list_add_rcu) and `orderingFix`
 * (45a5791920ae "add missing ordering" on top: refs = 0, then func/info, smp_wmb, cpumask).
 * Parameters beyond the SC spec's: `memory` (sc | tso | pso), `unlock` (spin_unlock as a
 * one-way release, or a release that also orders later stores), `listAddWmb` (whether
 * list_add_rcu has its smp_wmb, i.e. rcu_assign_pointer's) and `bound` (store buffer entries).
 *
 * Memory: `flags` (csd.flags & CSD_FLAG_LOCK), `func` (csd.func/info: the call that stored
 * them), `cpumask` (data->cpumask as a bit mask, bit cpu-1), `refs`, `head` (1 while
 * call_function.queue's head->next is our block) and `qlock` (call_function.lock). The rest of
 * the state is history for the invariants, as in the SC spec. Simplifications are the SC spec's
 * (specs/README.md); in addition refs is set from the caller's own mask (as 723aae25d5cd does)
 * and csd_lock's wait-and-store is one step (only the owner stores the flag).
 */
import { defineSpec, exists, t, type InferShape, type ValueSet } from "interleave-spec";
import { memory, type Memory, type MemoryModelName, type MemoryState, type UnlockSemantics } from "interleave-spec/memory";

/** Where each variant sets `data->refs`. */
type Variant = "original" | "seed" | "upstream" | "ordering";

const params = {
  cpus: t.int(2, 4).default(3),
  calls: t.int(1, 3).default(2),
  foreignWalks: t.int(0, 2).default(1),
  minTargets: t.int(0, 3).default(1),
  memory: t.enum("sc", "tso", "pso").default("sc"),
  unlock: t.enum("one-way", "ordered").default("one-way"),
  listAddWmb: t.bool().default(true),
  bound: t.int(1, 12).default(10),
};

type Params = { cpus: number; calls: number; foreignWalks: number; minTargets: number; memory: MemoryModelName; unlock: UnlockSemantics; listAddWmb: boolean; bound: number };
type Loc = "flags" | "func" | "cpumask" | "refs" | "head" | "qlock";

const memories = new Map<string, Memory<Loc>>();
/** The kernel memory for these parameters (one per combination, so that steps share it). */
function kernelMemory(p: Params): Memory<Loc> {
  const key = `${p.cpus}/${p.calls}/${p.memory}/${p.unlock}/${p.bound}`;
  let m = memories.get(key);
  if (!m) {
    const locations = { flags: [0, 1], func: [0, p.calls], cpumask: [0, (1 << (p.cpus - 1)) - 1], refs: [0, p.cpus - 1], head: [0, 1], qlock: [0, 1] } as const;
    memories.set(key, (m = memory({ model: p.memory, cpus: p.cpus, locations, bound: p.bound, unlock: p.unlock })));
  }
  return m;
}

const bit = (cpu: number) => 1 << (cpu - 1);
const cpusIn = (mask: number, cpus: number) => Array.from({ length: cpus - 1 }, (_, i) => i + 1).filter((c) => mask & bit(c));
/** test_and_clear_bit's update: clears the CPU's bit, or fails (no store) when it is clear. */
const clearBit = (cpu: number) => (old: number) => (old & bit(cpu) ? old & ~bit(cpu) : undefined);
const decrement = (old: number) => old - 1;
const cpuSet = (cpus: number) => t.set(t.int(1, cpus - 1));

const shape = (p: Params) => ({
  /** The kernel memory: values, and each CPU's store buffer. */
  mem: kernelMemory(p).domain,
  /** History: the call the block is being used for (set by csd_lock). */
  call: t.int(0, p.calls),
  /** The handler CPUs with one of our IPIs pending. */
  ipiPending: cpuSet(p.cpus),
  /** Foreign IPIs not yet delivered. */
  foreignLeft: t.int(0, p.foreignWalks),
  /** History: the CPUs the current call targets. */
  targets: cpuSet(p.cpus),
  /** History: per handler CPU, how many times it ran the current call's func (capped at 2). */
  ran: t.map(t.int(1, p.cpus - 1), t.int(0, 2)),
  /** History: the first list operation done on a block in the wrong state. */
  listFault: t.enum("none", "listDelOffList", "listAddOnList"),
  /** History: a handler ran a func/info that was not the current call's. */
  staleRun: t.bool(),
});

/** What the caller's steps see: the shared state and its local `mask`. */
type CallerView = InferShape<ReturnType<typeof shape>> & { readonly mask: number };

/** Builds one variant. */
function smpCallFunctionMany(name: string, variant: Variant) {
  return defineSpec({
    name,
    params,
    state: (p) => shape(p as Params),
    init: (p) => ({
      mem: kernelMemory(p as Params).init(),
      call: 0,
      ipiPending: cpuSet(p.cpus).empty,
      foreignLeft: p.foreignWalks,
      targets: cpuSet(p.cpus).empty,
      ran: Object.fromEntries(Array.from({ length: p.cpus - 1 }, (_, i) => [i + 1, 0])),
      listFault: "none" as const,
      staleRun: false,
    }),
    processes: ({ process }, p) => {
      const M = kernelMemory(p as Params);
      const { cpus, calls, minTargets } = p;
      const masks = Array.from({ length: 1 << (cpus - 1) }, (_, m) => m).filter((m) => cpusIn(m, cpus).length >= Math.min(minTargets, cpus - 1));
      /** CPU 0's store, after an smp_wmb when `wmb`: the new memory, or false while the buffer is full. */
      const store = (mem: MemoryState<Loc>, loc: Loc, val: number, wmb = false) => {
        const fenced = wmb ? M.wmb(mem, 0) : mem;
        return fenced && M.store(fenced, 0, loc, val);
      };
      const setRefs = (code: string) => ({
        code,
        step: (s: CallerView) => {
          const mem = store(s.mem, "refs", cpusIn(s.mask, cpus).length, variant === "original");
          return mem && { ...s, mem };
        },
      });
      return {
        caller: process({
          ids: t.int(0, 0),
          locals: { mask: t.int(0, (1 << (cpus - 1)) - 1) },
          init: { mask: 0 },
          fair: "weak",
          steps: {
            csdLock: {
              code: "csd_lock(&data->csd);  /* wait for !CSD_FLAG_LOCK, then data->flags = CSD_FLAG_LOCK */",
              step: (s) => {
                const mem = M.load(s.mem, 0, "flags") === 0 && M.store(s.mem, 0, "flags", 1);
                return mem && { ...s, mem, call: s.call + 1, targets: cpuSet(cpus).empty, ran: Object.fromEntries(Object.keys(s.ran).map((c) => [c, 0])) };
              },
            },
            csdLockMb: { code: "smp_mb();  /* in csd_lock() */", step: (s) => M.mb(s.mem, 0) && true },
            ...(variant === "ordering" ? { setRefsZero: { code: "atomic_set(&data->refs, 0);", step: (s: CallerView) => { const mem = store(s.mem, "refs", 0); return mem && { ...s, mem }; } } } : {}),
            setFunc: { code: "data->csd.func = func; data->csd.info = info;", step: (s) => { const mem = store(s.mem, "func", s.call); return mem && { ...s, mem }; } },
            setCpumask: {
              code: variant === "ordering" ? "smp_wmb(); cpumask_and(data->cpumask, mask, cpu_online_mask);" : "cpumask_and(data->cpumask, mask, cpu_online_mask);",
              step: (s) =>
                exists(masks, (mask) => {
                  const mem = store(s.mem, "cpumask", mask, variant === "ordering");
                  return mem && { ...s, mem, mask, targets: cpuSet(cpus).from(cpusIn(mask, cpus)) };
                }),
            },
            ...(variant === "original" ? { setRefs: setRefs("smp_wmb(); atomic_set(&data->refs, refs);") } : {}),
            lock: { code: "raw_spin_lock_irqsave(&call_function.lock, flags);", step: (s) => { const mem = M.lock(s.mem, 0, "qlock"); return mem && { ...s, mem }; } },
            listAdd: {
              code: p.listAddWmb ? "list_add_rcu(&data->csd.list, &call_function.queue);  /* smp_wmb(); head->next = new */" : "list_add_rcu(...);  /* head->next = new, without smp_wmb */",
              step: (s) => {
                const mem = store(s.mem, "head", 1, p.listAddWmb);
                return mem && { ...s, mem, listFault: s.listFault === "none" && M.load(s.mem, 0, "head") === 1 ? ("listAddOnList" as const) : s.listFault };
              },
            },
            ...(variant === "upstream" || variant === "ordering" ? { setRefs: setRefs("atomic_set(&data->refs, refs);") } : {}),
            unlock: { code: "raw_spin_unlock_irqrestore(&call_function.lock, flags);", step: (s) => { const mem = M.unlock(s.mem, 0, "qlock"); return mem && { ...s, mem }; } },
            ...(variant === "seed" ? { setRefs: setRefs("atomic_set(&data->refs, refs);") } : {}),
            sendIpi: {
              code: "smp_mb(); arch_send_call_function_ipi_mask(data->cpumask);",
              step: (s) => M.mb(s.mem, 0) && { ...s, ipiPending: s.ipiPending.union(cpuSet(cpus).from(cpusIn(M.load(s.mem, 0, "cpumask"), cpus))) },
            },
            csdLockWait: {
              code: "if (wait) csd_lock_wait(&data->csd);",
              step: (s) => M.load(s.mem, 0, "flags") === 0 && (s.call < calls ? { ...s, goto: "csdLock" } : true),
            },
          },
        }),

        handler: process({
          ids: t.int(1, cpus - 1),
          locals: { data: t.optional(t.record({ call: t.int(1, calls) })) },
          init: { data: undefined },
          forever: true,
          fair: "weak",
          steps: {
            interrupt: {
              code: "smp_mb(); list_for_each_entry_rcu(data, &call_function.queue, csd.list) {",
              step: (s, cpu) => {
                if (!M.mb(s.mem, cpu)) return false;
                const walk = M.load(s.mem, cpu, "head") === 1 && s.call > 0 ? { data: { call: s.call }, goto: "testCpumask" as const } : { data: undefined, goto: "interrupt" as const };
                return [s.ipiPending.has(cpu) && { ...s, ...walk, ipiPending: s.ipiPending.without(cpu) }, s.foreignLeft > 0 && { ...s, ...walk, foreignLeft: s.foreignLeft - 1 }];
              },
            },
            testCpumask: {
              code: "if (!cpumask_test_cpu(cpu, data->cpumask)) continue;",
              step: (s, cpu) => (M.load(s.mem, cpu, "cpumask") & bit(cpu)) !== 0 || { ...s, data: undefined, goto: "interrupt" },
            },
            readRefs: {
              code: "smp_rmb(); if (atomic_read(&data->refs) == 0) continue;",
              step: (s, cpu) => M.load(s.mem, cpu, "refs") !== 0 || { ...s, data: undefined, goto: "interrupt" },
            },
            runFunc: {
              code: "func = data->csd.func; data->csd.func(data->csd.info);",
              step: (s, cpu) => {
                const current = M.load(s.mem, cpu, "func") === s.call;
                return { ...s, staleRun: s.staleRun || !current, ran: current ? { ...s.ran, [cpu]: Math.min(s.ran[cpu] + 1, 2) } : s.ran };
              },
            },
            testAndClear: {
              code: "if (!cpumask_test_and_clear_cpu(cpu, data->cpumask)) continue;",
              step: (s, cpu) => {
                return M.choose(M.rmw(s.mem, cpu, "cpumask", clearBit(cpu)), (r) => (r.old & bit(cpu)) !== 0 ? { ...s, mem: r.memory } : { ...s, mem: r.memory, data: undefined, goto: "interrupt" });
              },
            },
            decRefs: {
              code: "refs = atomic_dec_return(&data->refs); if (refs) continue;",
              step: (s, cpu) => {
                return M.choose(M.rmw(s.mem, cpu, "refs", decrement), (r) => (r.old - 1 !== 0 ? { ...s, mem: r.memory, data: undefined, goto: "interrupt" } : { ...s, mem: r.memory }));
              },
            },
            lock: { code: "raw_spin_lock(&call_function.lock);", step: (s, cpu) => { const mem = M.lock(s.mem, cpu, "qlock"); return mem && { ...s, mem }; } },
            listDel: {
              code: "list_del_rcu(&data->csd.list);",
              step: (s, cpu) => {
                const mem = M.store(s.mem, cpu, "head", 0);
                return mem && { ...s, mem, listFault: s.listFault === "none" && M.load(s.mem, cpu, "head") === 0 ? ("listDelOffList" as const) : s.listFault };
              },
            },
            unlock: { code: "raw_spin_unlock(&call_function.lock);", step: (s, cpu) => { const mem = M.unlock(s.mem, cpu, "qlock"); return mem && { ...s, mem }; } },
            csdUnlock: {
              code: "csd_unlock(&data->csd);  /* smp_mb(); data->flags &= ~CSD_FLAG_LOCK */",
              step: (s, cpu) => {
                const mem = M.mb(s.mem, cpu) && M.store(s.mem, cpu, "flags", 0);
                return mem && { ...s, mem, data: undefined };
              },
            },
          },
        }),

        // A buffered store becomes visible: CPU `self`'s oldest store to the bound location (PSO: any location whose store may pass the others).
        storeBuffer: process({
          ids: t.int(0, cpus - 1),
          forever: true,
          fair: "weak",
          steps: {
            drain: { code: "a buffered store becomes visible to all CPUs", step: (s, cpu) => exists(M.drainable(s.mem, cpu), (loc) => ({ ...s, mem: M.drain(s.mem, cpu, loc) })) },
          },
        }),
      };
    },
    invariants: {
      refsImpliesOnList: {
        holds: (s) => s.mem.mem.refs === 0 || s.mem.mem.head === 1,
        message: (s) => `in memory, data->refs is ${s.mem.mem.refs} while head->next is not the block: a walker still holding a stale pointer to it may run func and list_del_rcu it`,
      },
      noDoubleListDel: {
        holds: (s) => s.listFault === "none",
        message: (s) => (s.listFault === "listDelOffList" ? "list_del_rcu() of a block that is not on call_function.queue -- list corruption" : "list_add_rcu() of a block that is already on call_function.queue -- list corruption"),
      },
      runsOncePerCall: { holds: (s) => runsOncePerCall(s) === undefined, message: (s) => runsOncePerCall(s) ?? "" },
    },
    deadlock: {
      terminal: (s) => s.caller[0].pc === "Done" && s.ipiPending.isEmpty() && Object.values(s.handler).every((h) => h.pc === "interrupt") && Object.values(s.mem.buf).every((b) => b.length === 0),
    },
  });
}

/** Why runsOncePerCall fails in `s`, or undefined when it holds. */
function runsOncePerCall(s: { readonly staleRun: boolean; readonly call: number; readonly ran: { readonly [cpu: number]: number }; readonly targets: ValueSet<number>; readonly caller: { readonly [cpu: number]: { readonly pc: string } } }): string | undefined {
  const { pc } = s.caller[0];
  if (s.staleRun) return "a handler ran a func/info that is not the current call's: the call's store to func/info had not become visible to it";
  for (const cpu of Object.keys(s.ran).map(Number)) {
    if (s.ran[cpu] > 1) return `CPU ${cpu} ran call ${s.call}'s function twice`;
    if (s.ran[cpu] === 1 && !s.targets.has(cpu)) return `CPU ${cpu} ran call ${s.call}'s function but is not one of its targets`;
  }
  const waited = pc === "Done" || (pc === "csdLock" && s.call > 0);
  if (waited && !s.targets.every((cpu) => s.ran[cpu] === 1)) return `csd_lock_wait() returned for call ${s.call} before every target CPU ran its function`;
  return undefined;
}

/** Linux 2.6.38: func, cpumask, smp_wmb, refs, then lock, list_add_rcu, unlock. */
export const original = smpCallFunctionMany("smp_call_function_many under a memory model (2.6.38)", "original");
/** As first posted: refs set after the unlock ("the acquire and release of the lock as a wmb()"). */
export const seedFix = smpCallFunctionMany("smp_call_function_many under a memory model (refs after unlock, as first posted)", "seed");
/** e6cd1e07a185 (2.6.39-rc1): refs set inside the lock after list_add_rcu, relying on its smp_wmb. */
export const upstreamFix = smpCallFunctionMany("smp_call_function_many under a memory model (e6cd1e07a185)", "upstream");
/** 45a5791920ae (2.6.39-rc1) on top: refs = 0, func/info, smp_wmb, cpumask — the caller's own writes ordered. */
export const orderingFix = smpCallFunctionMany("smp_call_function_many under a memory model (45a5791920ae)", "ordering");

export default upstreamFix;
