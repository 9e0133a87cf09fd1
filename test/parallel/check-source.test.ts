import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/parallel/check-source.ts";

const file = fileURLToPath(new URL("../../examples/scalable.ts", import.meta.url));

describe("checkSource with worker threads", () => {
  it("two workers, each loading the spec file, reach the same counts as one", async () => {
    const source = { file, params: { n: 4, k: 3 } };
    const one = await checkSource(source, { workers: 1 });
    const two = await checkSource(source, { workers: 2 });
    expect(two.result).toBe("ok");
    expect(two.stats.distinctStates).toBe(3 ** 4 * 2 ** 3 * 6);
    expect({ ...two.stats, durationMs: 0 }).toEqual({ ...one.stats, durationMs: 0 });
  });
});

describe("checkSource errors", () => {
  it("a spec fault in a worker thread surfaces as the same SpecError as in one thread", async () => {
    const source = { file: fileURLToPath(new URL("../fixtures/throws-at-three.ts", import.meta.url)) };
    const one = await checkSource(source, { workers: 1 }).catch((e) => e);
    const two = await checkSource(source, { workers: 2 }).catch((e) => e);
    expect(one.code).toBe("action-threw");
    expect(two.code).toBe("action-threw");
    expect(two.message).toBe(one.message);
  });

  it("a worker thread that exits without replying fails the check instead of hanging it", async () => {
    const source = { file: fileURLToPath(new URL("../fixtures/exits-in-worker.ts", import.meta.url)) };
    await expect(checkSource(source, { workers: 2 })).rejects.toThrow(/exited with code 7/);
  }, 10_000);
});
