import { describe, expect, it } from "vitest";
import { check, compile, type CheckResult, type ParamOverrides } from "interleave";
import { run, type CliIO } from "../../src/cli/main.ts";
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

describe("specs/smp-call-function-many: original (2.6.37)", () => {
  it("sets refs before the block is on the list: refsImpliesOnList fails within the first call", async () => {
    const result = await verdict("original", {});
    expect(summary(result)).toEqual({ result: "violation", property: "refsImpliesOnList", traceLength: 5, distinctStates: 10, depth: 5 });
    if (result.result !== "violation") return;
    expect(result.violation.trace.map((s) => s.action)).toEqual([null, "csdLock", "setFunc", "setCpumask", "setRefs"]);
  });

  it("lets a stale walker list_del_rcu the block before list_add_rcu: the shortest race has 32 states", async () => {
    const result = await verdict("original", {}, ["noDoubleListDel"]);
    expect(summary(result)).toEqual({ result: "violation", property: "noDoubleListDel", traceLength: 32, distinctStates: 681, depth: 32 });
    if (result.result !== "violation") return;
    const trace = result.violation.trace;
    const last = trace[trace.length - 1];
    expect(last.action).toBe("listDel");
    const state = last.state as { listFault: string; data: { onList: boolean }; caller: { pc: string; call: number } };
    expect(state.listFault).toBe("listDelOffList");
    // The caller of the second call has set refs but not yet taken the lock to list_add_rcu.
    expect(state.caller).toEqual({ pc: "lock", call: 2 });
    // The deleting walker got its pointer from a foreign IPI's walk while call 1 was on the list.
    const foreign = trace.findIndex((s) => s.action === "foreignWalk");
    expect(foreign).toBeGreaterThan(0);
    expect(trace[foreign].binding).toEqual(last.binding);
    expect(trace.slice(foreign + 1).some((s) => s.action === "csdLock")).toBe(true);
  });

  it("has no shorter race: nothing is violated when the search stops one step before", async () => {
    const result = await verdict("original", {}, ["noDoubleListDel"], 31);
    expect(result.result).toBe("incomplete");
    if (result.result === "incomplete") expect(result.stoppedBy).toBe("max-depth");
  });

  it.each([
    [{ foreignWalks: 0 }, 199, 45, "without a foreign walk every walker is a target that has not run yet"],
    [{ cpus: 2, calls: 3, foreignWalks: 3 }, 581, 58, "with 2 CPUs the only handler is the one that deletes"],
    [{ cpus: 3, calls: 3, foreignWalks: 3, minTargets: 2 }, 4556, 77, "with 3 CPUs and 2 targets per call, only one walker can go stale"],
  ] as const)("never corrupts the list with %o (%i states, depth %i): %s", async (params, states, depth, _why) => {
    const result = await verdict("original", params, ["noDoubleListDel", "runsOncePerCall", "deadlock"]);
    expect(summary(result)).toEqual({ result: "ok", property: undefined, traceLength: undefined, distinctStates: states, depth });
  });

  it.each([
    [{ cpus: 4 }, 32, 3932],
    [{ cpus: 4, calls: 3, foreignWalks: 3 }, 32, 22206],
    [{ cpus: 4, minTargets: 2, foreignWalks: 2 }, 44, 14188],
  ] as const)("corrupts the list with %o (trace of %i states, %i states explored)", async (params, traceLength, states) => {
    const result = await verdict("original", params, ["noDoubleListDel"]);
    expect(summary(result)).toEqual({ result: "violation", property: "noDoubleListDel", traceLength, distinctStates: states, depth: traceLength });
  });

  it("runs each call's function once on each target even when it corrupts the list", async () => {
    const result = await verdict("original", {}, ["runsOncePerCall", "deadlock"]);
    expect(summary(result)).toEqual({ result: "ok", property: undefined, traceLength: undefined, distinctStates: 1012, depth: 46 });
  });
});

describe.each(["seedFix", "upstreamFix"] as const)("specs/smp-call-function-many: %s", (variant) => {
  const expected = {
    seedFix: { default: [932, 46], cpus4: [6665, 52], wide: [6418, 65], empty: 10 },
    upstreamFix: { default: [964, 46], cpus4: [6761, 52], wide: [7188, 65], empty: 10 },
  }[variant];

  it.each([
    ["the defaults", {}, expected.default],
    ["4 CPUs", { cpus: 4 }, expected.cpus4],
    ["3 calls and 3 foreign walks", { calls: 3, foreignWalks: 3 }, expected.wide],
  ] as const)("holds every property for %s", async (_, params, [states, depth]) => {
    const result = await verdict(variant, params);
    expect(result.properties).toEqual(["refsImpliesOnList", "noDoubleListDel", "runsOncePerCall", "deadlock"]);
    expect(summary(result)).toEqual({ result: "ok", property: undefined, traceLength: undefined, distinctStates: states, depth });
  });

  it("still hangs in csd_lock_wait on an empty mask (fixed separately, by 723aae25d5cd)", async () => {
    const result = await verdict(variant, { minTargets: 0 });
    expect(result.result).toBe("violation");
    if (result.result !== "violation") return;
    expect(result.violation.property).toBe("deadlock");
    expect(result.violation.trace.length).toBe(expected.empty);
    const last = result.violation.trace[expected.empty - 1].state as { caller: { pc: string }; targets: ReadonlySet<number> };
    expect(last.caller.pc).toBe("csdLockWait");
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
    expect(out).toMatch(/32\. listDel {2}\(cpu = 2\)/);
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
