/**
 * Linux 2.6.37 kernel/smp.c: `smp_call_function_many()` against `generic_smp_call_function_interrupt()`,
 * the "list delete vs add" race on the reused per-cpu `call_function_data`
 * (fixed in 2.6.38 by e6cd1e07a185 "call_function_many: fix list delete vs add race").
 *
 * One caller, CPU 0, makes `calls` successive calls of smp_call_function_many(mask, func, info,
 * wait = true) and so reuses its one block `data = &__get_cpu_var(cfd_data)` — without waiting
 * for an RCU grace period after the last handler took it off `call_function.queue`. CPUs
 * 1..cpus-1 run the IPI handler, whose walks are started by our IPIs and by at most
 * `foreignWalks` IPIs of other callers. A walker keeps the pointer it read from the list, so it
 * may hold a block that has since been deleted and is being filled in again.
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
import { defineSpec, exists, t, weak, type InferShape, type ParamValues, type SetDomain, type ValueSet } from "interleave-spec";

/** Where each variant sets `data->refs`. */
type RefsAt = "beforeLock" | "afterListAdd" | "afterUnlock";

/** The caller's program counter: the next line of smp_call_function_many() to execute. */
const CALLER_PCS = [
  "csdLock", // csd_lock(&data->csd)
  "setFunc", // data->csd.func = func; data->csd.info = info;
  "setCpumask", // cpumask_and(data->cpumask, mask, cpu_online_mask); cpumask_clear_cpu(this_cpu, data->cpumask);
  "setRefs", // atomic_set(&data->refs, cpumask_weight(data->cpumask));
  "lock", // raw_spin_lock_irqsave(&call_function.lock, flags);
  "listAdd", // list_add_rcu(&data->csd.list, &call_function.queue);
  "unlock", // raw_spin_unlock_irqrestore(&call_function.lock, flags);
  "sendIpi", // smp_mb(); arch_send_call_function_ipi_mask(data->cpumask);
  "csdLockWait", // if (wait) csd_lock_wait(&data->csd);
  "done", // every call returned
] as const;
type CallerPc = (typeof CALLER_PCS)[number];

/** A handler CPU's program counter in generic_smp_call_function_interrupt(). */
const HANDLER_PCS = [
  "idle", // not in the handler
  "testCpumask", // holds `data` (read from the list); next: if (!cpumask_test_cpu(cpu, data->cpumask)) continue;
  "readRefs", // smp_rmb(); if (atomic_read(&data->refs) == 0) continue;
  "runFunc", // data->csd.func(data->csd.info);
  "testAndClear", // if (!cpumask_test_and_clear_cpu(cpu, data->cpumask)) { WARN(...); continue; }
  "decRefs", // refs = atomic_dec_return(&data->refs); if (refs) continue;
  "lock", // raw_spin_lock(&call_function.lock);
  "listDel", // list_del_rcu(&data->csd.list);
  "unlock", // raw_spin_unlock(&call_function.lock);
  "csdUnlock", // csd_unlock(&data->csd);  (then the walk reads data->csd.list.next == head and ends)
] as const;
type HandlerPc = (typeof HANDLER_PCS)[number];

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

const shape = ({ cpus, calls, foreignWalks }: { cpus: number; calls: number; foreignWalks: number }) => {
  const handlerCpu = t.int(1, cpus - 1);
  return {
    /** CPU 0 in smp_call_function_many(): its next line, and how many calls it has begun. */
    caller: t.record({ pc: t.enum(...CALLER_PCS), call: t.int(0, calls) }),
    /** The CPUs the current call targets (`mask` minus the caller): history, for the invariants. */
    targets: t.set(handlerCpu),
    /** The caller's per-cpu `struct call_function_data`. */
    data: t.record({
      /** csd.flags & CSD_FLAG_LOCK */
      locked: t.bool(),
      /** csd.func/csd.info: the call that stored them (0: none yet). */
      func: t.int(0, calls),
      /** data->cpumask */
      cpumask: t.set(handlerCpu),
      /** atomic_t data->refs */
      refs: t.int(0, cpus - 1),
      /** Whether csd.list is linked into call_function.queue. */
      onList: t.bool(),
    }),
    /** call_function.lock (a raw spinlock) is held. */
    queueLock: t.bool(),
    /** Per handler CPU: its program counter, our IPI pending, and runs of the current call's func. */
    handler: t.map(handlerCpu, t.record({ pc: t.enum(...HANDLER_PCS), ipi: t.bool(), ran: t.int(0, 2) })),
    /** Foreign IPIs not yet delivered. */
    foreignLeft: t.int(0, foreignWalks),
    /** History: the first list operation done on a block in the wrong state (list corruption). */
    listFault: t.enum("none", "listDelOffList", "listAddOnList"),
    /** History: a handler ran a func/info that was not the current call's. */
    staleRun: t.bool(),
  };
};
type State = InferShape<ReturnType<typeof shape>>;
type Params = ParamValues<typeof params>;
type Handler = State["handler"][number];

