import { describe, expect, it } from "vitest";
import { check, compile, type Model } from "interleave-spec";
import type { CheckOptions } from "../../src/check/check-options.ts";
import type { CheckResult } from "../../src/check/result.ts";
import { MemoryHub } from "../../src/distributed/memory-transport.ts";
import { checkPartition } from "../../src/distributed/partition-search.ts";
import scalable from "../../examples/scalable.ts";
import counter from "../../examples/counter.ts";
import { careless, safe } from "../fixtures/specs/lights.ts";
import { manyBugs, symmetricMutex, vacuous, viewedMutex } from "../fixtures/specs/laws.ts";

/** Runs `n` partitions of one run over an in-memory hub; returns each partition's result. */
async function partitioned<S>(model: Model<S>, n: number, options: CheckOptions = {}): Promise<CheckResult<S>[]> {
  const hub = new MemoryHub(n);
  return Promise.all(Array.from({ length: n }, (_, i) => checkPartition(model, hub.transport(i), { spec: model.name }, { ...options, batchBytes: 256 })));
}

const withoutTime = <S>(r: CheckResult<S>) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });

const models: [string, () => Model<any>][] = [
  ["counter", () => compile(counter)],
  ["lights (safe)", () => compile(safe)],
  ["lights (careless: a violation)", () => compile(careless)],
  ["vacuous (warnings)", () => compile(vacuous)],
  ["many-bugs (violations, constraint, deadlock)", () => compile(manyBugs)],
  ["symmetric mutex (symmetry)", () => compile(symmetricMutex)],
  ["viewed mutex (view)", () => compile(viewedMutex)],
  ["Scalable N=4 K=2", () => compile(scalable, { n: 4, k: 2 })],
];

describe("checkPartition (in-memory transport)", () => {
  it.each(models)("%s: every partition returns check()'s result for N = 1…4", async (_, make) => {
    const model = make();
    for (const keepGoing of [false, true]) {
      const want = withoutTime(await check(model, { continue: keepGoing }));
      for (const n of [1, 2, 3, 4]) {
        const results = await partitioned(model, n, { continue: keepGoing });
        for (const got of results) expect(withoutTime(got)).toEqual(want);
      }
    }
  });

  it("stops at --max-depth as check() does", async () => {
    const model = compile(scalable, { n: 4, k: 2 });
    const want = withoutTime(await check(model, { maxDepth: 5 }));
    expect(want.result).toBe("incomplete");
    for (const got of await partitioned(model, 3, { maxDepth: 5 })) expect(withoutTime(got)).toEqual(want);
  });
});
