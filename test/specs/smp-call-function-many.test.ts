import { describe, expect, it } from "vitest";
import { check, compile, t, type CheckResult, type ParamOverrides } from "interleave-spec";
import { run, type CliIO } from "../../src/cli/main.ts";
import { StateGraph } from "../../src/graph/state-graph.ts";
import { original, seedFix, upstreamFix } from "../../specs/smp-call-function-many.ts";

const variants = { original, seedFix, upstreamFix } as const;
type Variant = keyof typeof variants;

async function verdict(variant: Variant, params: ParamOverrides, properties?: string[], maxDepth?: number) {
  return check(compile(variants[variant], params), { properties, maxDepth });
}

function summary(result: CheckResult) {
  return {
    result: result.result,
    property: result.result === "violation" ? result.violation.property : undefined,
    traceLength: result.result === "violation" ? result.violation.trace.length : undefined,
    distinctStates: result.stats.distinctStates,
    depth: result.stats.depth,
  };
}

describe("specs/smp-call-function-many: original (2.6.38)", () => {
  it("sets refs before the block is on the list: refsImpliesOnList fails within the first call", async () => {
    const result = await verdict("original", {});
    expect(summary(result)).toEqual({ result: "violation", property: "refsImpliesOnList", traceLength: 5, distinctStates: 10, depth: 5 });
    if (result.result !== "violation") return;
    expect(result.violation.trace.map((s) => s.action)).toEqual([null, "caller.csdLock", "caller.setFunc", "caller.setCpumask", "caller.setRefs"]);
  });

  // Distinct states differ from the hand-coded spec's (681 there) because the handler's local
  // `data` keeps which call's block a walker read: a walker holding call 1's pointer during call
  // 2 is a state of its own. The trace is the same 32 states (test/fixtures/specs/smp-hand-coded.ts).
  it("lets a stale walker list_del_rcu the block before list_add_rcu: the shortest race has 32 states", async () => {
    const result = await verdict("original", {}, ["noDoubleListDel"]);
    expect(summary(result)).toEqual({ result: "violation", property: "noDoubleListDel", traceLength: 32, distinctStates: 745, depth: 32 });
    if (result.result !== "violation") return;
    const trace = result.violation.trace;
    const last = trace[trace.length - 1];
    expect(last.action).toBe("handler.listDel");
    expect(last.binding).toEqual({ self: 2 });
    const state = last.state;
    expect(state.listFault).toBe("listDelOffList");
    // The caller of the second call has set refs but not yet taken the lock to list_add_rcu.
    expect(state.caller[0]).toEqual({ pc: "lock", call: 2 });
    // CPU 2 deletes with the pointer it read during call 1; the block is call 2's by now.
    expect(state.handler[2].data).toEqual({ call: 1 });
    expect(state.cfd.call).toBe(2);
    // It got that pointer in a walk started by another caller's IPI, while call 1 was on the list.
    const read = trace.findIndex((s, i) => i > 0 && s.action === "handler.interrupt" && s.binding?.self === 2);
    expect(trace[read].state.foreignLeft).toBe(trace[read - 1].state.foreignLeft - 1);
    expect(trace[read].state.cfd).toMatchObject({ call: 1, onList: true });
    expect(trace.slice(read + 1).some((s) => s.action === "caller.csdLock")).toBe(true);
  });

  it("has no shorter race: nothing is violated when the search stops one step before", async () => {
    const result = await verdict("original", {}, ["noDoubleListDel"], 31);
    expect(result.result).toBe("incomplete");
    if (result.result === "incomplete") expect(result.stoppedBy).toBe("max-depth");
  });

  // Without a foreign walk, with 2 CPUs, or with calls = 1 no walker can hold a stale pointer,
  // so the counts are the hand-coded spec's; with 3 CPUs and 3 calls they differ (4,556 there).
  it.each([
    [{ foreignWalks: 0 }, 199, 45, "without a foreign walk every walker is a target that has not run yet"],
    [{ cpus: 2, calls: 3, foreignWalks: 3 }, 581, 58, "with 2 CPUs the only handler is the one that deletes"],
    [{ cpus: 3, calls: 3, foreignWalks: 3, minTargets: 2 }, 7096, 77, "with 3 CPUs and 2 targets per call, only one walker can go stale"],
  ] as const)("never corrupts the list with %o (%i states, depth %i): %s", async (params, states, depth, _why) => {
    const result = await verdict("original", params, ["noDoubleListDel", "runsOncePerCall", "deadlock"]);
    expect(summary(result)).toEqual({ result: "ok", property: undefined, traceLength: undefined, distinctStates: states, depth });
  });

  it.each([
    [{ cpus: 4 }, 32, 4169],
    [{ cpus: 4, calls: 3, foreignWalks: 3 }, 32, 26290],
    [{ cpus: 4, minTargets: 2, foreignWalks: 2 }, 44, 19756],
  ] as const)("corrupts the list with %o (trace of %i states, %i states explored)", async (params, traceLength, states) => {
    const result = await verdict("original", params, ["noDoubleListDel"]);
    expect(summary(result)).toEqual({ result: "violation", property: "noDoubleListDel", traceLength, distinctStates: states, depth: traceLength });
  });

  it("runs each call's function once on each target even when it corrupts the list", async () => {
    const result = await verdict("original", {}, ["runsOncePerCall", "deadlock"]);
    expect(summary(result)).toEqual({ result: "ok", property: undefined, traceLength: undefined, distinctStates: 1218, depth: 46 });
  });
});

