import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, compile, type Model } from "interleave-spec";
import type { CheckResult } from "../../src/check/result.ts";
import scalable from "../../examples/scalable.ts";
import { careless } from "../fixtures/specs/lights.ts";
import { manyBugs, symmetricMutex, vacuous } from "../fixtures/specs/laws.ts";
import { original, upstreamFix } from "../../specs/smp-call-function-many.ts";
import { overRedis, testRedis } from "./redis-server.ts";
import type { LocalRedis } from "../../src/cli/local-redis.ts";

let redis: LocalRedis;
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(async () => {
  await redis?.stop();
});

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
      const results = await overRedis(redis.url, model, n, { continue: keepGoing, properties, batchBytes: 4096 });
      expect(results).toHaveLength(n);
      for (const got of results) expect(withoutTime(got)).toEqual(want);
    }
  }, 60_000);
});
