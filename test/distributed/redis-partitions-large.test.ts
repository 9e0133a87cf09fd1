import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, compile } from "interleave-spec";
import scalable from "../../examples/scalable.ts";
import type { LocalRedis } from "../../src/cli/local-redis.ts";
import { overRedis, testRedis } from "./redis-server.ts";

let redis: LocalRedis;
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe("the partitioned search over Redis Streams at scale", () => {
  it("Scalable N=6 K=4 (1,048,576 states, depth 62): every partition returns check()'s result for N = 1…4", async () => {
    const model = compile(scalable, { n: 6, k: 4 });
    const properties = model.properties.filter((p) => p.kind === "invariant" || p.kind === "deadlock").map((p) => p.name);
    const one = await check(model, { properties });
    const want = { ...one, stats: { ...one.stats, durationMs: 0 } };
    expect(want.stats.distinctStates).toBe(1_048_576);
    for (const n of [1, 2, 3, 4]) {
      const results = await overRedis(redis.url, model, n, { properties });
      for (const got of results) expect({ ...got, stats: { ...got.stats, durationMs: 0 } }).toEqual(want);
    }
  }, 900_000);
});
