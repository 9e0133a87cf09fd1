/**
 * Linux kernel/smp.c: `smp_call_function_many()` against `generic_smp_call_function_interrupt()`,
 * the "list delete vs add" race on the reused per-cpu `call_function_data`. `original` is the
 * code of Linux 2.6.38 (6dc19899958e "fix smp_call_function_many() SMP race" added the handler's
 * refs check; 225c8e010f2d moved its test-and-clear); the race was fixed by e6cd1e07a185
 * "call_function_many: fix list delete vs add race", first released in 2.6.39-rc1.
 *
 * Written as the kernel code is: CPU 0 runs `smp_call_function_many()` (process `caller`), CPUs
 * 1..cpus-1 run the IPI handler (process `handler`, one per CPU). Each label is one statement of
 * kernel/smp.c, with its line (`code`, shown in traces). The handler's local `data` is the
 * pointer its walk read from call_function.queue — `data.call` says during which call it was
 * read — so a walker holding a block that has since been deleted and reused shows in the trace
 * as `handler[2].data.call = 1` while `cfd.call = 2`.
 *
 * One caller makes `calls` successive calls of smp_call_function_many(mask, func, info,
 * wait = true) and so reuses its one block `data = &__get_cpu_var(cfd_data)` (here `cfd`) —
 * without waiting for an RCU grace period after the last handler took it off the queue. The
 * handlers' walks are started by our IPIs and by at most `foreignWalks` IPIs of other callers.
 *
 * Granularity: one step is one shared-memory access (or one atomic read-modify-write) of the
 * kernel code. Parameter `memory` picks the memory model (specs/smp-kernel-memory.ts): under
 * `sc` (the default) the memory is the plain fields of the state and the barriers (smp_mb,
 * smp_wmb, smp_rmb) order nothing that is not already ordered and are not steps; under `tso`,
 * `pso` and `ra` the memory is an `interleave-spec/memory` memory: the barriers are steps
 * (csd_lock's and the handler's smp_mb), stores wait in store buffers that drain in steps of
 * their own (`storeBuffer[cpu].drain`), and under ra loads may read older values (a choice in
 * the trace) and the caller may promise its cpumask store. `unlock` is spin_unlock's semantics
 * (one-way release, or ordering later stores too), `listAddWmb` whether list_add_rcu has its
 * smp_wmb, `bound` the store buffer entries (ra: messages per location) and `promises` ra's
 * promise bound. Simplifications, each argued in specs/README.md:
 * - The queue holds only our block: other callers' blocks are not modelled (their IPIs are,
 *   as foreign walks). So `head->next` is our block exactly when it is on the list, and
 *   `data->csd.list.next` is always `head` (list_del_rcu leaves ->next alone): a walk ends
 *   after it has looked at our block once.
 * - The caller's own CPU runs no handler: its bit is never set in `data->cpumask`, so its
 *   walks skip our block at the first test.
 * - func/info are written together and read together (`csd.func(csd.info)`): one field, the
 *   number of the call that stored them.
 * - csd_lock's wait-then-store is one step: only the owner sets the flag.
 * - Handler entry (IPI acknowledged) and its first list read (`head->next`) are one step.
 * - list_add_rcu and list_del_rcu are one step each: they run under call_function.lock, and
 *   the only store of theirs a lock-free walker reads is the one to `head->next`.
 * - refs is set to the size of the caller's mask (as 723aae25d5cd does), which is the cpumask's
 *   weight there: no handler clears a bit while refs is still 0.
 */
import { defineSpec, exists, t, type Domain, type SetDomain, type ValueSet } from "interleave-spec";
import { type MemoryModelName, type UnlockSemantics } from "interleave-spec/memory";
import { bit, cpusIn, maskOf, modelKernel, plainKernel, quiescent, valueIn, type KernelMemory } from "./smp-kernel-memory.ts";

/** Where each variant sets `data->refs` (`ordering`: as `afterListAdd`, with 45a5791920ae's refs = 0 and smp_wmb first). */
type RefsAt = "beforeLock" | "afterListAdd" | "afterUnlock" | "ordering";

