import { RunAborted, type Delivery, type Transport } from "./transport.ts";

/**
 * The state several {@link MemoryTransport}s share: the partitions of one run inside one
 * process (unit tests; no engine needed). A partition "restarted" on the same hub sees what an
 * earlier incarnation saved and never acknowledged, as with Redis.
 */
export class MemoryHub {
  identity?: string;
  aborted?: string;
  readonly inboxes: { id: string; data: Uint8Array; delivered: boolean }[][];
  readonly rounds = new Map<string, (string | undefined)[]>();
  readonly checkpoints: Map<string, Uint8Array>[];
  /** Bytes sent between partitions so far (the batches only). */
  bytesSent = 0;
  private waiters: (() => void)[] = [];
  private nextId = 0;

  constructor(readonly partitions: number) {
    this.inboxes = Array.from({ length: partitions }, () => []);
    this.checkpoints = Array.from({ length: partitions }, () => new Map());
  }

  /** The transport of partition `index` on this hub. */
  transport(index: number): MemoryTransport {
    return new MemoryTransport(this, index);
  }

  id(): string {
    return String(this.nextId++);
  }

  wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Resolves at the next change, or after a few milliseconds. */
  changed(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      setTimeout(resolve, 20);
    });
  }
}

/** A {@link Transport} over a {@link MemoryHub}: partitions as async tasks of one process. */
export class MemoryTransport implements Transport {
  readonly partitions: number;
  private fresh = true;

  constructor(
    private readonly hub: MemoryHub,
    readonly partition: number,
  ) {
    this.partitions = hub.partitions;
  }

  async claim(identity: string): Promise<string> {
    this.hub.identity ??= identity;
    return this.hub.identity;
  }

  async send(to: number, batch: Uint8Array): Promise<void> {
    this.hub.inboxes[to].push({ id: this.hub.id(), data: batch.slice(), delivered: false });
    this.hub.bytesSent += batch.byteLength;
    this.hub.wake();
  }

  async receive(): Promise<Delivery[]> {
    this.check();
    const inbox = this.hub.inboxes[this.partition];
    // A new incarnation is first handed what the previous one was handed and did not acknowledge.
    const ready = inbox.filter((m) => this.fresh || !m.delivered);
    this.fresh = false;
    if (ready.length === 0) {
      await this.hub.changed();
      return [];
    }
    for (const m of ready) m.delivered = true;
    return ready.map(({ id, data }) => ({ id, data }));
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    const done = new Set(ids);
    const inbox = this.hub.inboxes[this.partition];
    for (let i = inbox.length - 1; i >= 0; i--) if (done.has(inbox[i].id)) inbox.splice(i, 1);
  }

  async gather(round: string, value: string): Promise<string[]> {
    let values = this.hub.rounds.get(round);
    if (!values) this.hub.rounds.set(round, (values = new Array<string | undefined>(this.partitions).fill(undefined)));
    values[this.partition] = value;
    this.hub.wake();
    for (;;) {
      this.check();
      if (values.every((v) => v !== undefined)) return values as string[];
      await this.hub.changed();
    }
  }

  async save(entries: Readonly<Record<string, Uint8Array | null>>): Promise<void> {
    const store = this.hub.checkpoints[this.partition];
    for (const [name, data] of Object.entries(entries)) {
      if (data === null) store.delete(name);
      else store.set(name, data.slice());
    }
  }

  async load(name: string): Promise<Uint8Array | undefined> {
    return this.hub.checkpoints[this.partition].get(name);
  }

  async abort(message: string): Promise<void> {
    this.hub.aborted ??= message;
    this.hub.wake();
  }

  async close(): Promise<void> {}

  private check(): void {
    if (this.hub.aborted !== undefined) throw new RunAborted(this.hub.aborted);
  }
}
