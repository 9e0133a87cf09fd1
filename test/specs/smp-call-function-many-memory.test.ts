import { describe, expect, it } from "vitest";
import { check, compile, type CheckResult, type ParamOverrides, type Spec } from "interleave-spec";
import { orderingFix, original, seedFix, upstreamFix } from "../../specs/smp-call-function-many.ts";

const variants = { original, seedFix, upstreamFix, orderingFix } as const;
type Variant = keyof typeof variants;
const invariants = ["refsImpliesOnList", "noDoubleListDel", "runsOncePerCall"] as const;

/** Checks one invariant, and notes whether any explored state had a store buffer at its bound. */
async function verdict(spec: Spec<any, any>, params: ParamOverrides, property: string) {
  const model = compile(spec, params);
  let saturated = false;
  const result = await check(model, {
    properties: [property],
    observer: { state: (_id, v) => void (saturated ||= (model.codec.decode(v, 0) as { mem?: { saturated: boolean } }).mem?.saturated === true) },
  });
  return { result, saturated };
}

const short = (r: CheckResult) => (r.result === "violation" ? `violated (${r.violation.trace.length})` : r.result);

describe("specs/smp-call-function-many with a memory parameter: verdicts per memory model", () => {
  // Trace lengths in parentheses (states, initial included). Under sc the spec is the plain one
  // (test/specs/smp-call-function-many.test.ts pins its counts); under a memory model the traces
  // are longer by the barrier steps (csd_lock's smp_mb) and, under TSO/PSO, by drains.
  const table: [Variant, string, ParamOverrides, [string, string, string]][] = [
    ["original", "sc", { memory: "sc" }, ["violated (5)", "violated (32)", "ok"]],
    ["original", "tso", { memory: "tso" }, ["violated (10)", "violated (47)", "ok"]],
    ["original", "pso", { memory: "pso" }, ["violated (10)", "violated (47)", "ok"]],
    ["seedFix", "sc", { memory: "sc" }, ["ok", "ok", "ok"]],
    ["seedFix", "tso", { memory: "tso" }, ["ok", "ok", "ok"]],
    ["seedFix", "pso", { memory: "pso" }, ["violated (13)", "ok", "ok"]],
    ["seedFix", "pso, list_add_rcu without smp_wmb", { memory: "pso", listAddWmb: false }, ["violated (11)", "ok", "violated (17)"]],
        // The ordered unlock is an smp_wmb before the release: head->next and func are ordered before refs.
    ["seedFix", "pso, no smp_wmb, ordered unlock", { memory: "pso", listAddWmb: false, unlock: "ordered" }, ["ok", "ok", "ok"]],
    ["upstreamFix", "sc", { memory: "sc" }, ["ok", "ok", "ok"]],
    ["upstreamFix", "tso", { memory: "tso" }, ["ok", "ok", "ok"]],
    ["upstreamFix", "pso", { memory: "pso" }, ["violated (12)", "ok", "ok"]],
    ["upstreamFix", "pso, list_add_rcu without smp_wmb", { memory: "pso", listAddWmb: false }, ["violated (10)", "ok", "violated (16)"]],
    ["upstreamFix", "pso, no smp_wmb, ordered unlock", { memory: "pso", listAddWmb: false, unlock: "ordered" }, ["violated (10)", "ok", "violated (16)"]],
    ["orderingFix", "sc", { memory: "sc" }, ["ok", "ok", "ok"]],
    ["orderingFix", "tso", { memory: "tso" }, ["ok", "ok", "ok"]],
    ["orderingFix", "pso", { memory: "pso" }, ["violated (14)", "ok", "ok"]],
    ["orderingFix", "pso, list_add_rcu without smp_wmb", { memory: "pso", listAddWmb: false }, ["violated (13)", "ok", "ok"]],
  ];
  it.each(table)("%s under %s", async (variant, _what, params, expected) => {
    const got: string[] = [];
    for (const property of invariants) {
      const { result, saturated } = await verdict(variants[variant], params, property);
      // A complete search that never filled a buffer explored every behaviour of the model.
      if (result.result === "ok") expect(saturated, `${property}: a store buffer reached its bound`).toBe(false);
      got.push(short(result));
    }
    expect(got).toEqual(expected);
  });

  it("under sc the memory is the spec's plain fields: no memory, no barrier or drain steps", () => {
    const model = compile(upstreamFix, { memory: "sc" });
    expect(model.actions.map((a) => a.name)).not.toContain("caller.csdLockMb");
    expect(model.actions.some((a) => a.name.startsWith("storeBuffer"))).toBe(false);
    expect(compile(upstreamFix, { memory: "pso" }).actions.map((a) => a.name)).toContain("caller.csdLockMb");
  });
});

