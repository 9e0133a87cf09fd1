/**
 * What a partition of the distributed search needs from the engine that connects the
 * partitions, and nothing more: a durable, acknowledged inbox per partition; an all-gather
 * barrier; a small checkpoint store; and a run-wide agreement on what is being checked. The
 * search itself never sees the engine: Redis Streams behind {@link RedisTransport}, plain
 * memory behind {@link MemoryTransport} (tests, one process).
 */
export interface Transport {
  /** This partition's index, `0 .. partitions - 1`. */
  readonly partition: number;
  readonly partitions: number;
  /**
   * Registers what this partition checks (the spec identity); resolves with the identity the
   * run was started with — the first one claimed — which the caller compares with its own.
   */
  claim(identity: string): Promise<string>;
  /** Appends a batch to partition `to`'s inbox (durable once resolved). */
  send(to: number, batch: Uint8Array): Promise<void>;
  /**
   * Batches in this partition's inbox not yet acknowledged: first those delivered to an earlier
   * incarnation of this partition and never acknowledged, then new ones. Waits a little when
   * there are none (then resolves with none). Rejects with {@link RunAborted} once the run is aborted.
   */
  receive(): Promise<Delivery[]>;
  /** Acknowledges (and forgets) batches: they will not be delivered again. */
  acknowledge(ids: readonly string[]): Promise<void>;
  /**
   * All-gather: publishes `value` as this partition's contribution to `round`, resolves with
   * every partition's contribution (by index) once all have given one. Contributing again to the
   * same round (a restarted partition) replaces the earlier value. Rejects with
   * {@link RunAborted} once the run is aborted.
   */
  gather(round: string, value: string): Promise<string[]>;
  /** Writes (a `null` value deletes) this partition's checkpoint entries, all or none. */
  save(entries: Readonly<Record<string, Uint8Array | null>>): Promise<void>;
  /** This partition's checkpoint entry `name`, if saved. */
  load(name: string): Promise<Uint8Array | undefined>;
  /** Stops the whole run: every partition's next `receive` or `gather` rejects with `message`. */
  abort(message: string): Promise<void>;
  close(): Promise<void>;
}

/** One batch from the inbox: `id` acknowledges it. */
export interface Delivery {
  readonly id: string;
  readonly data: Uint8Array;
}

/** The run was aborted by a partition (spec mismatch, spec fault, …): `message` says why. */
export class RunAborted extends Error {
  override readonly name = "RunAborted";
}
