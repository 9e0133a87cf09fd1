import { describe, expect, it } from "vitest";
import { check, compile } from "interleave-spec";
import { locked, racy } from "../../examples/bounded-buffer.ts";

/**
 * TLC's numbers come from the same algorithm in PlusCal, test/fixtures/pluscal/BoundedBuffer.tla
 * and BoundedBufferRacy.tla (N = 2, Items = 2): `java -cp tla2tools.jar pcal.trans M.tla`, then
 * `tlc2.TLC -workers 1 M` with M.cfg (INVARIANT NoFault, PROPERTY Termination, deadlock checking
 * on); TLC 2026.04.29 (rev cc6b616).
 * - BoundedBuffer: no error, 976 distinct states, 1,998 generated, depth 44.
 * - BoundedBufferRacy: NoFault violated, a 7-state trace; without the INVARIANT line (only
 *   Termination and deadlock) no error, 3,347 distinct, 6,999 generated, depth 36.
 */
describe("examples/bounded-buffer: two producers, one consumer, counting semaphores", () => {
  it("locked (the fix): every property holds, with TLC's counts", async () => {
    const result = await check(compile(locked));
    expect(result.result).toBe("ok");
    expect(result.stats).toMatchObject({ distinctStates: 976, statesGenerated: 1998, depth: 44 });
    expect(result.properties).toEqual(["noFault", "deadlock", "allDone"]);
  });

  it("racy (the seeded bug): both producers read the same `in`, and the second overwrites the first's item", async () => {
    const result = await check(compile(racy));
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    expect(result.violation.property).toBe("noFault");
    const trace = result.violation.trace;
    expect(trace.length).toBe(7); // TLC's trace has 7 states too
    expect(trace.map((s) => (s.action === null ? null : `${s.action}(${String(s.binding?.self)})`))).toEqual([
      null,
      "producer.p1(1)",
      "producer.p1(2)",
      "producer.p3(1)",
      "producer.p3(2)",
      "producer.p4(1)",
      "producer.p4(2)",
    ]);
    const last = trace[6].state;
    expect(last.fault).toBe("overwrite");
    expect(last.buf[0]).toBe(2); // producer 1's item in slot 0 is gone
    expect([last.producer[1].slot, last.producer[2].slot]).toEqual([0, 0]);
  });

  it("racy still terminates and never deadlocks: the bug loses data, not progress (TLC's counts without the invariant)", async () => {
    const result = await check(compile(racy), { properties: ["deadlock", "allDone"] });
    expect(result.result).toBe("ok");
    expect(result.stats).toMatchObject({ distinctStates: 3347, statesGenerated: 6999, depth: 36 });
  });

  it("racy needs two free slots to go wrong: with one slot, P(empty) alone serialises the producers", async () => {
    expect((await check(compile(racy, { size: 1 }))).result).toBe("ok");
    expect((await check(compile(racy, { size: 3, items: 1 }))).result).toBe("violation");
  });

  it("locked holds on the rest of the small grid", async () => {
    for (const size of [1, 2, 3]) {
      for (const items of [1, 2, 3]) {
        const result = await check(compile(locked, { size, items }));
        expect(result.result, `size=${size}, items=${items}`).toBe("ok");
      }
    }
  });
});
