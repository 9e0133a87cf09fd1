import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, exists, t, type Model } from "interleave-spec";
import { checkLevels } from "../../src/check/parallel-bfs.ts";
import { expanders } from "./in-thread-expanders.ts";
import scalable from "../../examples/scalable.ts";
import counter from "../../examples/counter.ts";

type Grid = { x: number; y: number };

/** A hand-written model: a walk on a grid with diamonds (many same-level duplicates). */
function grid(size: number, opts: { bad?: (s: Grid) => boolean; constraint?: (s: Grid) => boolean; deadlock?: boolean } = {}): Model<Grid> {
  const props: Model<Grid>["properties"][number][] = [];
  if (opts.bad) props.push({ kind: "invariant", name: "safe", holds: (s) => !opts.bad!(s) });
  if (opts.deadlock) props.push({ kind: "deadlock", name: "deadlock" });
  return {
    name: "grid",
    codec: {
      width: 2,
      encode: (s, out, off) => {
        out[off] = s.x;
        out[off + 1] = s.y;
      },
      decode: (v, off) => ({ x: v[off], y: v[off + 1] }),
      toJson: (s) => ({ x: s.x, y: s.y }),
    },
    init: (emit) => emit({ x: 0, y: 0 }),
    actions: [
      { name: "right", next: (s, emit) => s.x < size && emit({ ...s, x: s.x + 1 }, 0), bindingOf: () => null },
      { name: "up", next: (s, emit) => s.y < size && emit({ ...s, y: s.y + 1 }, 0), bindingOf: () => null },
      { name: "jump", next: (s, emit) => s.x + s.y < size && emit({ x: s.y, y: s.x }, 0), bindingOf: () => null },
    ],
    properties: props,
    ...(opts.constraint ? { constraint: opts.constraint } : {}),
  };
}

describe("checkLevels (deterministic level-synchronous parallel BFS)", () => {
  const cases: [string, () => Model<any>][] = [
    ["Scalable N=4 K=3", () => compile(scalable, { n: 4, k: 3 })],
    ["counter", () => compile(counter)],
    ["grid ok", () => grid(30)],
    ["grid invariant violation", () => grid(30, { bad: (s) => s.x === 17 && s.y === 9 })],
    ["grid deadlock", () => grid(12, { deadlock: true })],
    ["grid constraint", () => grid(30, { constraint: (s) => s.x < 20 })],
    ["grid violation outside the constraint", () => grid(30, { constraint: (s) => s.x < 20, bad: (s) => s.x === 20 && s.y === 3 })],
  ];
  it.each(cases)("%s: the same result, counts, queue and trace as check() with 1, 2 and 3 slices", async (_, make) => {
    const model = make();
    const sequential = await check(model);
    for (const n of [1, 2, 3]) {
      const parallel = await checkLevels(model, expanders(model, n));
      const { durationMs: _a, ...want } = sequential.stats;
      const { durationMs: _b, ...got } = parallel.stats;
      expect(got).toEqual(want);
      expect(parallel.result).toBe(sequential.result);
      if (sequential.result === "violation" && parallel.result === "violation") {
        expect(parallel.violation).toEqual(sequential.violation);
      }
    }
  });

  it("stops at maxDepth exactly as check() does", async () => {
    const model = grid(30);
    const sequential = await check(model, { maxDepth: 7 });
    const parallel = await checkLevels(model, expanders(model, 2), { maxDepth: 7 });
    expect(parallel.result).toBe("incomplete");
    expect({ ...parallel.stats, durationMs: 0 }).toEqual({ ...sequential.stats, durationMs: 0 });
  });
});

describe("checkLevels traces", () => {
  it("replay the violating step in the order the expanders met it, even from a state whose set was built out of canonical order", async () => {
    const spec = defineSpec({
      name: "pick",
      state: { items: t.set(t.int(1, 3)), picked: t.int(0, 3) },
      init: { items: t.set(t.int(1, 3)).of(3, 1, 2), picked: 0 }, // listed out of canonical order
      actions: { pick: (s) => s.picked === 0 && exists(s.items, (v) => ({ ...s, picked: v })) },
      invariants: { notThree: (s) => s.picked !== 3 },
      deadlock: false,
    });
    const model = compile(spec);
    const sequential = await check(model);
    const parallel = await checkLevels(model, expanders(model, 2));
    expect(parallel.result).toBe("violation");
    if (parallel.result !== "violation" || sequential.result !== "violation") return;
    expect(parallel.violation.trace.at(-1)).toMatchObject({ action: "pick", binding: { v: 3 }, state: { picked: 3 } });
    expect(parallel.violation.trace.map((s) => s.binding)).toEqual(sequential.violation.trace.map((s) => s.binding));
  });
});

describe("checkLevels stops where the sequential search stops", () => {
  // Level 1 holds x = 0 then x = 1: x = 0's successor violates the invariant, so the sequential
  // search never expands x = 1, whose action throws.
  const spec = defineSpec({
    name: "violation-before-fault",
    state: { x: t.int(0, 2) },
    init: [{ x: 0 }, { x: 1 }],
    actions: {
      step: (s) => {
        if (s.x === 1) throw new Error("never reached sequentially");
        return s.x === 0 && { x: 2 };
      },
    },
    invariants: { notTwo: (s) => s.x !== 2 },
    deadlock: false,
  });

  it.each([1, 2])("a violation met before a spec fault is reported, not the fault (%i expanders)", async (n) => {
    const model = compile(spec);
    const sequential = await check(model);
    expect(sequential.result).toBe("violation");
    const parallel = await checkLevels(model, expanders(model, n));
    expect(parallel.result).toBe("violation");
    expect({ ...parallel, stats: { ...parallel.stats, durationMs: 0 } }).toEqual({ ...sequential, stats: { ...sequential.stats, durationMs: 0 } });
  });
});
