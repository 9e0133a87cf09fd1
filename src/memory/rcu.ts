/**
 * RCU read-side critical sections and grace periods, as pure functions on immutable per-CPU
 * records: exact bookkeeping for the store-buffer models (SC, TSO, PSO), and for ra an
 * approximation on the Promising-ARMv8 views (at the end of this file).
 *
 * `synchronize_rcu` is two steps: the grace period starts (after an smp_mb) by recording every
 * other CPU that is inside a read-side section or still has stores of a finished section
 * buffered; it ends (then an smp_mb) once each recorded CPU has left its section and those
 * stores have become visible. A CPU that enters a new section after the start is not waited for.
 */
import { t, type Domain } from "../dsl/domain.ts";
import { raFence, raJoin, type CpuView, type RaMemory } from "./promising.ts";

/** The deepest nesting of rcu_read_lock a CPU may reach. */
export const RCU_NESTING = 3;

/** One CPU's RCU bookkeeping. */
export interface RcuCpu {
  /** rcu_read_lock nesting depth (0: outside every read-side section). */
  readonly depth: number;
  /** How many of the CPU's buffered stores were made before it left its last section (they must drain before a grace period that waits for it ends). */
  readonly pending: number;
  /** -1: no grace period of this CPU is under way; otherwise the bit set of the CPUs it still waits for. */
  readonly waits: number;
}

/** Every CPU's RCU bookkeeping. */
export type RcuState = { readonly [cpu: number]: RcuCpu };

/** The domain of an {@link RcuState} for `cpus` CPUs whose buffers hold at most `bound` entries. */
export function rcuDomain(cpus: number, bound: number): Domain<RcuState> {
  return t.map(t.int(0, cpus - 1), t.record({ depth: t.int(0, RCU_NESTING), pending: t.int(0, bound), waits: t.int(-1, 2 ** cpus - 1) })) as unknown as Domain<RcuState>;
}

/** No CPU in a section, no grace period under way. */
export function rcuInit(cpus: number): RcuState {
  return Object.fromEntries(Array.from({ length: cpus }, (_, c) => [c, { depth: 0, pending: 0, waits: -1 }]));
}

const set = (r: RcuState, cpu: number, c: Partial<RcuCpu>): RcuState => ({ ...r, [cpu]: { ...r[cpu], ...c } });

/** Whether `cpu` holds up grace periods: inside a section, or with a finished section's stores still buffered. */
const busy = (c: RcuCpu) => c.depth > 0 || c.pending > 0;

/** Once `cpu` no longer holds up grace periods, no grace period waits for it any more. */
function release(r: RcuState, cpu: number): RcuState {
  if (busy(r[cpu])) return r;
  const bit = 1 << cpu;
  return Object.fromEntries(Object.entries(r).map(([c, v]) => [c, v.waits > 0 && v.waits & bit ? { ...v, waits: v.waits & ~bit } : v]));
}

/** rcu_read_lock by `cpu`; a string says why it cannot (nested too deep). */
export function rcuEnter(r: RcuState, cpu: number): RcuState | string {
  if (r[cpu].depth >= RCU_NESTING) return `rcu_read_lock nested deeper than ${RCU_NESTING}`;
  return set(r, cpu, { depth: r[cpu].depth + 1 });
}

/** rcu_read_unlock by `cpu`, whose buffer holds `stores` stores now (leaving the outermost section, they become pending). */
export function rcuExit(r: RcuState, cpu: number, stores: number): RcuState | string {
  const c = r[cpu];
  if (c.depth === 0) return "rcu_read_unlock outside a read-side section";
  return release(set(r, cpu, c.depth === 1 ? { depth: 0, pending: stores } : { depth: c.depth - 1 }), cpu);
}

/** `cpu`'s buffered store that had `before` stores ahead of it became visible. */
export function rcuDrained(r: RcuState, cpu: number, before: number): RcuState {
  const c = r[cpu];
  return before < c.pending ? release(set(r, cpu, { pending: c.pending - 1 }), cpu) : r;
}

/** The grace period of `cpu` starts: it waits for every other CPU that holds up grace periods now. A string says why it cannot. */
export function gracePeriodStart(r: RcuState, cpu: number): RcuState | string {
  if (r[cpu].depth > 0) return "synchronize_rcu inside a read-side section (it would wait for itself)";
  if (r[cpu].waits !== -1) return "synchronize_rcu started twice";
  let waits = 0;
  for (const [c, v] of Object.entries(r)) if (Number(c) !== cpu && busy(v)) waits |= 1 << Number(c);
  return set(r, cpu, { waits });
}

/** The grace period of `cpu` ends, if every CPU it waited for has let it (false: it must wait). A string says why it cannot. */
export function gracePeriodEnd(r: RcuState, cpu: number): RcuState | false | string {
  const w = r[cpu].waits;
  if (w === -1) return "synchronize_rcu's end without its start";
  return w === 0 && set(r, cpu, { waits: -1 });
}

// ---- ra: an approximation of RCU on the Promising-ARMv8 views (not a published semantics) ----

const seen = (v: CpuView) => Math.max(v.vro, v.vwo);
const others = (m: RaMemory, cpu: number) => Object.keys(m.views).map(Number).filter((c) => c !== cpu);

/** ra's rcu_read_lock: the CPU's later accesses are ordered after the start view of every other CPU's latest (or ongoing) grace period. */
export function raRcuEnter(m: RaMemory, cpu: number): RaMemory {
  return raJoin(m, cpu, Math.max(0, ...others(m, cpu).map((c) => m.views[c].vgp ?? 0)));
}

/** ra's grace-period start: `dmb sy`, then the CPU records its view (vro ⊔ vwo) as the grace period's. */
export function raGraceStart(m: RaMemory, cpu: number): RaMemory {
  const f = raFence(m, cpu, "sy");
  const v = f.views[cpu];
  return { ...f, views: { ...f.views, [cpu]: { ...v, vgp: seen(v) } } };
}

/** ra's grace-period end: the CPU's later accesses are ordered after every access of the CPUs outside a read-side section now (those it waited for included), then `dmb sy`. */
export function raGraceEnd(m: RaMemory, r: RcuState, cpu: number): RaMemory {
  const view = Math.max(0, ...others(m, cpu).filter((c) => r[c].depth === 0).map((c) => seen(m.views[c])));
  return raFence(raJoin(m, cpu, view), cpu, "sy");
}
