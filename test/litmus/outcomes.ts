import { check, compile } from "interleave-spec";
import { isFinal, litmus, outcomeOf, showOutcome, type LitmusTest } from "../../litmus/litmus.ts";

/** What a run of a litmus test found: its final outcomes, whether the condition is reachable, and the size of the search. */
export interface Run {
  readonly outcomes: string[];
  readonly allowed: boolean;
  readonly saturated: boolean;
  readonly states: number;
  readonly deadlocks: number;
}

/** Every reachable final outcome of `test` under the given parameters (a complete search with the graph observed). */
export async function runLitmus(test: LitmusTest, params: { memory: string; unlock?: string; bound?: number; promises?: number }): Promise<Run> {
  const model = compile(litmus(test), { bound: 12, ...params });
  const outcomes = new Set<string>();
  let saturated = false;
  let deadlocks = 0;
  const result = await check(model, {
    properties: ["deadlock"],
    observer: {
      state: (_id, vector) => {
        const s = model.codec.decode(vector, 0) as Parameters<typeof isFinal>[1];
        if (s.mem.saturated) saturated = true;
        if (isFinal(test, s)) outcomes.add(showOutcome(outcomeOf(test, s)));
      },
    },
  });
  if (result.result === "violation") deadlocks++;
  else if (result.result !== "ok") throw new Error(`${test.name}: search ${result.result}`);
  const sorted = [...outcomes].sort();
  const allowed = sorted.some((o) => test.exists(Object.fromEntries(o.split(",").map((kv) => [kv.split("=")[0], Number(kv.split("=")[1])]))));
  return { outcomes: sorted, allowed, saturated, states: result.stats.distinctStates, deadlocks };
}