const params = {
  /** CPUs 0..cpus-1; CPU 0 is the caller, the others run the IPI handler. */
  cpus: t.int(2, 5).default(3),
  /** Successive calls by CPU 0, each reusing its per-cpu call_function_data. */
  calls: t.int(1, 3).default(2),
  /** IPIs from other callers, each starting one walk of the queue on some handler CPU. */
  foreignWalks: t.int(0, 3).default(1),
  /**
   * Least number of target CPUs (other than the caller) a call may have. The kernel takes this
   * path for >= 2 requested targets, but the mask may lose CPUs concurrently (see 723aae25d5cd),
   * so 1 is reachable; 0 is the empty-mask hang that commit fixed. Capped at cpus - 1.
   */
  minTargets: t.int(0, 4).default(1),
  /** The memory model: sc (plain fields), tso, pso or ra (Promising-ARMv8). */
  memory: t.enum("sc", "tso", "pso", "ra").default("sc"),
  /** spin_unlock: a one-way release, or a release that also orders later stores (tso/pso/ra). */
  unlock: t.enum("one-way", "ordered").default("one-way"),
  /** Whether list_add_rcu has its smp_wmb (rcu_assign_pointer's) (tso/pso/ra). */
  listAddWmb: t.bool().default(true),
  /** Store buffer entries per CPU (ra: messages kept per location). */
  bound: t.int(1, 12).default(10),
  /** ra: outstanding promises of the caller (0: the promise-free model). */
  promises: t.int(0, 1).default(1),
};

type Params = { cpus: number; calls: number; foreignWalks: number; minTargets: number; memory: MemoryModelName; unlock: UnlockSemantics; listAddWmb: boolean; bound: number; promises: number };

const cpuSets = new Map<number, SetDomain<number>>();

/** Sets of handler CPUs (1 .. cpus-1), the domain of `targets`, `cfd.cpumask` and `ipiPending`. */
function cpuSet(cpus: number): SetDomain<number> {
  let d = cpuSets.get(cpus);
  if (!d) cpuSets.set(cpus, (d = t.set(t.int(1, cpus - 1))));
  return d;
}

/** Every subset of the handler CPUs with at least `min` members, smallest first. */
function subsets(cpus: number, min: number): ValueSet<number>[] {
  const out: ValueSet<number>[] = [];
  const all = Array.from({ length: cpus - 1 }, (_, i) => i + 1);
  for (let bits = 0; bits < 1 << all.length; bits++) {
    const set = cpuSet(cpus).from(all.filter((_, i) => bits & (1 << i)));
    if (set.size >= min) out.push(set);
  }
  return out.sort((a, b) => a.size - b.size);
}

const kernels = new Map<string, KernelMemory>();
/** The kernel memory for these parameters (one per combination, shared by the steps). */
function kernelOf(p: Params): KernelMemory {
  const key = p.memory === "sc" ? `sc/${p.cpus}` : `${p.memory}/${p.cpus}/${p.calls}/${p.unlock}/${p.bound}/${p.promises}`;
  let k = kernels.get(key);
  if (!k) kernels.set(key, (k = p.memory === "sc" ? plainKernel((mask) => cpuSet(p.cpus).from(cpusIn(mask, p.cpus))) : modelKernel(p.memory, p)));
  return k;
}

/** The history variables, the same under every model. */
const history = ({ cpus, foreignWalks }: Params) => ({
  /** The handler CPUs with one of our IPIs pending. */
  ipiPending: cpuSet(cpus),
  /** Foreign IPIs not yet delivered. */
  foreignLeft: t.int(0, foreignWalks),
  /** History: the CPUs the current call targets (`mask` minus the caller), for the invariants. */
  targets: cpuSet(cpus),
  /** History: per handler CPU, how many times it ran the current call's func (capped at 2). */
  ran: t.map(t.int(1, cpus - 1), t.int(0, 2)),
  /** History: the first list operation done on a block in the wrong state (list corruption). */
  listFault: t.enum("none", "listDelOffList", "listAddOnList"),
  /** History: a handler ran a func/info that was not the current call's. */
  staleRun: t.bool(),
});