describe("specs/smp-call-function-many with a memory parameter: the PSO traces show the buffered store", () => {
  it("e6cd1e07a185 without list_add_rcu's smp_wmb: a handler runs func while CPU 0's store to func is still buffered", async () => {
    const { result } = await verdict(upstreamFix, { memory: "pso", listAddWmb: false }, "runsOncePerCall");
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    const trace = result.violation.trace;
    const last = trace[trace.length - 1];
    expect(last.action).toBe("handler.runFunc");
    const state = last.state as any;
    // refs and cpumask (and head) are visible, func = call 1 is not: it is still in CPU 0's buffer.
    expect(state.mem.mem).toMatchObject({ func: 0, refs: 1, head: 1 });
    expect(state.mem.buf[0]).toEqual([{ loc: "func", val: 1, kind: "store" }]);
    // refs became visible before func: a drain step of CPU 0's buffer, bound to the location.
    const drains = trace.filter((s) => s.action === "storeBuffer.drain").map((s) => s.binding);
    expect(drains).toContainEqual({ self: 0, loc: "refs" });
    expect(drains).not.toContainEqual({ self: 0, loc: "func" });
  });

  it("the seed without list_add_rcu's smp_wmb: refs passes the one-way unlock and list_add's store", async () => {
    const { result } = await verdict(seedFix, { memory: "pso", listAddWmb: false }, "runsOncePerCall");
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    const state = result.violation.trace[result.violation.trace.length - 1].state as any;
    expect(state.mem.buf[0].map((e: { loc: string }) => e.loc)).toEqual(["func", "qlock"]);
  });

  it("refsImpliesOnList over memory fails under PSO for e6cd1e07a185: refs becomes visible before head->next", async () => {
    const { result } = await verdict(upstreamFix, { memory: "pso" }, "refsImpliesOnList");
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    const state = result.violation.trace[result.violation.trace.length - 1].state as any;
    expect(state.mem.mem).toMatchObject({ refs: 1, head: 0 });
    expect(state.mem.buf[0].some((e: { loc: string }) => e.loc === "head")).toBe(true);
  });
});

describe("specs/smp-call-function-many under ra (Promising-ARMv8, one promise)", () => {
  // runsOncePerCall under ra, with list_add_rcu's smp_wmb (the default): the handler's func read is
  // ordered after its cpumask read (smp_rmb) but the caller's func store is not ordered before its
  // cpumask store, so with a promise of the cpumask store a walker runs the previous call's func.
  it.each([
    ["original", 30],
    ["seedFix", 33],
    ["upstreamFix", 32],
  ] as const)("%s runs a stale func even with list_add_rcu's smp_wmb (shortest trace %i states)", async (variant, length) => {
    const { result, saturated } = await verdict(variants[variant], { memory: "ra" }, "runsOncePerCall");
    expect(short(result)).toBe(`violated (${length})`);
    expect(saturated).toBe(false);
    if (result.result !== "violation") return;
    const trace = result.violation.trace;
    // The caller promised its cpumask store before storing func; the walker read that cpumask, then an older func.
    const promise = trace.findIndex((s) => s.action === "caller.csdLockMb" && s.binding?.promise !== undefined);
    const setFunc = trace.findIndex((s, i) => i > promise && s.action === "caller.setFunc");
    expect(promise).toBeGreaterThan(0);
    expect(setFunc).toBeGreaterThan(promise);
    const last = trace[trace.length - 1];
    expect(last.action).toBe("handler.runFunc");
    expect(String(last.binding?.read)).toMatch(/^func=1 \(stale: a newer store is in memory\)$/);
  });

  it("the stale func needs the promise: promise-free, e6cd1e07a185 runs every func once", async () => {
    const { result, saturated } = await verdict(upstreamFix, { memory: "ra", promises: 0 }, "runsOncePerCall");
    expect(result.result).toBe("ok");
    expect(saturated).toBe(false);
  });

  it("45a5791920ae holds: its smp_wmb orders func/info before the cpumask", async () => {
    const { result, saturated } = await verdict(orderingFix, { memory: "ra" }, "runsOncePerCall");
    expect(result.result).toBe("ok");
    // 42,887 states: only states on a complete execution count. A cpumask promise made before
    // 45a5791920ae's smp_wmb can never be fulfilled (the barrier orders the store after func's newer
    // message), so every state after such a promise is a dead end and not a state of the model —
    // the promise-free model has exactly the same states (when dead ends were kept there were
    // 117,160, one of them reported as a deadlock).
    expect(result.stats.distinctStates).toBe(42887);
    const free = await verdict(orderingFix, { memory: "ra", promises: 0 }, "runsOncePerCall");
    expect([free.result.result, free.result.stats.distinctStates, free.result.stats.statesGenerated]).toEqual(["ok", 42887, result.stats.statesGenerated]);
    expect(saturated).toBe(false);
  });
});
