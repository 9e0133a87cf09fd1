/**
 * Litmus tests as interleave specs: each thread is a process whose steps are one memory access
 * (or barrier, atomic, lock operation) each, over `interleave-spec/memory`; the buffered stores
 * become visible in steps of a `buffer` process (one per CPU). The test's condition is the
 * invariant `notObserved`: the checker reports the shortest trace reaching a final state (every
 * thread done, every buffer empty) where it holds — the outcome is *allowed* — or proves that no
 * such state is reachable — *forbidden*.
 *
 * `interleave check litmus/specs.ts --spec MP_poonceonces --set memory=pso`
 */
import { defineSpec, exists, SpecError, t, type Spec, type Successors } from "interleave-spec";
import { memory, settled, type Memory, type MemoryModelName, type MemoryState, type UnlockSemantics } from "interleave-spec/memory";

/** A value written: a constant, or the register holding it (a data dependency). */
export type Val = number | string;

/** One instruction of a thread (the Linux primitive it stands for is in the comment of its constructor). */
export type Instr =
  | { readonly op: "W" | "Wrel"; readonly loc: string; readonly val: Val }
  | { readonly op: "R" | "Racq"; readonly loc: string; readonly reg: string }
  | { readonly op: "mb" | "wmb" | "rmb" }
  | { readonly op: "lock" | "unlock"; readonly loc: string }
  | { readonly op: "xchg"; readonly loc: string; readonly val: number; readonly reg: string }
  | { readonly op: "cmpxchg"; readonly loc: string; readonly expect: number; readonly val: number; readonly reg: string }
  | { readonly op: "addReturn"; readonly loc: string; readonly delta: number; readonly reg: string }
  | { readonly op: "add"; readonly loc: string; readonly delta: number }
  | { readonly op: "addUnless"; readonly loc: string; readonly delta: number; readonly unless: number; readonly reg: string }
  | { readonly op: "islocked"; readonly loc: string; readonly reg: string }
  | { readonly op: "deref"; readonly ptr: string; readonly targets: readonly string[]; readonly reg: string }
  | { readonly op: "rcuLock" | "rcuUnlock" | "gpStart" | "gpEnd" }
  | { readonly op: "when"; readonly reg: string; readonly equals: number; readonly then: Instr };

/** WRITE_ONCE(loc, val) */
export const W = (loc: string, val: Val): Instr => ({ op: "W", loc, val });
/** smp_store_release(loc, val) */
export const Wrel = (loc: string, val: Val): Instr => ({ op: "Wrel", loc, val });
/** reg = READ_ONCE(loc) */
export const R = (loc: string, reg: string): Instr => ({ op: "R", loc, reg });
/** reg = smp_load_acquire(loc) */
export const Racq = (loc: string, reg: string): Instr => ({ op: "Racq", loc, reg });
/** smp_mb(), smp_wmb(), smp_rmb() (smp_mb__after_atomic and smp_mb__after_spinlock are smp_mb here). */
export const F = { mb: { op: "mb" } as Instr, wmb: { op: "wmb" } as Instr, rmb: { op: "rmb" } as Instr };
/** spin_lock(l) */
export const lock = (loc: string): Instr => ({ op: "lock", loc });
/** spin_unlock(l) */
export const unlock = (loc: string): Instr => ({ op: "unlock", loc });
/** reg = xchg(loc, val) */
export const xchg = (loc: string, val: number, reg: string): Instr => ({ op: "xchg", loc, val, reg });
/** reg = cmpxchg(loc, expect, val) */
export const cmpxchg = (loc: string, expect: number, val: number, reg: string): Instr => ({ op: "cmpxchg", loc, expect, val, reg });
/** reg = atomic_add_return(delta, loc) (atomic_inc_return, atomic_dec_return) */
export const addReturn = (loc: string, delta: number, reg: string): Instr => ({ op: "addReturn", loc, delta, reg });
/** atomic_add(delta, loc) (atomic_inc): no return value, no barrier */
export const add = (loc: string, delta: number): Instr => ({ op: "add", loc, delta });
/** reg = atomic_add_unless(loc, delta, unless): adds unless the value is `unless`; 1 if it added (a full barrier then), else 0 (a plain read) */
export const addUnless = (loc: string, delta: number, unless: number, reg: string): Instr => ({ op: "addUnless", loc, delta, unless, reg });
/** reg = spin_is_locked(l): a plain load of the lock word */
export const islocked = (loc: string, reg: string): Instr => ({ op: "islocked", loc, reg });
/**
 * reg = READ_ONCE(*ptr): a load through the pointer in register `ptr` (an address dependency),
 * where pointer value k is the address of `targets[k]`. rcu_dereference(p) is `R(p, ptr)`
 * followed by this. The store models perform a CPU's loads in order, so the dependency holds;
 * under ra it is approximated by an smp_rmb before the load (stronger than the dependency).
 */
