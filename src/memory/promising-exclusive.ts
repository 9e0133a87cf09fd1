/**
 * Exclusive read-modify-writes (LDXR/STXR pairs) in the `ra` model (Promising-ARMv8, see
 * `promising.ts`): the load-exclusive reads any message its views allow, and the store-exclusive
 * succeeds iff no other CPU's message to the location lies between the read's and the write's
 * timestamps. The write appends a new message or fulfils one of the CPU's own promises.
 */
import { fulfillable, raReadable, raWrite, storePre, withView, type RaMemory, type RaShape } from "./promising.ts";

/** One successful exclusive pair: the value read and its message's timestamp, how the trace shows the read, and the memory after the write. */
export interface RaExclusive {
  readonly old: number;
  readonly ts: number;
  readonly read: string;
  readonly after: RaMemory;
}

/**
 * Every successful exclusive read-modify-write of `loc` by `cpu` (`acquire`: LDAXR), oldest read
 * first: for each message the load-exclusive may read whose value `update` accepts, the store of
 * the new value either fulfils the oldest matching promise of the CPU that lies after the read,
 * above the store's pre-view and with no other CPU's message to `loc` in between (forced when
 * possible, as for plain stores: appending would strand that promise), or appends — allowed only
 * when no other CPU's message to `loc` is newer than the read. A read with neither is not an
 * outcome (the STXR would fail and the LDXR/STXR loop retry).
 */
export function raExclusive(shape: RaShape, m: RaMemory, cpu: number, loc: string, acquire: boolean, update: (old: number) => number | undefined): RaExclusive[] {
  const out: RaExclusive[] = [];
  for (const r of raReadable(m, cpu, loc, acquire)) {
    const next = update(r.val);
    if (next === undefined) continue;
    const read = withView(m, cpu, r.view);
    const others = m.msgs.flatMap((msg, i) => (msg.loc === loc && msg.cpu !== cpu && i + 1 > r.ts ? [i + 1] : []));
    const firstOther = others.length === 0 ? Infinity : others[0];
    const promise = fulfillable(read, cpu, loc, next, Math.max(storePre(r.view, false), r.ts));
    if (promise !== undefined && promise < firstOther) {
      out.push({ old: r.val, ts: r.ts, read: `${r.read} (fulfils its promise)`, after: raWrite(shape, read, cpu, loc, next, false, promise) });
    } else if (others.length === 0) {
      out.push({ old: r.val, ts: r.ts, read: r.read, after: raWrite(shape, read, cpu, loc, next, false, undefined) });
    }
  }
  return out;
}
