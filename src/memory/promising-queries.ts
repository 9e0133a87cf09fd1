/**
 * Read-only questions about a state of the `ra` machine (`promising.ts`): the newest values, what
 * a CPU has seen or may still read, whether every promise is fulfilled.
 */
import { raReads, type CpuView, type Message, type RaMemory } from "./promising.ts";

/** The timestamp of the newest message to `loc`. */
export function latest(m: RaMemory, loc: string): number {
  for (let i = m.msgs.length - 1; i >= 0; i--) if (m.msgs[i].loc === loc) return i + 1;
  throw new Error(`no message for ${loc}`);
}

/** The value of the message at `cpu`'s coherence view of `loc`: what its latest access to `loc` read or wrote (the oldest kept value before any). */
export function raSeen(m: RaMemory, cpu: number, loc: string): number {
  const coh = m.views[cpu].coh[loc];
  let seen: Message | undefined;
  m.msgs.forEach((msg, i) => {
    if (msg.loc === loc && (i + 1 <= coh || seen === undefined)) seen = msg;
  });
  return seen!.val;
}

/** The latest value of every location (what "memory" holds once everything propagated). */
export function raValues(m: RaMemory, names: readonly string[]): { [loc: string]: number } {
  return Object.fromEntries(names.map((l) => [l, m.msgs[latest(m, l) - 1].val]));
}

/** The CPUs with a promise not fulfilled yet. */
export function raOwing(m: RaMemory): number[] {
  return Object.entries(m.views).flatMap(([cpu, v]) => ((v as CpuView).prom.length > 0 ? [Number(cpu)] : []));
}

/**
 * Whether some CPU has a promise it can never fulfil: its coherence view of the location, or the
 * lower bound of its next write (`vwn`, `vcap`), has reached the promised message — views only
 * grow, and a store fulfils a promise only past them.
 */
export function raStranded(m: RaMemory): boolean {
  return (Object.values(m.views) as CpuView[]).some((v) => v.prom.some((ts) => ts <= Math.max(v.coh[m.msgs[ts - 1].loc], v.vwn, v.vcap)));
}

/** Whether every promise has been fulfilled (a final state of the machine). */
export function raSettled(m: RaMemory): boolean {
  return (Object.values(m.views) as CpuView[]).every((v) => v.prom.length === 0);
}

/** What `cpu` may still read that is older than memory's newest values ("refs=0, func=1"), for traces. */
export function raStale(m: RaMemory, cpu: number, names: readonly string[]): string {
  return names
    .flatMap((loc) => raReads(m, cpu, loc, false).filter((r) => r.ts !== latest(m, loc)).map((r) => `${loc}=${r.val}`))
    .join(", ");
}
