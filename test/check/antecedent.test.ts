import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, t } from "interleave-spec";

/** A counter 0..3 that is "busy" only at 2. */
function counter(when: (s: { n: number; busy: boolean }) => boolean, holds: (s: { n: number; busy: boolean }) => boolean) {
  return defineSpec({
    name: "implication",
    state: { n: t.int(0, 3), busy: t.bool() },
    init: { n: 0, busy: false },
    actions: { inc: (s) => s.n < 3 && { n: s.n + 1, busy: s.n + 1 === 2 } },
    invariants: { implication: { when, holds, message: "busy states have n = 2" } },
    deadlock: false,
  });
}

describe("implication invariants ({ when, holds })", () => {
  it("are checked only where the antecedent holds", async () => {
    const r = await check(compile(counter((s) => s.busy, (s) => s.n === 2)));
    expect(r.result).toBe("ok");
    expect(r.warnings ?? []).toEqual([]);
    const bad = await check(compile(counter((s) => s.n >= 1, (s) => s.busy)));
    if (bad.result !== "violation") throw new Error(bad.result);
    expect(bad.violation.property).toBe("implication");
    expect(bad.violation.trace.map((s) => s.state.n)).toEqual([0, 1]);
  });

  it("warn when the antecedent holds in no reachable state (the invariant is vacuous)", async () => {
    const r = await check(compile(counter((s) => s.n > 3 || (s.busy && s.n !== 2), () => false)));
    expect(r.result).toBe("ok");
    expect(r.warnings).toContainEqual(expect.objectContaining({ kind: "vacuous-property", subject: "implication" }));
  });
});
