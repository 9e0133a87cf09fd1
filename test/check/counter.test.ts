import { describe, expect, it } from "vitest";
import { check, compile } from "interleave-spec";
import counter from "../../examples/counter.ts";

describe("examples/counter", () => {
  it("reaches its 8 hand-counted states with TLC's counting", async () => {
    const result = await check(compile(counter));
    expect(result.result).toBe("ok");
    expect(result.stats).toMatchObject({ distinctStates: 8, statesGenerated: 14, depth: 5 });
  });
});
