import type { Transport } from "./transport.ts";
import type { PartitionStore } from "./partition-store.ts";
import type { Finding } from "./order-key.ts";
import type { FingerprintPath } from "./partition-trace.ts";

/** The run-wide counts after a level (equal in every partition). */
export interface Totals {
  readonly generated: number;
  readonly distinct: number;
  readonly depth: number;
  /** States in the frontier, all partitions together. */
  readonly queue: number;
}

/** What a checkpoint records besides the states: the counts and verdicts so far. */
export interface CheckpointHead {
  readonly totals: Totals;
  readonly fired: number[];
  readonly applied: number[];
  readonly reported: { readonly finding: Finding; readonly property: number; readonly path: FingerprintPath }[];
}

/**
 * The checkpoint entries written when a level ends: the level's states (fingerprint and parent
 * of each, kept for good: `s:<depth>`), the new frontier (`f:<depth>`, replacing the previous
 * one) and the head, all in one atomic write. The states travel once, not once per level.
 */
export function checkpointOf(store: PartitionStore, head: CheckpointHead): Record<string, Uint8Array | null> {
  const depth = store.frontier.depth;
  const { states, frontier } = store.levelEntries();
  return {
    [`s:${depth}`]: states,
    [`f:${depth}`]: frontier,
    [`f:${depth - 1}`]: null,
    head: new TextEncoder().encode(JSON.stringify({ ...head, depth })),
  };
}

/** Loads this partition's last checkpoint into `store`; undefined when there is none (a fresh start). */
export async function restore(transport: Transport, store: PartitionStore): Promise<CheckpointHead | undefined> {
  const bytes = await transport.load("head");
  if (!bytes) return undefined;
  const head = JSON.parse(new TextDecoder().decode(bytes)) as CheckpointHead & { depth: number };
  for (let d = 1; d <= head.depth; d++) store.restoreStates(await required(transport, `s:${d}`), d);
  store.restoreFrontier(await required(transport, `f:${head.depth}`), head.depth);
  return head;
}

async function required(transport: Transport, name: string): Promise<Uint8Array> {
  const bytes = await transport.load(name);
  if (!bytes) throw new Error(`partition ${transport.partition}: checkpoint entry "${name}" is missing`);
  return bytes;
}
