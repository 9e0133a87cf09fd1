import { describe, expect, it } from "vitest";
import "interleave-spec/vitest";
import { interleaveMatchers } from "interleave-spec/vitest";
import { defineSpec, t } from "interleave-spec";
import counter from "../examples/counter.ts";
import { loose, strict } from "./fixtures/ci/styles.ts";
import { symmetricMutex } from "./fixtures/specs/laws.ts";
import { allocator, anyReturn } from "./fixtures/liveness/allocator.ts";
import syncTermination from "../examples/tla/sync-termination-detection.ts";

describe("interleave-spec/vitest matchers", () => {
  it("toHoldAll passes for a spec whose properties hold", async () => {
    await expect(counter).toHoldAll();
    await expect(counter).toHoldAll({ params: { max: 5 } });
  });

  it("toHoldAll fails with the property's line and a diff-style trace", async () => {
    const outcome = await interleaveMatchers.toHoldAll.call({}, strict);
    expect(outcome.pass).toBe(false);
    const message = outcome.message();
    expect(message).toContain('invariant belowLimit is violated (');
    expect(message).toMatch(/styles\.ts:31:7\) after 1 step/);
    expect(message).toContain("step 1: jump-two (k = 2)\n  - n: 0\n  + n: 2");
    await expect(expect(strict).toHoldAll()).rejects.toThrow(/belowLimit is violated/);
  });

  it("toHoldAll decides every property in one search and names all that are violated", async () => {
    const twoBugs = defineSpec({
      name: "two-bugs",
      state: { n: t.int(0, 3) },
      init: { n: 0 },
      actions: { inc: (s) => s.n < 3 && { n: s.n + 1 } },
      invariants: { belowTwo: (s) => s.n < 2, belowThree: (s) => s.n < 3, inRange: (s) => s.n <= 3 },
      deadlock: false,
    });
    const message = (await interleaveMatchers.toHoldAll.call({}, twoBugs)).message();
    expect(message).toContain("2 properties are violated (belowTwo, belowThree); first, invariant belowTwo is violated");
  });

  it("toHoldAll reports an incomplete search as a failure, not a pass", async () => {
    await expect(expect(counter).toHoldAll({ maxStates: 2 })).rejects.toThrow(/search stopped \(max-states\)/);
  });

  it("an incomplete search fails the negated matchers too (.not never passes on an undecided search)", async () => {
    await expect(expect(counter).not.toHoldAll({ maxStates: 2 })).rejects.toThrow(/not to satisfy all its properties, but the search stopped \(max-states\)/);
    await expect(expect(counter).not.toViolate("bounded", { maxStates: 2 })).rejects.toThrow(/not to violate invariant bounded, but the search stopped \(max-states\)/);
    await expect(expect(counter).not.toReach((s: { n: number }) => s.n === 3, { maxStates: 2 })).rejects.toThrow(/not to reach .*search stopped \(max-states\)/);
    await expect(expect(counter).toViolate("bounded", { maxStates: 2 })).rejects.toThrow(/search stopped \(max-states\) before deciding it/);
  });

  it("toViolate passes for the named invariant and fails when it holds", async () => {
    await expect(strict).toViolate("belowLimit");
    await expect(loose).not.toViolate("belowLimit");
    await expect(expect(loose).toViolate("belowLimit")).rejects.toThrow(/to violate invariant belowLimit \(.*styles\.ts:31:7\), but it holds/);
    await expect(expect(strict).not.toViolate("belowLimit")).rejects.toThrow(/\+ n: 2/);
  });

  it("toViolate honours parameters", async () => {
    await expect(counter).not.toViolate("bounded", { params: { max: 2 } });
  });

  it("toReach finds a witness for a predicate, and fails when none is reachable", async () => {
    await expect(counter).toReach((s: { n: number }) => s.n === 3);
    await expect(counter).not.toReach((s: { n: number }, p: { max: number }) => s.n > p.max);
    await expect(expect(counter).toReach(function nBeyondMax(s: { n: number }) { return s.n > 3; })).rejects.toThrow(
      /to reach a state satisfying nBeyondMax, but no reachable state/,
    );
  });

  it("toReach looks for the predicate among all states, not only the representatives of a symmetric spec", async () => {
    await expect(symmetricMutex).toReach((s: { pc: { q: string } }) => s.pc.q === "cs");
  });

  it("toReach by name needs a declared sometimes-property and says so", async () => {
    // @ts-expect-error — a type error already (counter has no property "full"); JavaScript callers get the message
    await expect(expect(counter).toReach("full")).rejects.toThrow(/declares no sometimes-property "full"/);
  });

  it("a fault in toReach's predicate is reported under the predicate's name, never an internal one", async () => {
    const failure = expect(counter).toReach(function tooFar(s) {
      if (s.n === 2) throw new Error("boom");
      return false;
    });
    await expect(failure).rejects.toThrow(/toReach\(tooFar\)/);
    await expect(failure).rejects.not.toThrow(/__interleave/);
  });

  it("decides nested temporal properties, enabled and restricted fairness with no helper", async () => {
    await expect(syncTermination).toHoldAll();
    await expect(allocator).toViolate("everywhere");
    await expect(allocator).not.toViolate("returns");
    await expect(anyReturn).toViolate("returns");
    await expect(allocator).toHoldAll({ properties: ["canGiveBack", "onlyActions", "takesByAllocate", "neverStuck", "firstOnly"] });
  });
});
