import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";

/** A Redis server for the tests: `url`, and `stop` (a no-op for a server the tests did not start). */
export interface TestRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The server CI started (`INTERLEAVE_TEST_REDIS`, see .ci/run) — which must answer: a test that
 * needs Redis fails rather than skips when it does not — or, without that variable, a private
 * `redis-server` on a free port with no persistence, in a temporary directory.
 */
export async function testRedis(): Promise<TestRedis> {
  const given = process.env.INTERLEAVE_TEST_REDIS;
  if (given) {
    await ping(given, 20);
    return { url: given, stop: async () => undefined };
  }
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    throw new Error("these tests need Redis: install redis-server (Debian: apt-get install redis-server) or set INTERLEAVE_TEST_REDIS=redis://host:port");
  }
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "interleave-redis-"));
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  await ping(url, 50);
  return {
    url,
    stop: async () => {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ping(url: string, attempts: number): Promise<void> {
  for (let i = 0; ; i++) {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on("error", () => undefined);
    try {
      await redis.connect();
      await redis.ping();
      await redis.quit();
      return;
    } catch (e) {
      redis.disconnect();
      if (i >= attempts) throw new Error(`the Redis server at ${url} does not answer: ${(e as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
