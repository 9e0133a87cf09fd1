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
