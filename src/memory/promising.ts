/**
 * The `ra` memory model: Promising-ARMv8 (Pulte, Pichon-Pharabod, Kang, Lee, Hur, "Promising-ARM/
 * RISC-V: a simpler and faster operational concurrency model", PLDI 2019), view-based, with a
 * bounded number of outstanding promises per CPU and a bounded message history per location.
 *
 * Memory is a list of messages (location, value, writer); a message's position is its timestamp
 * and the order of a location's messages is its coherence order. Every CPU keeps views
 * (timestamps): `coh` per location and the lower bounds for its next read (`vrn`) and next write
 * (`vwn`), the views of its past reads (`vro`) and writes (`vwo`), of its control dependencies
 * (`vcap`) and of its last release write (`vrel`). A read may return any message of the location
 * that no view rules out — an older value included — so loads are nondeterministic choices.
 * A write appends a message (or fulfils a promise); barriers join views. Pure functions on
 * immutable values.
 */
import type { Domain } from "../dsl/domain.ts";
import { t } from "../dsl/domain.ts";

/** A message in memory: a store of `val` to `loc` by CPU `cpu` (-1: the initial value). */
export interface Message {
  readonly loc: string;
  readonly val: number;
  readonly cpu: number;
}

/** A CPU's views (timestamps into the message list; 0 = before every message). */
export interface CpuView {
  readonly coh: { readonly [loc: string]: number };
  readonly vrn: number;
  readonly vwn: number;
  readonly vro: number;
  readonly vwo: number;
  readonly vcap: number;
  readonly vrel: number;
  /** Per location, the timestamp of the CPU's own last write to it (store forwarding), or 0. */
  readonly fwd: { readonly [loc: string]: number };
  /** The timestamps of the CPU's promised messages not fulfilled yet. */
  readonly prom: readonly number[];
  /** With RCU only: the view (vro ⊔ vwo) the CPU's latest grace period had when it started. */
  readonly vgp?: number;
}

/** The promising part of a memory state. */
export interface RaMemory {
  readonly msgs: readonly Message[];
  readonly views: { readonly [cpu: number]: CpuView };
  readonly saturated: boolean;
}

/** The dmb flavours the Linux barriers map to on arm64: smp_mb = dmb ish, smp_rmb = dmb ishld, smp_wmb = dmb ishst. */
export type Dmb = "sy" | "ld" | "st";

/** What one read can return: the value, the memory after it, and how it shows in traces. */
export interface RaRead {
  readonly read: string;
  readonly val: number;
  readonly ts: number;
  readonly after: RaMemory;
}

/** The shape of the promising machine for a set of locations and CPUs. */
export interface RaShape {
  readonly names: readonly string[];
  readonly cpus: number;
  /** The most messages kept per location. */
  readonly bound: number;
  /** The most outstanding promises per CPU. */
  readonly promises: number;
}

/** The domains of the messages and views, for the spec's state schema. */
export function raDomains(shape: RaShape, value: Domain<number>, rcu = false): { msgs: Domain<readonly Message[]>; views: Domain<{ readonly [cpu: number]: CpuView }> } {
  // Each location keeps `bound` messages, and beyond it only outstanding promises (see `append`).
  const max = shape.bound * shape.names.length + shape.cpus * shape.promises;
  const ts = t.int(0, max);
  const perLoc = t.record(Object.fromEntries(shape.names.map((l) => [l, ts])));
  return {
    msgs: t.seq(t.record({ loc: t.enum(...shape.names), val: value, cpu: t.int(-1, shape.cpus - 1) }), max) as unknown as Domain<readonly Message[]>,
    views: t.map(
      t.int(0, shape.cpus - 1),
      t.record({ coh: perLoc, vrn: ts, vwn: ts, vro: ts, vwo: ts, vcap: ts, vrel: ts, fwd: perLoc, prom: t.seq(ts, Math.max(shape.promises, 0)), ...(rcu ? { vgp: ts } : {}) }),
    ) as unknown as Domain<{ readonly [cpu: number]: CpuView }>,
  };
}

