import { describe, expect, it } from "vitest";
import { check, compile, type CheckResult, type ParamOverrides, type Spec } from "interleave-spec";
import { orderingFix, original, seedFix, upstreamFix } from "../../specs/smp-call-function-many-memory.ts";
import { original as scOriginal, seedFix as scSeed, upstreamFix as scUpstream } from "../../specs/smp-call-function-many.ts";

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

describe("specs/smp-call-function-many-memory: verdicts per memory model", () => {
  // Trace lengths in parentheses (states, initial included). Under SC the memory spec has the
  // SC spec's verdicts; its traces are longer by csd_lock's smp_mb step (and, under TSO/PSO, by drains).
  const table: [Variant, string, ParamOverrides, [string, string, string]][] = [
    ["original", "sc", { memory: "sc" }, ["violated (6)", "violated (34)", "ok"]],
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

  it("under SC has the verdicts of the SC spec written without the memory library", async () => {
    const sc = { original: scOriginal, seedFix: scSeed, upstreamFix: scUpstream } as const;
    for (const variant of ["original", "seedFix", "upstreamFix"] as const) {
      for (const property of invariants) {
        const withMemory = await verdict(variants[variant], { memory: "sc" }, property);
        const plain = await check(compile(sc[variant], {}), { properties: [property] });
        expect(withMemory.result.result, `${variant} ${property}`).toBe(plain.result);
      }
    }
  });
});

describe("specs/smp-call-function-many-memory: the PSO traces show the buffered store", () => {
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
