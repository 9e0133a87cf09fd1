import { Redis } from "ioredis";
import { RunAborted, type Delivery, type Transport } from "./transport.ts";

/** Where a run lives on the Redis server, and who this partition is in it. */
export interface RedisRun {
  /** `redis://host:port` (optionally `/db`, user and password as Redis URLs allow). */
  readonly url: string;
  /** Names the run: every key of the run starts with `interleave:<runId>:`. */
  readonly runId: string;
  readonly partition: number;
  readonly partitions: number;
}

/** The Redis server cannot be reached (or dropped the connection): `message` names the URL. */
export class TransportUnavailable extends Error {
  override readonly name = "TransportUnavailable";
}

const BLOCK_MS = 200;

/**
 * The {@link Transport} over Redis Streams, the engine the partitioned search runs on. Each
 * partition's inbox is a stream read through a consumer group, so a batch stays pending until
 * the partition acknowledges it after checkpointing the level it belongs to: a partition killed
 * mid-level is handed its unacknowledged batches again when restarted (same consumer name).
 * All-gather rounds are hashes (field = partition), checkpoints one hash per partition written
 * in a MULTI transaction, the run's identity a `SET NX` key. Blocking reads use a second
 * connection so that sends and barriers never wait behind them.
 *
 * This is the one module that holds network I/O (the Redis client); the search sees only the
 * interface, and the CLI constructs it.
 */
export class RedisTransport implements Transport {
  readonly partition: number;
  readonly partitions: number;
  private readonly prefix: string;
  private readonly inbox: string;
  /** Where reading the batches handed to an earlier incarnation has got to; undefined once done. */
  private pending: string | undefined = "0";

  private constructor(
    private readonly redis: Redis,
    private readonly reader: Redis,
    run: RedisRun,
  ) {
    this.partition = run.partition;
    this.partitions = run.partitions;
    this.prefix = `interleave:${run.runId}:`;
    this.inbox = this.key(`in:${run.partition}`);
  }

  /** Connects (twice: commands, blocking reads) and creates this partition's consumer group. */
  static async connect(run: RedisRun): Promise<RedisTransport> {
    const open = async (): Promise<Redis> => {
      const redis = new Redis(run.url, { lazyConnect: true, maxRetriesPerRequest: 2, retryStrategy: (times) => (times > 5 ? null : 200 * times) });
      redis.on("error", () => undefined); // reported by the failing command instead
      try {
        await redis.connect();
      } catch (e) {
        redis.disconnect();
        throw new TransportUnavailable(`cannot reach the Redis server at ${run.url}: ${(e as Error).message}`);
      }
      return redis;
    };
    const redis = await open();
    const reader = await open().catch((e) => {
      redis.disconnect();
      throw e;
    });
    const transport = new RedisTransport(redis, reader, run);
    try {
      await redis.xgroup("CREATE", transport.inbox, "g", "0", "MKSTREAM");
    } catch (e) {
      if (!String((e as Error).message).startsWith("BUSYGROUP")) throw e; // exists: a restarted partition
    }
    return transport;
  }

  async claim(identity: string): Promise<string> {
    const key = this.key("identity");
    await this.redis.set(key, identity, "NX");
    return (await this.redis.get(key)) ?? identity;
  }

  async send(to: number, batch: Uint8Array): Promise<void> {
    await this.redis.xadd(this.key(`in:${to}`), "*", "d", Buffer.from(batch.buffer, batch.byteOffset, batch.byteLength));
  }

  async receive(): Promise<Delivery[]> {
    await this.check();
    // First what an earlier incarnation was handed and never acknowledged ("0"), then new batches (">").
    const from = this.pending ?? ">";
    const reply = (await this.reader.callBuffer("XREADGROUP", ["GROUP", "g", `p${this.partition}`, "COUNT", 64, "BLOCK", BLOCK_MS, "STREAMS", this.inbox, from])) as
      | [Buffer, [Buffer, Buffer[]][]][]
      | null;
    const entries = reply?.[0]?.[1] ?? [];
    if (this.pending !== undefined) this.pending = entries.length === 0 ? undefined : entries[entries.length - 1][0].toString();
    return entries.map(([id, fields]) => ({ id: id.toString(), data: new Uint8Array(fields[1].buffer, fields[1].byteOffset, fields[1].byteLength) }));
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      await this.redis.multi().xack(this.inbox, "g", ...chunk).xdel(this.inbox, ...chunk).exec();
    }
  }

  async gather(round: string, value: string): Promise<string[]> {
    const key = this.key(`round:${round}`);
    await this.redis.hset(key, String(this.partition), value);
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      await this.check();
      // Count first: the values (a level's keys) are read once, when all are there.
      if ((await this.redis.hlen(key)) >= this.partitions) {
        const all = await this.redis.hgetall(key);
        return Array.from({ length: this.partitions }, (_, i) => all[String(i)]);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  async save(entries: Readonly<Record<string, Uint8Array | null>>): Promise<void> {
    const key = this.key(`checkpoint:${this.partition}`);
    const tx = this.redis.multi();
    for (const [name, data] of Object.entries(entries)) {
      if (data === null) tx.hdel(key, name);
      else tx.hset(key, name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    }
    await tx.exec();
  }

  async load(name: string): Promise<Uint8Array | undefined> {
    const data = await this.redis.hgetBuffer(this.key(`checkpoint:${this.partition}`), name);
    return data === null ? undefined : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  async abort(message: string): Promise<void> {
    await this.redis.set(this.key("abort"), message, "NX");
  }

  async close(): Promise<void> {
    this.reader.disconnect();
    await this.redis.quit().catch(() => undefined);
  }

  /** Resolves once the server at `url` answers PING; rejects with {@link TransportUnavailable} after `ms`. */
  static async waitFor(url: string, ms: number): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      redis.on("error", () => undefined);
      try {
        await redis.connect();
        await redis.ping();
        await redis.quit();
        return;
      } catch (e) {
        redis.disconnect();
        if (Date.now() >= until) throw new TransportUnavailable(`the Redis server at ${url} does not answer: ${(e as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** Deletes every key of the run (the coordinator, once all partitions have finished). */
  async dropRun(): Promise<void> {
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", `${this.prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  }

  private async check(): Promise<void> {
    const aborted = await this.redis.get(this.key("abort"));
    if (aborted !== null) throw new RunAborted(aborted);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }
}
