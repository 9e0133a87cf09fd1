import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { check, type Fairness, type Model, type TemporalFormula } from "interleave-spec";

// End to end through `check` on hand-written models (no DSL): random small transition systems,
// a random temporal formula and random fairness. Judged by evaluating the formula directly on
// ultimately periodic behaviours u·v^ω, independently of the SCC reduction:
//  - a reported counterexample must be a real path whose cycle is fair and violates the formula;
//  - when the checker says "ok", no enumerated lasso (prefix ≤ 3 steps, cycle ≤ 4 steps, or
//    stuttering) may be a fair counterexample.

const ACTIONS = ["a", "b", "c"];
type Edge = readonly [from: number, to: number, action: number, instance: number];
type Op = "eventually" | "leadsTo" | "alwaysEventually" | "eventuallyAlways";

interface Case {
  n: number;
  edges: Edge[];
  fairness: Fairness[];
  op: Op;
  p: number[];
  q: number[];
}

function modelOf(c: Case): Model<number> {
  return {
    name: "random",
    codec: { width: 1, encode: (s, out, off) => void (out[off] = s), decode: (v, off) => v[off], toJson: (s) => s },
    init: (emit) => emit(0),
    actions: ACTIONS.map((name, a) => ({
      name,
      next: (s, emit) => c.edges.forEach(([f, t, act, k]) => f === s && act === a && emit(t, k)),
      bindingOf: (k) => ({ k }),
    })),
    properties: [
      {
        kind: "temporal",
        name: "prop",
        formula:
          c.op === "leadsTo"
            ? { op: "leadsTo", p: (s) => c.p.includes(s), q: (s) => c.q.includes(s) }
            : ({ op: c.op, p: (s: number) => c.p.includes(s) } as TemporalFormula<number>),
      },
    ],
    fairness: c.fairness,
  };
}

/** Does the behaviour u·v^ω (v of states; empty edges = stuttering on u's last) satisfy the formula? */
function satisfies(c: Case, u: number[], v: number[]): boolean {
  const P = (s: number) => c.p.includes(s);
  const Q = (s: number) => c.q.includes(s);
  switch (c.op) {
    case "eventually":
      return [...u, ...v].some(P);
    case "alwaysEventually":
      return v.some(P);
    case "eventuallyAlways":
      return v.every(P);
    case "leadsTo": {
      if (v.some(P) && !v.some(Q)) return false;
      return u.every((s, i) => !P(s) || u.slice(i).some(Q) || v.some(Q));
    }
  }
}

const groupCache = new WeakMap<Edge, string[]>();
function groups(c: Case, edge: Edge): string[] {
  let g = groupCache.get(edge);
  if (!g) groupCache.set(edge, (g = groupsOf(c, edge)));
  return g;
}

function groupsOf(c: Case, [f, t, a, k]: Edge): string[] {
  if (f === t) return [];
  return c.fairness.flatMap((fair, i) =>
    fair.actions === undefined || fair.actions.includes(ACTIONS[a]) ? [`${i}/${fair.perInstance ? k : "*"}`] : [],
  );
}

/** Is the cycle (states visited and edges taken infinitely often) fair? */
function fair(c: Case, states: number[], taken: Edge[]): boolean {
  const all = new Set(c.edges.flatMap((e) => groups(c, e)));
  for (const g of all) {
    if (taken.some((e) => groups(c, e).includes(g))) continue;
    const enabling = states.filter((s) => c.edges.some((e) => e[0] === s && groups(c, e).includes(g)));
    const strong = c.fairness[Number(g.split("/")[0])].kind === "strong";
    if (strong ? enabling.length > 0 : enabling.length === states.length) return false;
  }
  return true;
}

function walks(c: Case, from: number, maxLen: number, visit: (states: number[], edges: Edge[]) => void): void {
  const go = (states: number[], edges: Edge[]) => {
    visit(states, edges);
    if (edges.length === maxLen) return;
    for (const e of c.edges) if (e[0] === states[states.length - 1]) go([...states, e[1]], [...edges, e]);
  };
  go([from], []);
}

/** Some enumerated fair lasso violating the formula, if any. */
function bruteCounterexample(c: Case): string | undefined {
  const cycles = new Map<number, { v: number[]; edges: Edge[] }[]>();
  const fairCycles = (start: number) => {
    let list = cycles.get(start);
    if (list) return list;
    list = fair(c, [start], []) ? [{ v: [start], edges: [] }] : [];
    walks(c, start, 4, (cycle, edges) => {
      if (edges.length > 0 && cycle[cycle.length - 1] === start && fair(c, cycle.slice(0, -1), edges)) {
        list!.push({ v: cycle.slice(0, -1), edges });
      }
    });
    cycles.set(start, list);
    return list;
  };
  let found: string | undefined;
  walks(c, 0, 3, (prefix) => {
    if (found) return;
    const last = prefix[prefix.length - 1];
    const u = prefix.slice(0, -1);
    const hit = fairCycles(last).find(({ v }) => !satisfies(c, u, v));
    if (hit) found = `${prefix} then ${hit.v}`;
  });
  return found;
}

const arbCase: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 3 }).chain((n) => {
  const states = [...Array(n).keys()];
  return fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(2), fc.nat(1)).map((e) => e as Edge), { minLength: 2, maxLength: 5 }),
    fairness: fc.array(
      fc
        .record({
          kind: fc.constantFrom("weak" as const, "strong" as const),
          perInstance: fc.boolean(),
          actions: fc.option(fc.subarray(ACTIONS, { minLength: 1 }), { nil: undefined }),
        })
        .map(({ actions, ...f }) => (actions ? { ...f, actions } : f) as Fairness),
      { minLength: 1, maxLength: 2 },
    ),
    op: fc.constantFrom<Op>("eventually", "leadsTo", "alwaysEventually", "eventuallyAlways"),
    p: fc.subarray(states),
    q: fc.subarray(states),
  });
});

describe("check with temporal properties, against behaviours evaluated directly", () => {
  it("reports only genuine fair counterexamples, and misses none of the enumerated ones", async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        const r = await check(modelOf(c));
        if (r.result === "ok") {
          expect(bruteCounterexample(c)).toBeUndefined();
          return;
        }
        expect(r.result).toBe("violation");
        if (r.result !== "violation") return;
        const v = r.violation;
        expect(v.kind).toBe("liveness");
        const states = v.trace.map((s) => s.state);
        expect(states[0]).toBe(0);
        const edges = v.trace.slice(1).map((step, i): Edge => {
          const e = c.edges.find(
            ([f, t, a, k]) => f === states[i] && t === step.state && ACTIONS[a] === step.action && k === step.binding?.k,
          );
          expect(e).toBeDefined();
          return e!;
        });
        const k = v.loopStart!;
        if (v.stuttering) {
          expect(k).toBe(states.length - 1);
          expect(fair(c, [states[k]], [])).toBe(true);
          expect(satisfies(c, states.slice(0, k), [states[k]])).toBe(false);
        } else {
          expect(states.at(-1)).toBe(states[k]);
          const cycle = states.slice(k, -1);
          expect(fair(c, cycle, edges.slice(k))).toBe(true);
          expect(satisfies(c, states.slice(0, k), cycle)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
