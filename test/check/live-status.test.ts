import { describe, expect, it } from "vitest";
import { check, compile, LiveStatus } from "interleave-spec";
import scalable from "../../examples/scalable.ts";
import counter from "../../examples/counter.ts";

describe("LiveStatus: what a search publishes for another thread, and the stop it obeys", () => {
  it("ends with the search's own counters", async () => {
    const live = new LiveStatus();
    const result = await check(compile(counter), { live });
    expect(live.snapshot()).toMatchObject({
      phase: "explore",
      distinctStates: result.stats.distinctStates,
      statesGenerated: result.stats.statesGenerated,
      depth: result.stats.depth,
      queue: 0,
    });
  });

  it("names the spec code running, as registered, to a reader of the same memory (a label is written once)", () => {
    const live = new LiveStatus();
    const reader = new LiveStatus(live.buffer);
    const id = live.label(`invariant "safe ✓"`);
    expect(live.label(`invariant "safe ✓"`)).toBe(id);
    expect(live.label("the constraint")).not.toBe(id);
    expect(reader.snapshot().inside).toBeUndefined();
    live.inside(id);
    expect(reader.snapshot().inside).toBe(`invariant "safe ✓"`);
    live.enter("liveness");
    expect(reader.snapshot().inside).toBeUndefined();
  });

  it("a stop requested before the search begins stops it at once, with the requested reason", async () => {
    const live = new LiveStatus();
    live.requestStop("memory");
    live.requestStop("timeout"); // the first request wins
    const result = await check(compile(counter), { live });
    expect(result).toMatchObject({ result: "incomplete", stoppedBy: "memory", stats: { distinctStates: 1 } });
  });

  it("a stop requested from inside the search is obeyed after the current state", async () => {
    const live = new LiveStatus();
    let stored = 0;
    const result = await check(compile(scalable, { n: 4, k: 3 }), {
      live,
      observer: { state: () => void (++stored === 500 && live.requestStop("interrupted")) },
    });
    expect(result.result === "incomplete" && result.stoppedBy).toBe("interrupted");
    // The state being expanded when the request came may add its successors, no more.
    expect(result.stats.distinctStates).toBeGreaterThanOrEqual(500);
    expect(result.stats.distinctStates).toBeLessThan(520);
    expect(live.snapshot().distinctStates).toBe(result.stats.distinctStates);
  });

  it("names the action being run (an index into the model's actions)", async () => {
    const live = new LiveStatus();
    const model = compile(counter);
    await check(model, { live });
    expect(live.snapshot().action).toBe(model.actions.length - 1);
  });
});