/** The initial machine: one message per location with its initial value, every view 0. */
export function raInit(shape: RaShape, values: { readonly [loc: string]: number }, rcu = false): RaMemory {
  const zero = Object.fromEntries(shape.names.map((l) => [l, 0]));
  const view: CpuView = { coh: zero, vrn: 0, vwn: 0, vro: 0, vwo: 0, vcap: 0, vrel: 0, fwd: zero, prom: [], ...(rcu ? { vgp: 0 } : {}) };
  return {
    msgs: shape.names.map((loc) => ({ loc, val: values[loc], cpu: -1 })),
    views: Object.fromEntries(Array.from({ length: shape.cpus }, (_, c) => [c, view])),
    saturated: false,
  };
}

const max = (...xs: number[]) => Math.max(...xs);

/** `m` with `cpu`'s views replaced by `v`. */
export const withView = (m: RaMemory, cpu: number, v: CpuView): RaMemory => ({ ...m, views: { ...m.views, [cpu]: v } });

/** One message a read may return, before the memory is collected: its timestamp, text, value and the reader's views after it. */
export interface RaReadable {
  readonly read: string;
  readonly val: number;
  readonly ts: number;
  readonly view: CpuView;
}

/**
 * Every message `cpu` may read from `loc` now (a plain read, or an acquire one: RCsc, so it also
 * waits for the CPU's last release write), newest last, with the CPU's views after each read.
 */
export function raReadable(m: RaMemory, cpu: number, loc: string, acquire: boolean): RaReadable[] {
  const v = m.views[cpu];
  const pre = max(v.vrn, acquire ? v.vrel : 0);
  const floor = max(v.coh[loc], pre);
  const candidates: number[] = [];
  for (let ts = m.msgs.length; ts >= 1; ts--) {
    if (m.msgs[ts - 1].loc !== loc) continue;
    candidates.push(ts);
    if (ts <= floor) break;
  }
  return candidates.reverse().map((ts) => {
    const post = v.fwd[loc] === ts ? pre : max(pre, ts);
    const view: CpuView = {
      ...v,
      coh: { ...v.coh, [loc]: max(v.coh[loc], post) },
      vro: max(v.vro, post),
      vrn: acquire ? max(v.vrn, post) : v.vrn,
      vwn: acquire ? max(v.vwn, post) : v.vwn,
    };
    const val = m.msgs[ts - 1].val;
    const newer = m.msgs.slice(ts).filter((msg) => msg.loc === loc).length;
    const stale = newer === 0 ? "" : newer === 1 ? " (stale: a newer store is in memory)" : ` (stale: ${newer} newer stores are in memory)`;
    return { read: `${loc}=${val}${stale}`, val, ts, view };
  });
}

/** Every message `cpu` may read from `loc` now ({@link raReadable}), with the memory after each read. */
export function raReads(m: RaMemory, cpu: number, loc: string, acquire: boolean): RaRead[] {
  return raReadable(m, cpu, loc, acquire).map((r) => ({ read: r.read, val: r.val, ts: r.ts, after: collect(withView(m, cpu, r.view)) }));
}

/** The oldest outstanding promise of `cpu` to `loc` it could fulfil with `val` now (a store with pre-view `pre`). */
export function fulfillable(m: RaMemory, cpu: number, loc: string, val: number, pre: number): number | undefined {
  const v = m.views[cpu];
  return v.prom.find((ts) => {
    const msg = m.msgs[ts - 1];
    return msg.loc === loc && msg.val === val && ts > v.coh[loc] && ts > pre;
  });
}

/** The pre-view of a store by `cpu`: the timestamp its message must lie above (`release`: also every earlier access). */
export function storePre(v: CpuView, release: boolean): number {
  return max(v.vcap, v.vwn, release ? max(v.vro, v.vwo) : 0);
}

