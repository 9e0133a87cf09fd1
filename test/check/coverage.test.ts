import { describe, expect, it } from "vitest";
import { check, compile, parsePath, StateGraph, type Json, type Model } from "interleave-spec";
import counter from "../../examples/counter.ts";
import dieHard from "../../examples/tla/die-hard.ts";
import { original } from "../../specs/smp-call-function-many.ts";
import { symmetricMutex } from "../fixtures/specs/laws.ts";
import { graphModel } from "../fixtures/graph-model.ts";
import { manyBugs } from "../fixtures/specs/laws.ts";
import { checkLevels } from "../../src/check/parallel-bfs.ts";
import { expanders } from "./in-thread-expanders.ts";

/** Coverage recomputed from the recorded graph of a complete search without constraint: the reference. */
function expectedCoverage(model: Model<unknown>, graph: StateGraph) {
  const actions = model.actions.map(() => ({ enabled: new Set<number>(), fired: 0, discovered: 0 }));
  const reached = new Set<number>();
  for (let id = 0; id < graph.stateCount && graph.depth(id) === 1; id++) reached.add(id);
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = actions[graph.action(e)];
    a.enabled.add(graph.from(e));
    a.fired++;
    if (!reached.has(graph.to(e))) {
      reached.add(graph.to(e));
      a.discovered++;
    }
  }
  const depths: number[] = [];
  const values = new Map<string, Set<string>>();
  for (let id = 0; id < graph.stateCount; id++) {
    depths[graph.depth(id) - 1] = (depths[graph.depth(id) - 1] ?? 0) + 1;
    const state = model.codec.toJson(model.codec.decode(graph.vector(id), 0));
    for (const f of model.codec.fields ?? []) {
      const set = values.get(f.path) ?? new Set<string>();
      set.add(JSON.stringify(at(state, f.path)));
      values.set(f.path, set);
    }
  }
  return {
    actions: model.actions.map((action, i) => ({ action: action.name, enabled: actions[i].enabled.size, fired: actions[i].fired, discovered: actions[i].discovered })),
    depths,
    fields: (model.codec.fields ?? []).map((f) => ({ path: f.path, distinct: values.get(f.path)?.size ?? 0 })),
  };
}

/** The value at a field path (`pc.p`, `handler[1].pc`) of a JSON state. */
function at(state: Json, path: string): Json {
  return parsePath(path).reduce<Json>((v, k) => (v as { [k: string]: Json })[k], state);
}

describe("coverage of a complete search", () => {
  it.each<[string, Model<any>]>([
    ["counter", compile(counter, { max: 4 })],
    ["DieHard", compile(dieHard)],
    ["the flagship's original ordering", compile(original)],
    ["a hand-written model (no field list)", graphModel({ nodes: 4, initial: [0, 3], edges: [[0, 1, "a"], [1, 2, "b"], [0, 2, "a"], [2, 0, "c"], [2, 2, "b"], [3, 2, "c"]] })],
  ])("%s: per action, depth and field, as the recorded graph says", async (_name, model) => {
    const graph = new StateGraph(model.codec.width);
    await check(model, { observer: graph, properties: [] });
    const result = await check(model, { coverage: true, properties: [] });
    expect(result.result).toBe("ok");
    const coverage = result.coverage!;
    const expected = expectedCoverage(model as Model<unknown>, graph);
    expect(coverage.actions).toEqual(expected.actions);
    expect(coverage.depths).toEqual(expected.depths);
    expect(coverage.fields.map(({ path, distinct }) => ({ path, distinct }))).toEqual(expected.fields);
    expect(coverage.depths.reduce((a, b) => a + b, 0)).toBe(result.stats.distinctStates);
    expect(coverage.actions.reduce((n, a) => n + a.fired, 0)).toBe(result.stats.statesGenerated - (coverage.depths[0] ?? 0));
  });

  it("lists every state variable and then its parts while a level fits, with each domain's size", () => {
    const fields = compile(symmetricMutex).codec.fields!;
    expect(fields.map((f) => [f.path, f.size])).toEqual([
      ["pc", 27],
      ["lock", 4],
      ["waited", 4],
      ["pc.p", 3],
      ["pc.q", 3],
      ["pc.r", 3],
    ]);
  });

  it("is absent unless asked for", async () => {
    expect((await check(compile(counter))).coverage).toBeUndefined();
  });
});

describe("coverage of the level-parallel search", () => {
  it.each([
    ["the flagship's original ordering, stopping at its violation", () => compile(original), false],
    ["several violations, a constraint and a deadlock, going on after each", () => compile(manyBugs), true],
    ["several violations, stopping at the first", () => compile(manyBugs), false],
    ["DieHard, stopping at its violation", () => compile(dieHard), false],
  ])("%s: the same as one thread's, whatever the slices", async (_name, build, keepGoing) => {
    const model = build() as Model<unknown>;
    const one = await check(model, { coverage: true, continue: keepGoing });
    for (const n of [2, 3]) {
      const many = await checkLevels(model, expanders(model, n), { coverage: true, continue: keepGoing });
      expect(many.coverage).toEqual(one.coverage);
      expect(many.stats.statesGenerated).toBe(one.stats.statesGenerated);
    }
  });
});