describe.each(["seedFix", "upstreamFix"] as const)("specs/smp-call-function-many: %s", (variant) => {
  // Hand-coded spec: 932/964 (defaults), 6,665/6,761 (4 CPUs), 6,418/7,188 at depth 65 (3 calls,
  // 3 foreign walks): more states here because a walker's `data` keeps the call it was read in.
  const expected = {
    seedFix: { default: [1134, 46], cpus4: [8306, 52], wide: [12430, 67], empty: 10 },
    upstreamFix: { default: [1180, 46], cpus4: [8441, 52], wide: [14412, 67], empty: 10 },
  }[variant];

  it.each([
    ["the defaults", {}, expected.default],
    ["4 CPUs", { cpus: 4 }, expected.cpus4],
    ["3 calls and 3 foreign walks", { calls: 3, foreignWalks: 3 }, expected.wide],
  ] as const)("holds every property for %s", async (_, params, [states, depth]) => {
    const result = await verdict(variant, params);
    expect(result.properties).toEqual(["refsImpliesOnList", "noDoubleListDel", "runsOncePerCall", "deadlock", "callsComplete"]);
    expect(summary(result)).toEqual({ result: "ok", property: undefined, traceLength: undefined, distinctStates: states, depth });
  });

  it("still hangs in csd_lock_wait on an empty mask (fixed separately, by 723aae25d5cd)", async () => {
    const result = await verdict(variant, { minTargets: 0 });
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    expect(result.violation.property).toBe("deadlock");
    expect(result.violation.trace.length).toBe(expected.empty);
    const last = result.violation.trace[expected.empty - 1].state;
    expect(last.caller[0].pc).toBe("csdLockWait");
    expect(last.targets.size).toBe(0);
  });
});

describe("interleave check specs/smp-call-function-many.ts", () => {
  const cli = async (...args: string[]) => {
    let out = "";
    const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (out += s), cwd: process.cwd() };
    const code = await run(["check", "specs/smp-call-function-many.ts", ...args], io);
    return { code, out };
  };

  it("prints the race and exits 1 for the original", async () => {
    const { code, out } = await cli("--spec", "original", "--check", "noDoubleListDel");
    expect(code).toBe(1);
    expect(out).toContain("invariant noDoubleListDel violated");
    expect(out).toContain("Shortest trace (32 states)");
    // Each step in the program's terms: process, label, the spec line, the kernel statement.
    expect(out).toMatch(/ {2}32\. handler\[2\] · listDel {2}\(specs\/smp-call-function-many\.ts:\d+\)\n {7}▸ smp\.c:240 {2}list_del_rcu\(&data->csd\.list\);/);
    expect(out).toMatch(/ {2}5\. caller\[0\] · setRefs {2}\(specs\/smp-call-function-many\.ts:\d+\)\n {7}▸ smp\.c:499-501 {2}smp_wmb\(\); atomic_set/);
  });

  it.each([
    ["original", "foreignWalks=0", "noDoubleListDel"],
    ["seedFix", "cpus=3", undefined],
    ["upstreamFix", "cpus=3", undefined],
    ["seedFix", "cpus=4", undefined],
    ["upstreamFix", "cpus=4", undefined],
  ] as const)("exits 0 for %s with %s", async (spec, set, property) => {
    const { code, out } = await cli("--no-typecheck", "--spec", spec, "--set", set, ...(property ? ["--check", property] : []));
    expect(code, out).toBe(0);
    expect(out).toContain("all properties hold");
  });
});