/**
 * A store by `cpu` (`release`: smp_store_release / STLR): it fulfils a matching promise when the
 * views allow, else appends a new message.
 *
 * Fulfilling is forced, and that loses no execution: the CPU then has an outstanding promise to
 * `loc`, and an append would set its coherence view of `loc` past that promise (the append is the
 * newest message), so no later store of the CPU could fulfil it (a fulfilment needs ts > coh) —
 * the run could never settle. Among matching promises the oldest is taken: fulfilling a newer one
 * would strand the older one the same way.
 */
export function raStore(shape: RaShape, m: RaMemory, cpu: number, loc: string, val: number, release: boolean): RaMemory {
  return raWrite(shape, m, cpu, loc, val, release, fulfillable(m, cpu, loc, val, storePre(m.views[cpu], release)));
}

/**
 * The write of a store by `cpu`: fulfilling its own promise at timestamp `at` (the caller checked
 * the promise may be fulfilled), or appending a new message when `at` is undefined.
 */
export function raWrite(shape: RaShape, m: RaMemory, cpu: number, loc: string, val: number, release: boolean, at: number | undefined): RaMemory {
  let base = m;
  let ts = at;
  if (ts === undefined) {
    base = append(shape, m, { loc, val, cpu });
    ts = base.msgs.length;
  }
  const w = base.views[cpu];
  const next: CpuView = {
    ...w,
    coh: { ...w.coh, [loc]: ts },
    vwo: max(w.vwo, ts),
    vrel: release ? max(w.vrel, ts) : w.vrel,
    fwd: { ...w.fwd, [loc]: ts },
    prom: w.prom.filter((p) => p !== ts),
  };
  return collect(withView(base, cpu, next));
}

/** A promise by `cpu` of a later store of `val` to `loc`: the message is in memory now, others may read it. */
export function raPromise(shape: RaShape, m: RaMemory, cpu: number, loc: string, val: number): RaMemory | false {
  if (m.views[cpu].prom.length >= shape.promises) return false;
  const base = append(shape, m, { loc, val, cpu });
  const v = base.views[cpu];
  return withView(base, cpu, { ...v, prom: [...v.prom, base.msgs.length] });
}

/** A barrier: `sy` orders everything, `ld` (smp_rmb) earlier reads before later accesses, `st` (smp_wmb) earlier writes before later writes. */
export function raFence(m: RaMemory, cpu: number, kind: Dmb): RaMemory {
  const v = m.views[cpu];
  const next: CpuView =
    kind === "sy"
      ? { ...v, vrn: max(v.vrn, v.vro, v.vwo), vwn: max(v.vwn, v.vro, v.vwo) }
      : kind === "ld"
        ? { ...v, vrn: max(v.vrn, v.vro), vwn: max(v.vwn, v.vro) }
        : { ...v, vwn: max(v.vwn, v.vwo) };
  return withView(m, cpu, next);
}

/** `cpu`'s later reads and writes are ordered after the timestamp `view` (joins vrn and vwn with it). */
export function raJoin(m: RaMemory, cpu: number, view: number): RaMemory {
  const v = m.views[cpu];
  return withView(m, cpu, { ...v, vrn: max(v.vrn, view), vwn: max(v.vwn, view) });
}

/** A branch on values read so far: later stores wait for every earlier read (a control dependency, taken on all earlier reads). */
export function raCtrl(m: RaMemory, cpu: number): RaMemory {
  const v = m.views[cpu];
  return withView(m, cpu, { ...v, vcap: max(v.vcap, v.vro) });
}

/**
 * The memory with message `msg` appended. A location keeps at most `bound` messages: past it the
 * oldest one that is not an outstanding promise is forgotten (no read can return it any more —
 * fewer behaviours, so the run is marked `saturated`). `memory()` requires `bound` > `promises`,
 * so one CPU's promises never fill a location's history; when several CPUs' promises do, the
 * message is kept beyond the bound (the domain leaves room for every CPU's promises), losing
 * nothing.
 */
