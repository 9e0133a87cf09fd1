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
 * kernel code, under sequential consistency, so the barriers (smp_mb, smp_wmb, smp_rmb) order
 * nothing that is not already ordered and are not steps. Simplifications, each argued in
 * specs/README.md:
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
 */
import { defineSpec, exists, t, type InferShape, type SetDomain, type ValueSet } from "interleave-spec";

/** Where each variant sets `data->refs`. */
type RefsAt = "beforeLock" | "afterListAdd" | "afterUnlock";

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
};

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

/** The shared state: kernel memory, and history variables for the invariants. */
const shape = ({ cpus, calls, foreignWalks }: { cpus: number; calls: number; foreignWalks: number }) => ({
  /** CPU 0's per-cpu `struct call_function_data` (`data` in smp_call_function_many()). */
  cfd: t.record({
    /** csd.flags & CSD_FLAG_LOCK */
    locked: t.bool(),
    /** History: the call the block is being used for (set by csd_lock), to tell a reused block from the one a walker read. */
    call: t.int(0, calls),
    /** csd.func/csd.info: the call that stored them (0: none yet). */
    func: t.int(0, calls),
    /** data->cpumask */
    cpumask: cpuSet(cpus),
    /** atomic_t data->refs */
    refs: t.int(0, cpus - 1),
    /** Whether csd.list is linked into call_function.queue. */
    onList: t.bool(),
  }),
  /** call_function.lock (a raw spinlock) is held. */
  queueLock: t.bool(),
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

/** The kernel memory and the history variables (the processes add their pcs and locals). */
type Shared = InferShape<ReturnType<typeof shape>>;

/** The kernel/smp.c line of each statement of smp_call_function_many() in each variant (the handler's are the same in all). */
const LINES: Record<RefsAt, Record<string, string>> = {
  beforeLock: { csdLock: "485", setFunc: "488", setCpumask: "490", setRefs: "499-501", lock: "503", listAdd: "509", unlock: "510", sendIpi: "517-520", csdLockWait: "524" },
  afterListAdd: { csdLock: "485", setFunc: "488", setCpumask: "490", setRefs: "515", lock: "504", listAdd: "510", unlock: "516", sendIpi: "523-526", csdLockWait: "530" },
  afterUnlock: {},
};

/** Builds one variant: the three differ only in where the caller sets `data->refs`. */
function smpCallFunctionMany(name: string, refsAt: RefsAt) {
  const at = (label: string, statement: string) => {
    const line = LINES[refsAt][label];
    return line ? `smp.c:${line}  ${statement}` : statement;
  };
  return defineSpec({
    name,
    params,
    state: shape,
    init: ({ cpus, foreignWalks }) => ({
      cfd: { locked: false, call: 0, func: 0, cpumask: cpuSet(cpus).empty, refs: 0, onList: false },
      queueLock: false,
      ipiPending: cpuSet(cpus).empty,
      foreignLeft: foreignWalks,
      targets: cpuSet(cpus).empty,
      ran: Object.fromEntries(Array.from({ length: cpus - 1 }, (_, i) => [i + 1, 0])),
      listFault: "none" as const,
      staleRun: false,
    }),
    processes: ({ process }, { cpus, calls, minTargets }) => {
      // ---- smp_call_function_many(), CPU 0, with wait = true ----
      const setRefs = {
        code: at("setRefs", refsAt === "afterListAdd" ? "atomic_set(&data->refs, cpumask_weight(data->cpumask));" : "smp_wmb(); atomic_set(&data->refs, cpumask_weight(data->cpumask));"),
        step: (s: Shared & { readonly call: number }) => ({ ...s, cfd: { ...s.cfd, refs: s.cfd.cpumask.size } }),
      } as const;
      return {
        caller: process({
          ids: t.int(0, 0),
          locals: { call: t.int(0, calls) },
          init: { call: 0 },
          fair: "weak",
          steps: {
            // csd_lock_wait() spins while CSD_FLAG_LOCK is set, then data->flags = CSD_FLAG_LOCK.
            // A new call begins: it owns the block now, and its targets have not run yet.
            csdLock: {
              code: at("csdLock", "csd_lock(&data->csd);"),
              step: (s) =>
                !s.cfd.locked && {
                  ...s,
                  call: s.call + 1,
                  cfd: { ...s.cfd, locked: true, call: s.call + 1 },
                  targets: cpuSet(cpus).empty,
                  ran: Object.fromEntries(Object.keys(s.ran).map((cpu) => [cpu, 0])),
                },
            },
            setFunc: { code: at("setFunc", "data->csd.func = func; data->csd.info = info;"), step: (s) => ({ ...s, cfd: { ...s.cfd, func: s.call } }) },
            // `mask` is the caller's argument: any set of other CPUs of the allowed size.
            setCpumask: {
              code: at("setCpumask", "cpumask_and(data->cpumask, mask, cpu_online_mask); cpumask_clear_cpu(this_cpu, data->cpumask);"),
              step: (s) => exists(subsets(cpus, Math.min(minTargets, cpus - 1)), (mask) => ({ ...s, targets: mask, cfd: { ...s.cfd, cpumask: mask } })),
            },
            ...(refsAt === "beforeLock" ? { setRefs } : {}),
            lock: { code: at("lock", "raw_spin_lock_irqsave(&call_function.lock, flags);"), step: (s) => !s.queueLock && { ...s, queueLock: true } },
            listAdd: {
              code: at("listAdd", "list_add_rcu(&data->csd.list, &call_function.queue);"),
              step: (s) => ({
                ...s,
                cfd: { ...s.cfd, onList: true },
                listFault: s.listFault === "none" && s.cfd.onList ? ("listAddOnList" as const) : s.listFault,
              }),
            },
            ...(refsAt === "afterListAdd" ? { setRefs } : {}),
            unlock: { code: at("unlock", "raw_spin_unlock_irqrestore(&call_function.lock, flags);"), step: (s) => ({ ...s, queueLock: false }) },
            ...(refsAt === "afterUnlock" ? { setRefs } : {}),
            // Reads the mask as it is now: handlers may already have cleared their bits.
            sendIpi: { code: at("sendIpi", "smp_mb(); arch_send_call_function_ipi_mask(data->cpumask);"), step: (s) => ({ ...s, ipiPending: s.ipiPending.union(s.cfd.cpumask) }) },
            // Returns once a handler has done csd_unlock(); the next call, or return.
            csdLockWait: {
              code: at("csdLockWait", "if (wait) csd_lock_wait(&data->csd);"),
              step: (s) => !s.cfd.locked && (s.call < calls ? { ...s, goto: "csdLock" } : true),
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
              step: (s, cpu) => {
                const walk = s.cfd.onList ? { data: { call: s.cfd.call }, goto: "testCpumask" as const } : { data: undefined, goto: "interrupt" as const };
                return [
                  s.ipiPending.has(cpu) && { ...s, ...walk, ipiPending: s.ipiPending.without(cpu) },
                  s.foreignLeft > 0 && { ...s, ...walk, foreignLeft: s.foreignLeft - 1 },
                ];
              },
            },
            // Every `continue` ends the walk: the next entry is head.
            testCpumask: {
              code: "smp.c:209  if (!cpumask_test_cpu(cpu, data->cpumask)) continue;",
              step: (s, cpu) => s.cfd.cpumask.has(cpu) || { ...s, data: undefined, goto: "interrupt" },
            },
            readRefs: {
              code: "smp.c:212-215  smp_rmb(); if (atomic_read(&data->refs) == 0) continue;",
              step: (s) => s.cfd.refs !== 0 || { ...s, data: undefined, goto: "interrupt" },
            },
            runFunc: {
              code: "smp.c:217-218  func = data->csd.func; data->csd.func(data->csd.info);",
              step: (s, cpu) => {
                const current = s.cfd.func === s.cfd.call;
                return { ...s, staleRun: s.staleRun || !current, ran: current ? { ...s.ran, [cpu]: Math.min(s.ran[cpu] + 1, 2) } : s.ran };
              },
            },
            testAndClear: {
              code: "smp.c:225-229  if (!cpumask_test_and_clear_cpu(cpu, data->cpumask)) { WARN(...); continue; }",
              step: (s, cpu) => (s.cfd.cpumask.has(cpu) ? { ...s, cfd: { ...s.cfd, cpumask: s.cfd.cpumask.without(cpu) } } : { ...s, data: undefined, goto: "interrupt" }),
            },
            decRefs: {
              code: "smp.c:231-235  refs = atomic_dec_return(&data->refs); if (refs) continue;",
              step: (s) => {
                const refs = s.cfd.refs - 1;
                return refs !== 0 ? { ...s, cfd: { ...s.cfd, refs }, data: undefined, goto: "interrupt" } : { ...s, cfd: { ...s.cfd, refs } };
              },
            },
            lock: { code: "smp.c:239  raw_spin_lock(&call_function.lock);", step: (s) => !s.queueLock && { ...s, queueLock: true } },
            listDel: {
              code: "smp.c:240  list_del_rcu(&data->csd.list);",
              step: (s) => ({
                ...s,
                cfd: { ...s.cfd, onList: false },
                listFault: s.listFault === "none" && !s.cfd.onList ? ("listDelOffList" as const) : s.listFault,
              }),
            },
            unlock: { code: "smp.c:241  raw_spin_unlock(&call_function.lock);", step: (s) => ({ ...s, queueLock: false }) },
            // Then the walk reads data->csd.list.next, which is head: it ends.
            csdUnlock: { code: "smp.c:243  csd_unlock(&data->csd);", step: (s) => ({ ...s, cfd: { ...s.cfd, locked: false }, data: undefined }) },
          },
        }),
      };
    },
    invariants: {
      refsImpliesOnList: {
        holds: (s) => s.cfd.refs === 0 || s.cfd.onList,
        message: (s) =>
          `data->refs is ${s.cfd.refs} while the block is not on call_function.queue: a walker still holding a stale pointer to it may run func and list_del_rcu it`,
      },
      noDoubleListDel: {
        holds: (s) => s.listFault === "none",
        message: (s) =>
          s.listFault === "listDelOffList"
            ? "list_del_rcu() of a block that is not on call_function.queue: its prev is LIST_POISON2 (or stale) -- list corruption / oops"
            : "list_add_rcu() of a block that is already on call_function.queue -- list corruption",
      },
      runsOncePerCall: {
        holds: (s) => runsOncePerCall(s) === undefined,
        message: (s) => runsOncePerCall(s) ?? "",
      },
    },
    // A behaviour may end once every call has returned and no handler is busy or has an IPI pending.
    deadlock: {
      terminal: (s) => s.caller[0].pc === "Done" && s.ipiPending.isEmpty() && Object.values(s.handler).every((h) => h.pc === "interrupt"),
    },
    // Every call completes: smp_call_function_many() returns from its last csd_lock_wait().
    // Fairness is each process's `fair: "weak"`: the caller keeps running, and each handler CPU
    // keeps taking its pending IPIs (and, while other callers' IPIs remain, one of those) and
    // running the handler. A spinning CPU takes no step, so WF alone does not make it win a
    // contended lock: each handler takes call_function.lock once per call.
    properties: ({ eventually }) => ({
      callsComplete: eventually((s) => s.caller[0].pc === "Done"),
    }),
  });
}

/** Why runsOncePerCall fails in `s`, or undefined when it holds. */
function runsOncePerCall(s: {
  readonly staleRun: boolean;
  readonly ran: { readonly [cpu: number]: number };
  readonly targets: ValueSet<number>;
  readonly caller: { readonly [cpu: number]: { readonly pc: string; readonly call: number } };
}): string | undefined {
  const { pc, call } = s.caller[0];
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

export default original;