const cpuSets = new Map<number, SetDomain<number>>();

/** Sets of handler CPUs (1 .. cpus-1), the domain of `targets` and `data.cpumask`. */
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

function withHandler(s: State, cpu: number, patch: Partial<Handler>): State {
  return { ...s, handler: { ...s.handler, [cpu]: { ...s.handler[cpu], ...patch } } };
}

/** Builds one variant: the three differ only in where the caller sets `data->refs`. */
function smpCallFunctionMany(name: string, refsAt: RefsAt) {
  const order: CallerPc[] = ["csdLock", "setFunc", "setCpumask"];
  if (refsAt === "beforeLock") order.push("setRefs");
  order.push("lock", "listAdd");
  if (refsAt === "afterListAdd") order.push("setRefs");
  order.push("unlock");
  if (refsAt === "afterUnlock") order.push("setRefs");
  order.push("sendIpi", "csdLockWait");
  const after = (pc: CallerPc): CallerPc => order[order.indexOf(pc) + 1];
  /** The caller's step at `pc`: `update` returns the new state before the pc moves on. */
  const caller = (pc: CallerPc, update: (s: State, p: Params) => State | false) => (s: State, p: Params) => {
    if (s.caller.pc !== pc) return false;
    const next = update(s, p);
    return next && { ...next, caller: { ...next.caller, pc: after(pc) } };
  };
  /** A handler step at `pc`, one action instance per CPU. */
  const handler = (pc: HandlerPc, update: (s: State, cpu: number, h: Handler) => State | false) => (s: State) =>
    exists(Object.keys(s.handler).map(Number), (cpu) => s.handler[cpu].pc === pc && update(s, cpu, s.handler[cpu]));

  return defineSpec({
    name,
    params,
    state: shape,
    init: ({ cpus, foreignWalks }) => {
      const handler: Record<number, Handler> = {};
      for (let cpu = 1; cpu < cpus; cpu++) handler[cpu] = { pc: "idle", ipi: false, ran: 0 };
      return {
        caller: { pc: "csdLock" as CallerPc, call: 0 },
        targets: cpuSet(cpus).empty,
        data: { locked: false, func: 0, cpumask: cpuSet(cpus).empty, refs: 0, onList: false },
        queueLock: false,
        handler,
        foreignLeft: foreignWalks,
        listFault: "none" as const,
        staleRun: false,
      };
    },
    actions: {
      // ---- smp_call_function_many(), CPU 0 ----
      // csd_lock(&data->csd): csd_lock_wait() spins while CSD_FLAG_LOCK is set, then
      // data->flags = CSD_FLAG_LOCK. A new call begins: its targets have not run yet.
      csdLock: caller("csdLock", (s, { cpus }) => {
        if (s.data.locked) return false;
        const handler: Record<number, Handler> = {};
        for (const cpu of Object.keys(s.handler).map(Number)) handler[cpu] = { ...s.handler[cpu], ran: 0 };
        return {
          ...s,
          caller: { ...s.caller, call: s.caller.call + 1 },
          targets: cpuSet(cpus).empty,
          data: { ...s.data, locked: true },
          handler,
        };
      }),
      // data->csd.func = func; data->csd.info = info;
      setFunc: caller("setFunc", (s) => ({ ...s, data: { ...s.data, func: s.caller.call } })),
      // cpumask_and(data->cpumask, mask, cpu_online_mask); cpumask_clear_cpu(this_cpu, data->cpumask);
      // `mask` is the caller's argument: any set of other CPUs of the allowed size.
      setCpumask: (s, p) =>
        s.caller.pc === "setCpumask" &&
        exists(
          subsets(p.cpus, Math.min(p.minTargets, p.cpus - 1)),
          (mask) => caller("setCpumask", (s) => ({ ...s, targets: mask, data: { ...s.data, cpumask: mask } }))(s, p),
        ),
      // original, seedFix: atomic_set(&data->refs, cpumask_weight(data->cpumask));  — before the
      // lock, or after the unlock. upstreamFix: atomic_set(&data->refs, refs); right after
      // list_add_rcu, with `refs = cpumask_weight(data->cpumask)` computed into a local just
      // after the mask was written (the targets).
      setRefs: caller("setRefs", (s) => ({
        ...s,
        data: { ...s.data, refs: refsAt === "afterListAdd" ? s.targets.size : s.data.cpumask.size },
      })),
      // raw_spin_lock_irqsave(&call_function.lock, flags);
      lock: caller("lock", (s) => !s.queueLock && { ...s, queueLock: true }),
      // list_add_rcu(&data->csd.list, &call_function.queue);
      listAdd: caller("listAdd", (s) => ({
        ...s,
        data: { ...s.data, onList: true },
        listFault: s.listFault === "none" && s.data.onList ? "listAddOnList" : s.listFault,
      })),
      // raw_spin_unlock_irqrestore(&call_function.lock, flags);
      unlock: caller("unlock", (s) => ({ ...s, queueLock: false })),
      // smp_mb(); arch_send_call_function_ipi_mask(data->cpumask);  — reads the mask as it is now.
      sendIpi: caller("sendIpi", (s) => {
        let next = s;
        for (const cpu of s.data.cpumask) next = withHandler(next, cpu, { ipi: true });
        return next;
      }),
      // if (wait) csd_lock_wait(&data->csd);  — returns once a handler has done csd_unlock().
      csdLockWait: (s, { calls }) =>
        s.caller.pc === "csdLockWait" &&
        !s.data.locked && { ...s, caller: { ...s.caller, pc: s.caller.call < calls ? "csdLock" : "done" } },

      // ---- generic_smp_call_function_interrupt(), CPUs 1..cpus-1 ----
      // Our IPI: the handler starts; list_for_each_entry_rcu reads head->next.
      // The walk finds our block if it is on the list now, and ends at once otherwise.
      ipiWalk: handler("idle", (s, cpu, h) => h.ipi && withHandler(s, cpu, { ipi: false, pc: s.data.onList ? "testCpumask" : "idle" })),
      // Another caller's IPI starts the same walk.
      foreignWalk: handler(
        "idle",
        (s, cpu) =>
          s.foreignLeft > 0 &&
          withHandler({ ...s, foreignLeft: s.foreignLeft - 1 }, cpu, { pc: s.data.onList ? "testCpumask" : "idle" }),
      ),
      // if (!cpumask_test_cpu(cpu, data->cpumask)) continue;   (continue: next is head, the walk ends)
      testCpumask: handler("testCpumask", (s, cpu) => withHandler(s, cpu, { pc: s.data.cpumask.has(cpu) ? "readRefs" : "idle" })),
      // smp_rmb(); if (atomic_read(&data->refs) == 0) continue;
      readRefs: handler("readRefs", (s, cpu) => withHandler(s, cpu, { pc: s.data.refs !== 0 ? "runFunc" : "idle" })),
      // func = data->csd.func; data->csd.func(data->csd.info);
      runFunc: handler("runFunc", (s, cpu, h) => {
        const current = s.data.func === s.caller.call;
        return withHandler({ ...s, staleRun: s.staleRun || !current }, cpu, {
          pc: "testAndClear",
          ran: current ? Math.min(h.ran + 1, 2) : h.ran,
        });
      }),
      // if (!cpumask_test_and_clear_cpu(cpu, data->cpumask)) { WARN(...double executed); continue; }
      testAndClear: handler("testAndClear", (s, cpu) =>
        s.data.cpumask.has(cpu)
          ? withHandler({ ...s, data: { ...s.data, cpumask: s.data.cpumask.without(cpu) } }, cpu, { pc: "decRefs" })
          : withHandler(s, cpu, { pc: "idle" }),
      ),
      // refs = atomic_dec_return(&data->refs); if (refs) continue;
      decRefs: handler("decRefs", (s, cpu) => {
        const refs = s.data.refs - 1;
        return withHandler({ ...s, data: { ...s.data, refs } }, cpu, { pc: refs !== 0 ? "idle" : "lock" });
      }),
      // raw_spin_lock(&call_function.lock);
      handlerLock: handler("lock", (s, cpu) => !s.queueLock && withHandler({ ...s, queueLock: true }, cpu, { pc: "listDel" })),
      // list_del_rcu(&data->csd.list);
      listDel: handler("listDel", (s, cpu) =>
        withHandler(
          {
            ...s,
            data: { ...s.data, onList: false },
            listFault: s.listFault === "none" && !s.data.onList ? "listDelOffList" : s.listFault,
          },
          cpu,
          { pc: "unlock" },
        ),
      ),
      // raw_spin_unlock(&call_function.lock);
      handlerUnlock: handler("unlock", (s, cpu) => withHandler({ ...s, queueLock: false }, cpu, { pc: "csdUnlock" })),
      // csd_unlock(&data->csd): smp_mb(); data->flags &= ~CSD_FLAG_LOCK;  then the walk ends.
      csdUnlock: handler("csdUnlock", (s, cpu) => withHandler({ ...s, data: { ...s.data, locked: false } }, cpu, { pc: "idle" })),
    },
    invariants: {
      refsImpliesOnList: {
        holds: (s) => s.data.refs === 0 || s.data.onList,
        message: (s) =>
          `data->refs is ${s.data.refs} while the block is not on call_function.queue: a walker still holding a stale pointer to it may run func and list_del_rcu it`,
      },
      noDoubleListDel: {
        holds: (s) => s.listFault === "none",
        message: (s) =>
          s.listFault === "listDelOffList"
            ? "list_del_rcu() of a block that is not on call_function.queue: its prev is LIST_POISON2 (or stale) — list corruption / oops"
            : "list_add_rcu() of a block that is already on call_function.queue — list corruption",
      },
      runsOncePerCall: {
        holds: (s) => {
          if (s.staleRun) return false;
          for (const cpu of Object.keys(s.handler).map(Number)) {
            const ran = s.handler[cpu].ran;
            if (ran > 1 || (ran === 1 && !s.targets.has(cpu))) return false;
          }
          const waited = s.caller.pc === "done" || (s.caller.pc === "csdLock" && s.caller.call > 0);
          return !waited || s.targets.every((cpu) => s.handler[cpu].ran === 1);
        },
        message: (s) => {
          if (s.staleRun) return "a handler ran a func/info that is not the current call's";
          for (const cpu of Object.keys(s.handler).map(Number)) {
            const ran = s.handler[cpu].ran;
            if (ran > 1) return `CPU ${cpu} ran call ${s.caller.call}'s function twice`;
            if (ran === 1 && !s.targets.has(cpu)) return `CPU ${cpu} ran call ${s.caller.call}'s function but is not one of its targets`;
          }
          return `csd_lock_wait() returned for call ${s.caller.call} before every target CPU ran its function`;
        },
      },
    },
    // A behaviour may end once every call has returned and no handler is busy or has an IPI pending.
    deadlock: {
      terminal: (s) => s.caller.pc === "done" && Object.values(s.handler).every((h) => h.pc === "idle" && !h.ipi),
    },
    // Every call completes: smp_call_function_many() returns from its last csd_lock_wait().
    properties: ({ eventually }) => ({
      callsComplete: eventually((s) => s.caller.pc === "done"),
    }),
    // Weak fairness of the kernel's own steps: the caller keeps running, and each handler CPU
    // (one instance per `cpu`) keeps taking its interrupts and running the handler. Foreign
    // IPIs are not forced to arrive. A spinning CPU takes no step, so WF alone does not make
    // it win a contended lock: each handler takes call_function.lock once per call.
    fairness: [
      weak(["csdLock", "setFunc", "setCpumask", "setRefs", "lock", "listAdd", "unlock", "sendIpi", "csdLockWait"]),
      weak(
        ["ipiWalk", "testCpumask", "readRefs", "runFunc", "testAndClear", "decRefs", "handlerLock", "listDel", "handlerUnlock", "csdUnlock"],
        { perInstance: true },
      ),
    ],
  });
}

/** 2.6.37: cpumask, smp_wmb, refs, then lock, list_add_rcu, unlock — refs is set before the block is on the list. */
export const original = smpCallFunctionMany("smp_call_function_many (2.6.37)", "beforeLock");

/** The patch as first posted: refs set after the unlock, once the block is on the list. */
export const seedFix = smpCallFunctionMany("smp_call_function_many (refs after unlock)", "afterUnlock");

/** As committed (e6cd1e07a185, 2.6.38): refs set inside the lock right after list_add_rcu. */
export const upstreamFix = smpCallFunctionMany("smp_call_function_many (2.6.38 fix)", "afterListAdd");

export default original;
