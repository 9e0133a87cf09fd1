/**
 * Per-CPU store buffers, as pure functions on immutable entry lists: what each memory model
 * lets a CPU read from its own buffer, and which buffered store may become visible next.
 */

/** The memory models of the buffer machine: sequential consistency, x86-TSO, SPARC PSO. */
export type BufferModel = "sc" | "tso" | "pso";

/**
 * A store buffer entry: a store waiting to become visible, or a store–store barrier marker.
 * - `store`: a plain store (WRITE_ONCE, atomic_set, …);
 * - `release`: smp_store_release — under PSO it becomes visible only after every earlier entry;
 * - `unlock`: spin_unlock's release store (as `release`, and a later spin_lock on the same CPU
 *   waits for it, the "UNLOCK before LOCK" rule of Documentation/memory-barriers.txt);
 * - `fence`: smp_wmb's marker (SPARC's STBAR): no later store passes it.
 */
export interface BufferEntry {
  readonly loc: string;
  readonly val: number;
  readonly kind: "store" | "release" | "unlock" | "fence";
}

/** The newest buffered store to `loc` (store forwarding), or undefined. */
export function forwarded(buffer: readonly BufferEntry[], loc: string): BufferEntry | undefined {
  for (let i = buffer.length - 1; i >= 0; i--) {
    const e = buffer[i];
    if (e.kind !== "fence" && e.loc === loc) return e;
  }
  return undefined;
}

/**
 * The indexes of the entries that may become visible next:
 * - TSO: the oldest (a FIFO buffer);
 * - PSO: per location the oldest store to it, unless a barrier marker precedes it, and a
 *   release/unlock store only once it is the oldest entry (it waits for every earlier store).
 * Under SC nothing is ever buffered.
 */
export function drainable(model: BufferModel, buffer: readonly BufferEntry[]): number[] {
  if (buffer.length === 0 || model === "sc") return [];
  if (model === "tso") return [0];
  const out: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < buffer.length; i++) {
    const e = buffer[i];
    if (e.kind === "fence") break;
    if (!seen.has(e.loc) && (i === 0 || e.kind === "store")) out.push(i);
    seen.add(e.loc);
  }
  return out;
}

/** The buffer without entry `i`, and without the barrier markers that are left at its head. */
export function without(buffer: readonly BufferEntry[], i: number): BufferEntry[] {
  const rest = buffer.filter((_, j) => j !== i);
  let head = 0;
  while (head < rest.length && rest[head].kind === "fence") head++;
  return rest.slice(head);
}

/** Whether the buffer is empty (smp_mb's and a full-barrier atomic's condition). */
export function isEmpty(buffer: readonly BufferEntry[]): boolean {
  return buffer.length === 0;
}