/** The shared state: kernel memory (plain fields under sc, a memory otherwise), and history variables. */
const shape = (p: Params) =>
  p.memory === "sc"
    ? {
        /** CPU 0's per-cpu `struct call_function_data` (`data` in smp_call_function_many()). */
        cfd: t.record({
          /** csd.flags & CSD_FLAG_LOCK */
          locked: t.bool(),
          /** History: the call the block is being used for (set by csd_lock), to tell a reused block from the one a walker read. */
          call: t.int(0, p.calls),
          /** csd.func/csd.info: the call that stored them (0: none yet). */
          func: t.int(0, p.calls),
          /** data->cpumask */
          cpumask: cpuSet(p.cpus),
          /** atomic_t data->refs */
          refs: t.int(0, p.cpus - 1),
          /** Whether csd.list is linked into call_function.queue. */
          onList: t.bool(),
        }),
        /** call_function.lock (a raw spinlock) is held. */
        queueLock: t.bool(),
        ...history(p),
      }
    : {
        /** The kernel memory: flags, func, cpumask, refs, head, qlock, under the model. */
        mem: kernelOf(p).memory!.domain,
        /** History: the call the block is being used for (set by csd_lock). */
        call: t.int(0, p.calls),
        ...history(p),
      };

/** The kernel/smp.c line of each statement of smp_call_function_many() in each variant (the handler's are the same in all). */
const LINES: Record<RefsAt, Record<string, string>> = {
  beforeLock: { csdLock: "485", setFunc: "488", setCpumask: "490", setRefs: "499-501", lock: "503", listAdd: "509", unlock: "510", sendIpi: "517-520", csdLockWait: "524" },
  afterListAdd: { csdLock: "485", setFunc: "488", setCpumask: "490", setRefs: "515", lock: "504", listAdd: "510", unlock: "516", sendIpi: "523-526", csdLockWait: "530" },
  afterUnlock: {},
  ordering: {},
};