describe("specs/smp-call-function-many: every call completes (argued on the state graph)", () => {
  // A cross-check of callsComplete that needs no liveness checker: in a finite acyclic graph, a
  // behaviour that is weakly fair to the kernel's steps other than taking a foreign IPI can only
  // end by stuttering in a state where none of them is enabled. If every such state has the
  // caller done, every call completes.
  async function completion(variant: Variant, params: ParamOverrides) {
    const model = compile(variants[variant], params);
    const graph = new StateGraph(model.codec.width);
    const result = await check(model, { properties: [], observer: graph });
    expect(result.result).toBe("ok");
    const n = graph.stateCount;
    const state = (id: number) => model.codec.decode(graph.vector(id), 0);
    const foreign = (e: number) => state(graph.to(e)).foreignLeft < state(graph.from(e)).foreignLeft;
    const indegree = new Int32Array(n);
    for (let e = 0; e < graph.edgeCount; e++) indegree[graph.to(e)]++;
    const ready = [...Array(n).keys()].filter((id) => indegree[id] === 0);
    let sorted = 0;
    let stuck = 0;
    while (ready.length > 0) {
      const id = ready.pop()!;
      sorted++;
      const out = graph.outEdges(id);
      if (![...out].some((e) => !foreign(e))) {
        const s = state(id);
        if (s.caller[0].pc !== "Done" || !s.ipiPending.isEmpty() || !Object.values(s.handler).every((h: any) => h.pc === "interrupt")) stuck++;
      }
      for (const e of out) if (--indegree[graph.to(e)] === 0) ready.push(graph.to(e));
    }
    return { acyclic: sorted === n, stuck };
  }

  it.each([
    ["seedFix", {}],
    ["upstreamFix", {}],
    ["upstreamFix", { cpus: 4, calls: 3, foreignWalks: 2 }],
    ["original", {}],
  ] as const)("%s with %o: acyclic, and the caller has returned wherever only foreign IPIs could move", async (variant, params) => {
    expect(await completion(variant, params)).toEqual({ acyclic: true, stuck: 0 });
  });

  it("finds the caller stuck in csd_lock_wait after an empty mask", async () => {
    const { acyclic, stuck } = await completion("upstreamFix", { minTargets: 0 });
    expect(acyclic).toBe(true);
    expect(stuck).toBeGreaterThan(0);
  });
});

describe("specs/smp-call-function-many: runsOncePerCall", () => {
  const model = compile(upstreamFix, {});
  const invariant = model.properties.find((p) => p.name === "runsOncePerCall");
  if (invariant?.kind !== "invariant") throw new Error("runsOncePerCall is missing");
  type S = Parameters<typeof invariant.holds>[0];
  const Cpus = t.set(t.int(1, 2));
  const base: S = {
    cfd: { locked: true, call: 1, func: 1, cpumask: Cpus.empty, refs: 0, onList: false },
    queueLock: false,
    ipiPending: Cpus.empty,
    foreignLeft: 0,
    targets: Cpus.of(1),
    ran: { 1: 1, 2: 0 },
    listFault: "none",
    staleRun: false,
    caller: { 0: { pc: "csdLockWait", call: 1 } },
    handler: { 1: { pc: "interrupt", data: undefined }, 2: { pc: "interrupt", data: undefined } },
  };
  const verdict = (s: S) => (invariant.holds(s) ? "holds" : invariant.explain?.(s));

  it("holds when each target ran the current call once", () => {
    expect(verdict(base)).toBe("holds");
    expect(verdict({ ...base, caller: { 0: { pc: "Done", call: 1 } } })).toBe("holds");
  });

  it("fails for a second run, a run on a CPU that is not a target, a stale function, or an early return", () => {
    expect(verdict({ ...base, ran: { 1: 2, 2: 0 } })).toBe("CPU 1 ran call 1's function twice");
    expect(verdict({ ...base, ran: { 1: 1, 2: 1 } })).toBe("CPU 2 ran call 1's function but is not one of its targets");
    expect(verdict({ ...base, staleRun: true })).toBe("a handler ran a func/info that is not the current call's");
    expect(verdict({ ...base, caller: { 0: { pc: "Done", call: 1 } }, targets: Cpus.of(1, 2) })).toBe(
      "csd_lock_wait() returned for call 1 before every target CPU ran its function",
    );
  });
});

describe("every call eventually completes (callsComplete, under weak fairness of the kernel's steps)", () => {
  it.each([
    ["original", {}],
    ["seedFix", {}],
    ["upstreamFix", {}],
    ["seedFix", { cpus: 4 }],
    ["upstreamFix", { cpus: 4 }],
  ] as const)("holds for %s %j", async (variant, params) => {
    const r = await check(compile(variants[variant], params), { properties: ["callsComplete"] });
    expect(r.result).toBe("ok");
  });

  it("fails with a lasso when the handler CPUs are not fairly scheduled", async () => {
    // The handler's `fair: "weak"` dropped: only the caller is fair.
    const model = compile(upstreamFix);
    const unfair = { ...model, fairness: model.fairness?.filter((f) => f.actions?.every((a) => a.startsWith("caller."))) };
    expect(unfair.fairness).toHaveLength(1);
    const r = await check(unfair, { properties: ["callsComplete"] });
    expect(r.result).toBe("violation");
    if (r.result !== "violation") return;
    expect(r.violation.kind).toBe("liveness");
    // The caller is stuck waiting in csd_lock_wait() while the handlers never run.
    const last = r.violation.trace[r.violation.trace.length - 1].state;
    expect(last.caller[0].pc).toBe("csdLockWait");
    expect(r.violation.loopStart).toBeDefined();
  });

  it("fails when a call may target no CPU (minTargets = 0): csd_lock_wait() never returns", async () => {
    const r = await check(compile(upstreamFix, { minTargets: 0 }), { properties: ["callsComplete"] });
    expect(r.result).toBe("violation");
  });
});