export const deref = (ptr: string, targets: readonly string[], reg: string): Instr => ({ op: "deref", ptr, targets, reg });
/** rcu_read_lock(), rcu_read_unlock() */
export const rcu = { lock: { op: "rcuLock" } as Instr, unlock: { op: "rcuUnlock" } as Instr };
/** synchronize_rcu(): two steps, the grace period's start and its end (spread it into the thread: `...syncRcu`). */
export const syncRcu: readonly Instr[] = [{ op: "gpStart" }, { op: "gpEnd" }];
/** if (reg == equals) then — a control dependency */
export const when = (reg: string, equals: number, then: Instr): Instr => ({ op: "when", reg, equals, then });

/** A litmus test: threads, initial values, the observed registers/locations, and the condition. */
export interface LitmusTest {
  readonly name: string;
  readonly threads: readonly (readonly Instr[])[];
  /** Initial values (default 0). */
  readonly init?: { readonly [loc: string]: number };
  /** The values every location and register ranges over (default [0, 2]). */
  readonly values?: readonly [number, number];
  /** The final values observed, as herd prints them: `"1:r0"` (thread 1's r0) or `"x"`. */
  readonly observe: readonly string[];
  /** The `exists` clause, over the observed values. */
  readonly exists: (o: Outcome) => boolean;
  /** herd's `filter` clause: final states where it is false are not outcomes at all. */
  readonly filter?: (o: Outcome) => boolean;
}

/** Final observed values by name (`o["1:r0"]`, `o.x`). */
export type Outcome = { readonly [name: string]: number };

/** The parameters of every litmus spec. */
export const litmusParams = {
  memory: t.enum("sc", "tso", "pso", "ra").default("sc"),
  unlock: t.enum("one-way", "ordered").default("one-way"),
  bound: t.int(1, 16).default(4),
  promises: t.int(0, 2).default(1),
};

type LitmusState = { readonly mem: MemoryState } & { readonly [thread: string]: unknown };

function registersOf(code: readonly Instr[]): string[] {
  const regs = new Set<string>();
  const visit = (i: Instr) => {
    if ("reg" in i && i.op !== "when") regs.add(i.reg);
    if (i.op === "when") visit(i.then);
  };
  code.forEach(visit);
  return [...regs].sort();
}

/** Whether a test uses RCU read-side sections or grace periods. */
export function usesRcu(test: LitmusTest): boolean {
  return test.threads.some((code) => code.some((i) => i.op === "rcuLock" || i.op === "gpStart"));
}

function locationsOf(test: LitmusTest): string[] {
  const locs = new Set<string>(Object.keys(test.init ?? {}));
  const visit = (i: Instr) => {
    if ("loc" in i) locs.add(i.loc);
    if (i.op === "deref") i.targets.forEach((l) => locs.add(l));
    if (i.op === "when") visit(i.then);
  };
  test.threads.forEach((code) => code.forEach(visit));
  for (const o of test.observe) if (!o.includes(":")) locs.add(o);
  return [...locs].sort();
}

/** The text of an instruction, as the step's `code` in traces. */
export function showInstr(i: Instr): string {
  switch (i.op) {
    case "W": return `WRITE_ONCE(${i.loc}, ${i.val})`;
    case "Wrel": return `smp_store_release(${i.loc}, ${i.val})`;
    case "R": return `${i.reg} = READ_ONCE(${i.loc})`;
    case "Racq": return `${i.reg} = smp_load_acquire(${i.loc})`;
    case "mb": case "wmb": case "rmb": return `smp_${i.op}()`;
    case "lock": return `spin_lock(${i.loc})`;
    case "unlock": return `spin_unlock(${i.loc})`;
    case "xchg": return `${i.reg} = xchg(${i.loc}, ${i.val})`;
    case "cmpxchg": return `${i.reg} = cmpxchg(${i.loc}, ${i.expect}, ${i.val})`;
    case "addReturn": return `${i.reg} = atomic_add_return(${i.delta}, ${i.loc})`;
    case "add": return `atomic_add(${i.delta}, ${i.loc})`;
    case "addUnless": return `${i.reg} = atomic_add_unless(${i.loc}, ${i.delta}, ${i.unless})`;
    case "islocked": return `${i.reg} = spin_is_locked(${i.loc})`;
    case "deref": return `${i.reg} = READ_ONCE(*${i.ptr})`;
    case "rcuLock": return "rcu_read_lock()";
    case "rcuUnlock": return "rcu_read_unlock()";
    case "gpStart": return "synchronize_rcu(): smp_mb, the grace period starts";
    case "gpEnd": return "synchronize_rcu() returns: the readers it waited for are done; smp_mb";
    case "when": return `if (${i.reg} == ${i.equals}) ${showInstr(i.then)}`;
    default: return unreachable(i);
  }
}

