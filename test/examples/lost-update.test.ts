import { describe, expect, it } from "vitest";
import { check, compile } from "interleave-spec";
import lostUpdate from "../../examples/lost-update.ts";

/** The README's process example: two workers each read the counter, then write it plus one. */
describe("examples/lost-update (the README's process example)", () => {
  it("loses an update: both read 0 before either writes", async () => {
    const result = await check(compile(lostUpdate));
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    expect(result.violation.trace.map((s) => (s.action === null ? null : `${s.action}(${String(s.binding?.self)})`))).toEqual([
      null,
      "worker.read(1)",
      "worker.read(2)",
      "worker.write(1)",
      "worker.write(2)",
    ]);
    expect(result.violation.trace[4].state).toEqual({ counter: 1, worker: { 1: { pc: "Done", tmp: 0 }, 2: { pc: "Done", tmp: 0 } } });
  });

  it("holds with one worker, and all-Done is terminal (PlusCal's Terminating), not a deadlock", async () => {
    const result = await check(compile(lostUpdate, { workers: 1 }));
    expect(result.result).toBe("ok");
    expect(result.stats).toMatchObject({ distinctStates: 3, depth: 3 });
  });
});