/** Builds one variant: they differ only in where (and how) the caller sets `data->refs`. */
function smpCallFunctionMany(name: string, refsAt: RefsAt) {
  const at = (label: string, statement: string) => {
    const line = LINES[refsAt][label];
    return line ? `smp.c:${line}  ${statement}` : statement;
  };
  return defineSpec({
    name,
    params,
    state: (p) => shape(p as Params) as Record<string, Domain<any>>,
    init: (p) => {
      const { cpus, foreignWalks } = p as Params;
      const K = kernelOf(p as Params);
      const history = {
        ipiPending: cpuSet(cpus).empty,
        foreignLeft: foreignWalks,
        targets: cpuSet(cpus).empty,
        ran: Object.fromEntries(Array.from({ length: cpus - 1 }, (_, i) => [i + 1, 0])),
        listFault: "none" as const,
        staleRun: false,
      };
      return (K.memory
        ? { mem: K.memory.init(), call: 0, ...history }
        : { cfd: { locked: false, call: 0, func: 0, cpumask: cpuSet(cpus).empty, refs: 0, onList: false }, queueLock: false, ...history }) as any;
    },
    processes: ({ process }, p) => {
      const K = kernelOf(p as Params);
      const { cpus, calls, minTargets, listAddWmb } = p as Params;
      const weak = K.memory !== undefined;
      type V = any;
      const masks = subsets(cpus, Math.min(minTargets, cpus - 1));
      // smp_wmb() then a store by CPU 0 (the smp_wmb only under a memory model).
      const store = (s: V, loc: "func" | "cpumask" | "refs" | "head", val: number, wmb: boolean) => {
        const fenced = wmb ? K.wmb(s, 0) : s;
        return fenced && K.write(fenced, 0, loc, val);
      };
      // ---- smp_call_function_many(), CPU 0, with wait = true ----
      const setRefs = {
        code: at("setRefs", refsAt === "beforeLock" ? "smp_wmb(); atomic_set(&data->refs, cpumask_weight(data->cpumask));" : "atomic_set(&data->refs, cpumask_weight(data->cpumask));"),
        step: (s: V) => store(s, "refs", s.targets.size, refsAt === "beforeLock"),
      } as const;
      const out = (s: V) => ({ ...s, data: undefined, goto: "interrupt" as const });
      // Under TSO and PSO a buffered store becomes visible: CPU `self`'s oldest store to the bound location (PSO: any location whose store may pass the others).
      const M = K.memory;
      const storeBuffer: { readonly [name: string]: ReturnType<typeof process> } =
        M && M.model !== "ra"
          ? {
              storeBuffer: process({
                ids: t.int(0, cpus - 1),
                forever: true,
                fair: "weak",
                steps: { drain: { code: "a buffered store becomes visible to all CPUs", step: (s: V, cpu: number) => exists(M.drainable(s.mem, cpu), (loc) => ({ ...s, mem: M.drain(s.mem, cpu, loc) })) } },
              }),
            }
          : {};
      return {
        caller: process({
        ids: t.int(0, 0),
        locals: (weak ? {} : { call: t.int(0, calls) }) as { call: ReturnType<typeof t.int> },
        init: (weak ? {} : { call: 0 }) as { call: number },
        fair: "weak",
        steps: {
          // csd_lock_wait() spins while CSD_FLAG_LOCK is set, then data->flags = CSD_FLAG_LOCK.
          // A new call begins: it owns the block now, and its targets have not run yet.
          csdLock: {
            code: at("csdLock", "csd_lock(&data->csd);"),
            step: (s: V) =>
              K.read(s, 0, "flags", (flags, r) => {
                const locked = flags === 0 && K.write(r, 0, "flags", 1);
                return locked && { ...K.begin(locked, s.call + 1), call: s.call + 1, targets: cpuSet(cpus).empty, ran: Object.fromEntries(Object.keys(s.ran).map((c) => [c, 0])) };
              }),
          },
          // Under a memory model csd_lock's smp_mb() is a step; under ra the caller may promise its cpumask store here.
          ...(weak
            ? {
                csdLockMb: {
                  code: "smp_mb();  /* in csd_lock() */",
                  step: (s: V) => {
                    const fenced = K.mb(s, 0);
                    return fenced && [fenced, exists(masks, (promise) => K.promise(fenced, "cpumask", maskOf(promise)))];
                  },
                },
              }
            : {}),
          ...(refsAt === "ordering" ? { setRefsZero: { code: "atomic_set(&data->refs, 0);  /* convert 3rd to 1st party write */", step: (s: V) => store(s, "refs", 0, false) } } : {}),
          setFunc: { code: at("setFunc", "data->csd.func = func; data->csd.info = info;"), step: (s: V) => store(s, "func", s.call, false) },
          // `mask` is the caller's argument: any set of other CPUs of the allowed size (under ra, the one promised, if any).
          setCpumask: {
            code: at("setCpumask", `${refsAt === "ordering" ? "smp_wmb(); " : ""}cpumask_and(data->cpumask, mask, cpu_online_mask); cpumask_clear_cpu(this_cpu, data->cpumask);`),
            step: (s: V) => {
              const promised = K.promised(s, "cpumask");
              return exists(promised === undefined ? masks : masks.filter((m) => maskOf(m) === promised), (mask) => {
                const next = store(s, "cpumask", maskOf(mask), refsAt === "ordering");
                return next && { ...next, targets: mask };
              });
            },
          },
          ...(refsAt === "beforeLock" ? { setRefs } : {}),
          lock: { code: at("lock", "raw_spin_lock_irqsave(&call_function.lock, flags);"), step: (s: V) => K.lock(s, 0) },
          listAdd: {
            code: at("listAdd", weak && !listAddWmb ? "list_add_rcu(&data->csd.list, &call_function.queue);  /* without its smp_wmb */" : "list_add_rcu(&data->csd.list, &call_function.queue);"),
            step: (s: V) =>
              K.read(s, 0, "head", (head, r) => {
                const added = store(r, "head", 1, listAddWmb);
                return added && { ...added, listFault: s.listFault === "none" && head === 1 ? ("listAddOnList" as const) : s.listFault };
              }),
          },
          ...(refsAt === "afterListAdd" || refsAt === "ordering" ? { setRefs } : {}),
          unlock: { code: at("unlock", "raw_spin_unlock_irqrestore(&call_function.lock, flags);"), step: (s: V) => K.unlock(s, 0) },
          ...(refsAt === "afterUnlock" ? { setRefs } : {}),
          // Reads the mask as it is now: handlers may already have cleared their bits.
          sendIpi: {
            code: at("sendIpi", "smp_mb(); arch_send_call_function_ipi_mask(data->cpumask);"),
            step: (s: V) => {
              const fenced = K.mb(s, 0);
              return fenced && K.read(fenced, 0, "cpumask", (mask, r) => {
                const sent = K.sendIpi(r);
                return sent && { ...sent, ipiPending: r.ipiPending.union(cpuSet(cpus).from(cpusIn(mask, cpus))) };
              });
            },
          },
          // Returns once a handler has done csd_unlock(); the next call, or return.
          csdLockWait: {
            code: at("csdLockWait", "if (wait) csd_lock_wait(&data->csd);"),
            step: (s: V) => K.read(s, 0, "flags", (flags, r) => flags === 0 && (s.call < calls ? { ...r, goto: "csdLock" } : r)),
          },
        },
      }),

      // ---- generic_smp_call_function_interrupt(), CPUs 1..cpus-1 ----
      handler: process({
        ids: t.int(1, cpus - 1),
        locals: { data: t.optional(t.record({ call: t.int(1, calls) })) },
        init: { data: undefined },
        forever: true,
        fair: "weak",
        steps: {
          // An IPI — ours, or another caller's — and the walk reads head->next: our block if it
          // is on the list now (the walk keeps that pointer), else the walk ends at once.
          interrupt: {
            code: "smp.c:189-195  smp_mb(); list_for_each_entry_rcu(data, &call_function.queue, csd.list) {",
            step: (s: V, cpu: number) => {
              const fenced = K.mb(s, cpu);
              const walk = (from: V, taken: (r: V) => V) =>
                K.read(from, cpu, "head", (head, r) => ({ ...taken(r), ...(head === 1 ? { data: { call: K.current(r) }, goto: "testCpumask" as const } : { data: undefined, goto: "interrupt" as const }) }));
              return fenced && [
                fenced.ipiPending.has(cpu) && walk(K.takeIpi(fenced, cpu), (r) => ({ ...r, ipiPending: r.ipiPending.without(cpu) })),
                fenced.foreignLeft > 0 && walk(fenced, (r) => ({ ...r, foreignLeft: r.foreignLeft - 1 })),
              ];
            },
          },
          // Every `continue` ends the walk: the next entry is head.
          testCpumask: {
            code: "smp.c:209  if (!cpumask_test_cpu(cpu, data->cpumask)) continue;",
            step: (s: V, cpu: number) => K.read(s, cpu, "cpumask", (mask, r) => ((mask & bit(cpu)) !== 0 ? r : out(r))),
          },
          readRefs: {
            code: "smp.c:212-215  smp_rmb(); if (atomic_read(&data->refs) == 0) continue;",
            step: (s: V, cpu: number) => K.read(K.rmb(s, cpu), cpu, "refs", (refs, r) => (refs !== 0 ? r : out(r))),
          },
          runFunc: {
            code: "smp.c:217-218  func = data->csd.func; data->csd.func(data->csd.info);",
            step: (s: V, cpu: number) =>
              K.read(s, cpu, "func", (func, r) => {
                const current = func === K.current(r);
                return { ...r, staleRun: r.staleRun || !current, ran: current ? { ...r.ran, [cpu]: Math.min(r.ran[cpu] + 1, 2) } : r.ran };
              }),
          },
          testAndClear: {
            code: "smp.c:225-229  if (!cpumask_test_and_clear_cpu(cpu, data->cpumask)) { WARN(...); continue; }",
            step: (s: V, cpu: number) => K.rmw(s, cpu, "cpumask", (old) => (old & bit(cpu) ? old & ~bit(cpu) : undefined), (old, r) => ((old & bit(cpu)) !== 0 ? r : out(r))),
          },
          decRefs: {
            code: "smp.c:231-235  refs = atomic_dec_return(&data->refs); if (refs) continue;",
            step: (s: V, cpu: number) => K.rmw(s, cpu, "refs", (old) => old - 1, (old, r) => (old - 1 !== 0 ? out(r) : r)),
          },
          lock: { code: "smp.c:239  raw_spin_lock(&call_function.lock);", step: (s: V, cpu: number) => K.lock(s, cpu) },
          listDel: {
            code: "smp.c:240  list_del_rcu(&data->csd.list);",
            step: (s: V, cpu: number) =>
              K.read(s, cpu, "head", (head, r) => {
                const deleted = K.write(r, cpu, "head", 0);
                return deleted && { ...deleted, listFault: s.listFault === "none" && head === 0 ? ("listDelOffList" as const) : s.listFault };
              }),
          },
          unlock: { code: "smp.c:241  raw_spin_unlock(&call_function.lock);", step: (s: V, cpu: number) => K.unlock(s, cpu) },
          // Then the walk reads data->csd.list.next, which is head: it ends.
          csdUnlock: {
            code: "smp.c:243  csd_unlock(&data->csd);",
            step: (s: V, cpu: number) => {
              const fenced = K.mb(s, cpu);
              const unlocked = fenced && K.write(fenced, cpu, "flags", 0);
              return unlocked && { ...unlocked, data: undefined };
            },
          },
        },
      }),
      ...storeBuffer,
      };
    },
    // Under ra every state kept is on a complete execution (a state owing a promise that can never
    // be fulfilled is not a state of the model), so the invariants are judged in every state.
    invariants: {
      refsImpliesOnList: {
        holds: (s: any) => valueIn(s, "refs") === 0 || valueIn(s, "head") === 1,
        message: (s: any) =>
          `data->refs is ${valueIn(s, "refs")} while the block is not on call_function.queue: a walker still holding a stale pointer to it may run func and list_del_rcu it`,
      },
      noDoubleListDel: {
        holds: (s: any) => s.listFault === "none",
        message: (s: any) =>
          s.listFault === "listDelOffList"
            ? "list_del_rcu() of a block that is not on call_function.queue: its prev is LIST_POISON2 (or stale) -- list corruption / oops"
            : "list_add_rcu() of a block that is already on call_function.queue -- list corruption",
      },
      runsOncePerCall: {
        holds: (s: any) => runsOncePerCall(s) === undefined,
        message: (s: any) => runsOncePerCall(s) ?? "",
      },
    },
    // A behaviour may end once every call has returned, no handler is busy or has an IPI pending, and every store is visible.
    deadlock: {
      terminal: (s: any) => s.caller[0].pc === "Done" && s.ipiPending.isEmpty() && Object.values(s.handler).every((h: any) => h.pc === "interrupt") && quiescent(s),
    },
    // Every call completes: smp_call_function_many() returns from its last csd_lock_wait().
    // Fairness is each process's `fair: "weak"`: the caller keeps running, and each handler CPU
    // keeps taking its pending IPIs (and, while other callers' IPIs remain, one of those) and
    // running the handler. A spinning CPU takes no step, so WF alone does not make it win a
    // contended lock: each handler takes call_function.lock once per call.
    properties: ({ eventually }) => ({
      callsComplete: eventually((s: any) => s.caller[0].pc === "Done"),
    }),
  });
}
/** Why runsOncePerCall fails in `s`, or undefined when it holds. */
function runsOncePerCall(s: {
  readonly staleRun: boolean;
  readonly ran: { readonly [cpu: number]: number };
  readonly targets: ValueSet<number>;
  /** The current call: the caller's local (sc) or the shared history (under a memory model). */
  readonly call?: number;
  readonly caller: { readonly [cpu: number]: { readonly pc: string; readonly call?: number } };
}): string | undefined {
  const { pc } = s.caller[0];
  const call = s.caller[0].call ?? s.call ?? 0;
  if (s.staleRun) return "a handler ran a func/info that is not the current call's";
  for (const cpu of Object.keys(s.ran).map(Number)) {
    if (s.ran[cpu] > 1) return `CPU ${cpu} ran call ${call}'s function twice`;
    if (s.ran[cpu] === 1 && !s.targets.has(cpu)) return `CPU ${cpu} ran call ${call}'s function but is not one of its targets`;
  }
  const waited = pc === "Done" || (pc === "csdLock" && call > 0);
  if (waited && !s.targets.every((cpu) => s.ran[cpu] === 1)) return `csd_lock_wait() returned for call ${call} before every target CPU ran its function`;
  return undefined;
}

/** Linux 2.6.38: cpumask, smp_wmb, refs, then lock, list_add_rcu, unlock — refs is set before the block is on the list. */
export const original = smpCallFunctionMany("smp_call_function_many (2.6.38)", "beforeLock");

/** The fix as first posted (LKML, 2011-01-28; not merged as such): refs set after the unlock, once the block is on the list. */
export const seedFix = smpCallFunctionMany("smp_call_function_many (refs after unlock, as first posted)", "afterUnlock");

/** As committed (e6cd1e07a185, first in 2.6.39-rc1): refs set inside the lock right after list_add_rcu. */
export const upstreamFix = smpCallFunctionMany("smp_call_function_many (e6cd1e07a185, 2.6.39-rc1)", "afterListAdd");

/** 45a5791920ae "add missing ordering" (2.6.39-rc1) on top of e6cd1e07a185: refs = 0, func/info, smp_wmb, then cpumask — the caller's own writes ordered. */
export const orderingFix = smpCallFunctionMany("smp_call_function_many (45a5791920ae, 2.6.39-rc1)", "ordering");

export default original;