function append(shape: RaShape, m: RaMemory, msg: Message): RaMemory {
  const mine = m.msgs.map((x, i) => (x.loc === msg.loc ? i + 1 : 0)).filter((ts) => ts > 0);
  if (mine.length < shape.bound) return { ...m, msgs: [...m.msgs, msg] };
  const promised = new Set((Object.values(m.views) as CpuView[]).flatMap((v) => v.prom));
  const oldest = mine.find((ts) => !promised.has(ts));
  if (oldest === undefined) return { ...m, msgs: [...m.msgs, msg] };
  // A view at or past the forgotten message but before the location's next one is raised to that
  // next one: the CPU keeps every ordering the forgotten message gave it (it may not read an older
  // message of the location now), and may lose some others — fewer behaviours, never more.
  const appended: RaMemory = { ...m, msgs: [...m.msgs, msg] };
  const next = mine.find((ts) => ts > oldest) ?? appended.msgs.length;
  const raise = (v: number) => (v >= oldest && v < next ? next : v);
  const views = Object.fromEntries(Object.entries(appended.views).map(([c, v]) => [c, raiseViews(v as CpuView, raise)]));
  return { ...drop({ ...appended, views }, new Set([oldest])), saturated: true };
}

/** `v` with every view (not the promises, not the forwarding timestamps) passed through `raise`. */
function raiseViews(v: CpuView, raise: (ts: number) => number): CpuView {
  const coh = Object.fromEntries(Object.entries(v.coh).map(([l, ts]) => [l, raise(ts)]));
  return { ...v, coh, vrn: raise(v.vrn), vwn: raise(v.vwn), vro: raise(v.vro), vwo: raise(v.vwo), vcap: raise(v.vcap), vrel: raise(v.vrel), ...(v.vgp === undefined ? {} : { vgp: raise(v.vgp) }) };
}

/**
 * The memory without the messages no CPU can read any more: a message is dead when it is not its
 * location's newest, not promised, and every CPU's coherence view of the location has reached a
 * newer message of it. Dropping them and renumbering keeps every comparison between the other
 * messages and the views, so the state space stays finite over repeated stores without losing a
 * behaviour.
 */
export function collect(m: RaMemory): RaMemory {
  const dead = new Set<number>();
  const views = Object.values(m.views) as CpuView[];
  const promised = new Set(views.flatMap((v) => v.prom));
  m.msgs.forEach((msg, i) => {
    const ts = i + 1;
    if (promised.has(ts)) return;
    let next = 0;
    for (let j = i + 1; j < m.msgs.length; j++) if (m.msgs[j].loc === msg.loc) { next = j + 1; break; }
    if (next > 0 && views.every((v) => v.coh[msg.loc] >= next)) dead.add(ts);
  });
  return dead.size === 0 ? m : drop(m, dead);
}

/** `m` without the messages at `dead`, every view renumbered to count the kept messages at or below it. */
function drop(m: RaMemory, dead: ReadonlySet<number>): RaMemory {
  const kept: number[] = [];
  let count = 0;
  const rank: number[] = [0];
  for (let ts = 1; ts <= m.msgs.length; ts++) {
    if (!dead.has(ts)) {
      count++;
      kept.push(ts);
    }
    rank.push(count);
  }
  const re = (ts: number) => rank[ts];
  const perLoc = (o: { readonly [loc: string]: number }, fwd: boolean) =>
    Object.fromEntries(Object.entries(o).map(([l, ts]) => [l, fwd && dead.has(ts) ? 0 : re(ts)]));
  const views = Object.fromEntries(
    Object.entries(m.views).map(([c, v]) => {
      const w = v as CpuView;
      return [c, { coh: perLoc(w.coh, false), vrn: re(w.vrn), vwn: re(w.vwn), vro: re(w.vro), vwo: re(w.vwo), vcap: re(w.vcap), vrel: re(w.vrel), fwd: perLoc(w.fwd, true), prom: w.prom.map(re), ...(w.vgp === undefined ? {} : { vgp: re(w.vgp) }) }];
    }),
  );
  return { ...m, msgs: kept.map((ts) => m.msgs[ts - 1]), views };
}
