import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, compile, type Model } from "interleave-spec";
import type { CheckResult } from "../../src/check/result.ts";
import { checkPartition } from "../../src/distributed/partition-search.ts";
import { RedisTransport } from "../../src/distributed/redis-transport.ts";
import scalable from "../../examples/scalable.ts";
import { careless } from "../fixtures/specs/lights.ts";
import { manyBugs, symmetricMutex, vacuous } from "../fixtures/specs/laws.ts";
import { original, upstreamFix } from "../../specs/smp-call-function-many.ts";
import { testRedis } from "./redis-server.ts";
import type { LocalRedis } from "../../src/cli/local-redis.ts";

let redis: LocalRedis;
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(async () => {
  await redis?.stop();
});

/** One run of `n` partitions in this process, each with its own Redis connections. */
async function overRedis<S>(model: Model<S>, n: number, options: { continue?: boolean; properties?: string[] } = {}): Promise<CheckResult<S>[]> {
  const runId = randomUUID();
  const transports = await Promise.all(Array.from({ length: n }, (_, partition) => RedisTransport.connect({ url: redis.url, runId, partition, partitions: n })));
  try {
    return await Promise.all(transports.map((t) => checkPartition(model, t, { spec: model.name }, { ...options, batchBytes: 4096 })));
  } finally {
    await transports[0].dropRun();
    await Promise.all(transports.map((t) => t.close()));
  }
}

const withoutTime = <S>(r: CheckResult<S>) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });

describe("the partitioned search over Redis Streams: check()'s result for N = 1…4", () => {
  const corpus: [string, () => Model<any>, boolean][] = [
    ["lights (careless: a violation)", () => compile(careless), false],
    ["vacuous (warnings)", () => compile(vacuous), false],
    ["many-bugs (every property decided)", () => compile(manyBugs), true],
    ["symmetric mutex", () => compile(symmetricMutex), false],
    ["flagship, original (violated)", () => compile(original), false],
    ["flagship, upstream fix (holds)", () => compile(upstreamFix), false],
    ["Scalable N=6 K=2", () => compile(scalable, { n: 6, k: 2 }), false],
  ];
  it.each(corpus)("%s", async (_, make, keepGoing) => {
    const model = make();
    // The safety properties: temporal ones are refused by the partitioned search (tested in the CLI tests).
    const properties = model.properties.filter((p) => p.kind === "invariant" || p.kind === "deadlock").map((p) => p.name);
    const want = withoutTime(await check(model, { continue: keepGoing, properties }));
    for (const n of [1, 2, 3, 4]) {
      const results = await overRedis(model, n, { continue: keepGoing, properties });
      expect(results).toHaveLength(n);
      for (const got of results) expect(withoutTime(got)).toEqual(want);
    }
  }, 60_000);
});