function unreachable(x: never): never {
  throw new Error(`unexpected instruction ${JSON.stringify(x)}`);
}

type Regs = Record<string, number>;

/**
 * Runs instruction `i` of thread `cpu` on memory `m` with registers `regs`, and gives each
 * outcome to `next`: a load or an atomic may have several (a choice in the trace); false waits.
 */
function execute<S>(mm: Memory<string>, m: MemoryState, cpu: number, regs: Regs, i: Instr, next: (m: MemoryState, regs: Regs) => S): Successors<S> {
  const val = (v: Val) => (typeof v === "number" ? v : regs[v]);
  const mem = (after: MemoryState | false) => after && next(after, regs);
  const rmw = (loc: string, reg: string, update: (old: number) => number | undefined, ret: (old: number) => number) =>
    mm.choose(mm.rmw(m, cpu, loc, update), (r) => next(r.memory, { ...regs, [reg]: ret(r.old) }));
  switch (i.op) {
    case "W": return mem(mm.store(typeof i.val === "number" ? m : mm.ctrl(m, cpu), cpu, i.loc, val(i.val)));
    case "Wrel": return mem(mm.storeRelease(typeof i.val === "number" ? m : mm.ctrl(m, cpu), cpu, i.loc, val(i.val)));
    case "R": case "Racq": case "islocked": return mm.choose(mm.loads(m, cpu, i.loc, i.op === "Racq"), (r) => next(r.memory, { ...regs, [i.reg]: r.val }));
    case "deref": {
      const target = i.targets[regs[i.ptr]];
      if (target === undefined) throw new SpecError("invalid-successor", `READ_ONCE(*${i.ptr}) by CPU ${cpu}: ${i.ptr}=${regs[i.ptr]} is not the address of any of ${i.targets.join(", ")}`);
      // Under ra the address dependency is approximated by smp_rmb before the load: stronger, it orders the load after every earlier load, not only the pointer's.
      return mm.choose(mm.loads(mm.rmb(m, cpu), cpu, target), (r) => next(r.memory, { ...regs, [i.reg]: r.val }));
    }
    case "rcuLock": return mem(mm.rcuReadLock(m, cpu));
    case "rcuUnlock": return mem(mm.rcuReadUnlock(m, cpu));
    case "gpStart": return mem(mm.synchronizeRcu(m, cpu));
    case "gpEnd": return mem(mm.synchronizeRcuEnd(m, cpu));
    case "mb": return mem(mm.mb(m, cpu));
    case "wmb": return mem(mm.wmb(m, cpu));
    case "rmb": return mem(mm.rmb(m, cpu));
    case "lock": return mem(mm.lock(m, cpu, i.loc));
    case "unlock": return mem(mm.unlock(m, cpu, i.loc));
    case "xchg": return rmw(i.loc, i.reg, () => i.val, (old) => old);
    case "cmpxchg": return rmw(i.loc, i.reg, (old) => (old === i.expect ? i.val : undefined), (old) => old);
    case "addReturn": return rmw(i.loc, i.reg, (old) => old + i.delta, (old) => old + i.delta);
    case "add": return mem(mm.atomicAdd(m, cpu, i.loc, i.delta));
    case "addUnless": return rmw(i.loc, i.reg, (old) => (old === i.unless ? undefined : old + i.delta), (old) => (old === i.unless ? 0 : 1));
    case "when": {
      const branched = mm.ctrl(m, cpu);
      return regs[i.reg] === i.equals ? execute(mm, branched, cpu, regs, i.then, next) : next(branched, regs);
    }
    default: return unreachable(i);
  }
}

/** The stores of `code` from instruction `from` on with a constant value (what a CPU may promise under ra). */
function promisable(code: readonly Instr[], from: number): { loc: string; val: number }[] {
  const out: { loc: string; val: number }[] = [];
  const visit = (i: Instr) => {
    if ((i.op === "W" || i.op === "Wrel") && typeof i.val === "number" && !out.some((w) => w.loc === i.loc && w.val === i.val)) out.push({ loc: i.loc, val: i.val });
    if (i.op === "when") visit(i.then);
  };
  code.slice(from).forEach(visit);
  return out;
}

/** The observed values of a final state. */
export function outcomeOf(test: LitmusTest, s: LitmusState): Outcome {
  const o: Record<string, number> = {};
  for (const name of test.observe) {
    const [thread, reg] = name.split(":");
    o[name] = reg === undefined ? s.mem.mem[name] : (s[`P${thread}`] as Record<number, Record<string, number>>)[Number(thread)][reg];
  }
  return o;
}

