import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { RedisTransport } from "../distributed/redis-transport.ts";

/** A private Redis server: its URL, and `stop`. */
export interface LocalRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` (from PATH) on a free local port, without persistence, in a temporary
 * directory: the transport of `check --partitions N` on one machine when no `--transport` is
 * given. Throws a sentence naming the fix when the binary is missing.
 */
export async function startLocalRedis(): Promise<LocalRedis> {
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    throw new Error("--partitions without --transport starts a private redis-server, which is not installed (Debian: apt-get install redis-server); or give --transport redis://host:port");
  }
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "interleave-redis-"));
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const url = `redis://127.0.0.1:${port}`;
  await RedisTransport.waitFor(url, 5000);
  return {
    url,
    stop: async () => {
      server.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
