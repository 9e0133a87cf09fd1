import { randomUUID } from "node:crypto";
import type { Model } from "interleave-spec";
import type { CheckResult } from "../../src/check/result.ts";
import { checkPartition, type PartitionOptions } from "../../src/distributed/partition-search.ts";
import { RedisTransport } from "../../src/distributed/redis-transport.ts";
import { startLocalRedis, type LocalRedis } from "../../src/cli/local-redis.ts";

/**
 * The Redis server of the tests: the one CI started (`INTERLEAVE_TEST_REDIS`, see .ci/run),
 * which must answer — a test that needs Redis fails, never skips, when it does not — or,
 * without that variable, a private `redis-server` (which must be installed).
 */
export async function testRedis(): Promise<LocalRedis> {
  const given = process.env.INTERLEAVE_TEST_REDIS;
  if (!given) return startLocalRedis();
  await RedisTransport.waitFor(given, 2000);
  return { url: given, stop: async () => undefined };
}

/** One run of `n` partitions in this process over the Redis server at `url`, each with its own connections. */
export async function overRedis<S>(url: string, model: Model<S>, n: number, options: PartitionOptions = {}): Promise<CheckResult<S>[]> {
  const runId = randomUUID();
  const transports = await Promise.all(Array.from({ length: n }, (_, partition) => RedisTransport.connect({ url, runId, partition, partitions: n })));
  try {
    return await Promise.all(transports.map((t) => checkPartition(model, t, { spec: model.name }, options)));
  } finally {
    await transports[0].dropRun();
    await Promise.all(transports.map((t) => t.close()));
  }
}