const done = (test: LitmusTest, s: LitmusState) => test.threads.every((_, k) => pcOf(s, k) === "Done");
const pcOf = (s: LitmusState, k: number) => (s[`P${k}`] as Record<number, { pc: string }>)[k].pc;

/** Whether every thread has finished, every buffer is empty, every promise fulfilled, and the test's filter (if any) holds. */
export function isFinal(test: LitmusTest, s: LitmusState): boolean {
  return done(test, s) && settled(s.mem) && (test.filter === undefined || test.filter(outcomeOf(test, s)));
}

/** The litmus test as a spec with parameters `memory`, `unlock` and `bound`. */
export function litmus(test: LitmusTest): Spec<any, any> {
  const [lo, hi] = test.values ?? [0, 2];
  const locs = locationsOf(test);
  const memories = new Map<string, Memory<string>>();
  const mm = (p: { memory: MemoryModelName; unlock: UnlockSemantics; bound: number; promises: number }) => {
    const key = `${p.memory}/${p.unlock}/${p.bound}/${p.promises}`;
    let m = memories.get(key);
    if (!m) {
      m = memory({ model: p.memory, cpus: test.threads.length, locations: Object.fromEntries(locs.map((l) => [l, [lo, hi] as const])), bound: p.bound, unlock: p.unlock, promises: p.promises, rcu: usesRcu(test) });
      memories.set(key, m);
    }
    return m;
  };
  return defineSpec({
    name: test.name,
    params: litmusParams,
    // Under ra, `next` mirrors each thread's program counter (a function of it: no extra states) so that the promise steps see which stores are still ahead.
    state: (p: any) => ({ mem: mm(p).domain, ...(p.memory === "ra" ? { next: t.map(t.int(0, test.threads.length - 1), t.int(0, Math.max(...test.threads.map((c) => c.length)))) } : {}) }),
    init: (p: any) => ({ mem: mm(p).init(test.init), ...(p.memory === "ra" ? { next: Object.fromEntries(test.threads.map((_, k) => [k, 0])) } : {}) }),
    processes: ({ process }: any, p: any) => {
      const m = mm(p);
      const out: Record<string, unknown> = {};
      test.threads.forEach((code, cpu) => {
        const regs = registersOf(code);
        const steps: Record<string, unknown> = {};
        code.forEach((instr, k) => {
          steps[`i${k}`] = {
            code: showInstr(instr),
            step: (s: any) => {
              const before = Object.fromEntries(regs.map((r) => [r, s[r]]));
              return execute(m, s.mem, cpu, before, instr, (mem, after) => ({ ...s, ...after, mem, ...(s.next ? { next: { ...s.next, [cpu]: k + 1 } } : {}) }));
            },
          };
        });
        out[`P${cpu}`] = process({
          ids: t.int(cpu, cpu),
          locals: Object.fromEntries(regs.map((r) => [r, t.int(lo, hi)])),
          init: Object.fromEntries(regs.map((r) => [r, 0])),
          steps,
        });
      });
      if (p.memory === "ra" && p.promises > 0) {
        out.promise = process({
          ids: t.int(0, test.threads.length - 1),
          forever: true,
          steps: {
            promise: {
              code: "the CPU promises a later store of its code",
              step: (s: any, cpu: number) => {
                const writes = promisable(test.threads[cpu], s.next[cpu]);
                return exists(writes, (store) => { const mem = m.promise(s.mem, cpu, store.loc, store.val); return mem && { ...s, mem }; });
              },
            },
          },
        });
      }
      if (p.memory === "tso" || p.memory === "pso") {
        out.buffer = process({
          ids: t.int(0, test.threads.length - 1),
          forever: true,
          steps: {
            drain: {
              code: "a buffered store becomes visible",
              step: (s: any, cpu: number) => exists(m.drainable(s.mem, cpu), (loc) => ({ ...s, mem: m.drain(s.mem, cpu, loc) })),
            },
          },
        });
      }
      return out;
    },
    invariants: {
      notObserved: {
        holds: (s: any) => !(isFinal(test, s) && test.exists(outcomeOf(test, s))),
        message: (s: any) => `the litmus condition holds in the final state ${showOutcome(outcomeOf(test, s))}`,
      },
    },
    // Under ra a run whose promise is never fulfilled ends with every thread done: not an outcome, not a deadlock.
    deadlock: { terminal: (s: any) => done(test, s) },
  } as any) as Spec<any, any>;
}

/** An outcome as herd prints it, sorted by name: `1:r0=1,1:r1=0`. */
export function showOutcome(o: Outcome): string {
  return Object.keys(o)
    .sort()
    .map((k) => `${k}=${o[k]}`)
    .join(",");
}
