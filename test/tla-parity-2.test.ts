/**
 * TLC parity for the ported TLA+ Examples P7–P10 (github:tlaplus/Examples at 32a32c7): the
 * verdict and distinct-state count must equal TLC's recorded numbers; the generated count too,
 * since these ports mirror TLA+'s branching; depth is compared and every difference explained.
 * Ground truth: /work/shared/ground-truth/tla-examples.md (the manifests' numbers).
 */
import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, type CheckResult, type Model, type Spec } from "interleave-spec";
import ewd840, { ewd840Predicates, refinesSyncTerminationDetection, syncInit } from "../examples/tla/ewd840.ts";
import alternatingBit, { refinesABCorrectness } from "../examples/tla/mc-alternating-bit.ts";
import coffeeCan, { stepProperties } from "../examples/tla/coffee-can.ts";
import tokenRing, { uniqueToken } from "../examples/tla/token-ring.ts";

/** The same spec without fairness: its liveness properties must then fail (stuttering is allowed). */
function unfair<X extends Spec<any, any>>(spec: X): X {
  return { ...spec, definition: { ...spec.definition, fairness: [] } };
}

/** The kind and property of a result's violation, or its result when there is none. */
function failure(result: CheckResult<unknown>) {
  return result.result === "violation" ? [result.violation.kind, result.violation.property] : result.result;
}

/**
 * Checks `model` and records every explored transition between stored states, returning the
 * steps (decoded) that violate `step`, and the initial states that violate `initial`.
 */
async function checkSteps<S>(
  model: Model<S>,
  step: (from: S, to: S) => boolean,
  initial: (s: S) => boolean = () => true,
) {
  const states: S[] = [];
  const initials: number[] = [];
  const edges: [number, number][] = [];
  const result = await check(model, {
    observer: {
      state(id, vector, depth) {
        states[id] = model.codec.decode(vector, 0);
        if (depth === 1) initials.push(id);
      },
      // A transition to a new state is reported before the state itself: check them at the end.
      edge: (from, to) => void edges.push([from, to]),
    },
  });
  const badInits = initials.map((id) => states[id]).filter((s) => !initial(s));
  const badSteps = edges.map(([f, t]) => [states[f], states[t]] as const).filter(([f, t]) => !step(f, t));
  return { result, badSteps, badInits, edges: edges.length };
}

describe("P7 EWD840 (N = 3)", () => {
  it("matches TLC: 302 distinct, 2,001 generated; BFS depth 9 where TLC recorded 10", async () => {
    const result = await check(compile(ewd840));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(["TypeOK", "TerminationDetection", "Inv", "Liveness"]);
    // 2,001 needs TLC's branching: InitiateProbe and PassToken are generated once per true
    // disjunct of their guards. Depth: the longest shortest path has 9 states (initial states
    // at level 1); the manifest's 10 comes from a multi-worker TLC run, which can overshoot
    // the BFS level by one.
    expect(result.stats).toMatchObject({ distinctStates: 302, statesGenerated: 2001, depth: 9 });
  });

  it("needs WF(System) for Liveness (terminated ~> terminationDetected)", async () => {
    expect(failure(await check(compile(unfair(ewd840))))).toEqual(["liveness", "Liveness"]);
  });

  it("refines SyncTerminationDetection (the safety part of the cfg's TDSpec) on every explored step", async () => {
    const model = compile(ewd840);
    const { result, badSteps, badInits, edges } = await checkSteps(model, refinesSyncTerminationDetection, syncInit);
    expect(result.result).toBe("ok");
    expect(edges).toBe(2001 - 192); // every generated successor is stored (no constraint): 192 initial states
    expect(badInits).toEqual([]);
    expect(badSteps).toEqual([]);
  });

  it("reaches terminationDetected, so its Liveness property (terminated ~> terminationDetected) is not vacuous", async () => {
    const model = compile(ewd840);
    let detected = 0;
    let terminatedUndetected = 0;
    await check(model, {
      observer: {
        state(_id, vector) {
          const s = model.codec.decode(vector, 0);
          if (ewd840Predicates.terminationDetected(s)) detected++;
          else if (ewd840Predicates.terminated(s)) terminatedUndetected++;
        },
      },
    });
    expect(detected).toBeGreaterThan(0);
    expect(terminatedUndetected).toBeGreaterThan(0);
  });

  it("with the TLC branching rule removed, fewer states are generated but the same ones reached", async () => {
    // The same spec where every guard disjunction yields its successor once.
    const model = compile(ewd840);
    const once: typeof model = {
      ...model,
      actions: model.actions.map((a) => ({
        ...a,
        next(state, emit) {
          const seen = new Set<string>();
          a.next(state, (succ, instance) => {
            const key = `${instance}:${JSON.stringify(model.codec.toJson(succ))}`;
            if (!seen.has(key)) emit(succ, instance);
            seen.add(key);
          });
        },
      })),
    };
    const result = await check(once);
    expect(result.stats.distinctStates).toBe(302);
    expect(result.stats.statesGenerated).toBeLessThan(2001);
  });
});

describe("P8 MCAlternatingBit (Data = {d1, d2}, msgQLen = ackQLen = 2)", () => {
  it("matches TLC: 240 distinct, 1,392 generated, depth 10, with the SeqConstraint", async () => {
    const result = await check(compile(alternatingBit));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(["ABTypeInv", "deadlock", "SentLeadsToRcvd(d1)", "SentLeadsToRcvd(d2)"]);
    // The 1,392 include the successors whose queue grew past the constraint: generated, not stored.
    expect(result.stats).toMatchObject({ distinctStates: 240, statesGenerated: 1392, depth: 10 });
  });

  it("needs ABFairness for SentLeadsToRcvd", async () => {
    expect(failure(await check(compile(unfair(alternatingBit))))).toEqual(["liveness", "SentLeadsToRcvd(d1)"]);
  });

  it("generates successors outside the constraint without storing them", async () => {
    const model = compile(alternatingBit);
    const queues = (s: { msgQ: readonly unknown[]; ackQ: readonly unknown[] }) => s.msgQ.length <= 2 && s.ackQ.length <= 2;
    const { result, badSteps, badInits, edges } = await checkSteps(model, (_from, to) => queues(to), queues);
    expect(result.stats.statesGenerated).toBe(1392);
    expect(badInits).toEqual([]);
    expect(badSteps).toEqual([]); // no transition reaches a stored state beyond the constraint
    const constrainedOut = 1392 - 8 - edges; // 8 initial states; edges = successors that were stored or seen
    expect(constrainedOut).toBeGreaterThan(0);
  });

  it("implements ABCorrectness (the safety part of the cfg's ABCSpec) on every explored step", async () => {
    const { result, badSteps, edges } = await checkSteps(compile(alternatingBit), refinesABCorrectness);
    expect(result.result).toBe("ok");
    expect(edges).toBeGreaterThan(240);
    expect(badSteps).toEqual([]);
  });
});

describe("P9 CoffeeCan", () => {
  it("100 beans matches TLC: 5,150 distinct, 20,002 generated, depth 1", async () => {
    const result = await check(compile(coffeeCan));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(["TypeInvariant", "deadlock", "EventuallyTerminates", "TerminationHypothesis"]);
    expect(result.stats).toMatchObject({ distinctStates: 5150, statesGenerated: 20002, depth: 1 });
  });

  it("1000 beans matches TLC: 501,500 distinct, 2,000,002 generated, depth 1", async () => {
    const result = await check(compile(coffeeCan, { MaxBeanCount: 1000 }));
    expect(result.result).toBe("ok");
    expect(result.stats).toMatchObject({ distinctStates: 501500, statesGenerated: 2000002, depth: 1 });
  });

  it("every step satisfies the cfg's action properties MonotonicDecrease and LoopInvariant", async () => {
    const model = compile(coffeeCan);
    const both = (from: Parameters<typeof stepProperties.LoopInvariant>[0], to: typeof from) =>
      stepProperties.MonotonicDecrease(from, to) && stepProperties.LoopInvariant(from, to);
    const { badSteps, edges } = await checkSteps(model, both);
    expect(edges).toBe(20002 - 5150);
    expect(badSteps).toEqual([]);
  });

  it("refutes the wrong hypothesis that the last bean is always black, and needs WF(Next) to terminate", async () => {
    const wrong = defineSpec({
      ...coffeeCan.definition,
      properties: ({ eventually }) => ({ lastIsBlack: eventually((s) => s.can.black === 1 && s.can.white === 0) }),
    });
    expect(failure(await check(compile(wrong)))).toEqual(["liveness", "lastIsBlack"]);
    expect(failure(await check(compile(unfair(coffeeCan))))).toEqual(["liveness", "EventuallyTerminates"]);
  });

  it("a can reaching one bean has a deadlock without the stuttering Termination action", async () => {
    const { termination: _t, ...picks } = coffeeCan.definition.actions!;
    const model = compile({ ...coffeeCan, definition: { ...coffeeCan.definition, actions: picks } });
    const result = await check(model);
    expect(result.result).toBe("violation");
    if (result.result === "violation") expect(result.violation.kind).toBe("deadlock");
  });
});

describe("P10 TokenRing (N = 6, M = 6)", () => {
  it("matches TLC: 46,656 distinct, 248,832 generated, depth 1", async () => {
    const result = await check(compile(tokenRing));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(["TypeOK", "Stab"]);
    expect(result.stats).toMatchObject({ distinctStates: 46656, statesGenerated: 248832, depth: 1 });
  });

  it("stabilizes (Stab == <>[]UniqueToken) only under WF(Next)", async () => {
    expect(failure(await check(compile(unfair(tokenRing))))).toEqual(["liveness", "Stab"]);
  });

  it("UniqueToken (the predicate of Stab == <>[]UniqueToken) uses TLA+'s floored %", () => {
    // c = <<0, 5, 5, 5, 5, 5>>: the token is at node 1; (0 - 1) % 6 = 5 in TLA+, -1 in JavaScript.
    expect(uniqueToken({ c: [0, 5, 5, 5, 5, 5] }, 6)).toBe(true);
    expect(uniqueToken({ c: [0, 0, 0, 0, 0, 0] }, 6)).toBe(true);
    expect(uniqueToken({ c: [0, 1, 0, 1, 0, 1] }, 6)).toBe(false);
  });

  it("rejects parameters outside the ASSUMEd N <= M + 1", () => {
    expect(() => compile(tokenRing, { N: 6, M: 3 })).toThrow(/N <= M \+ 1/);
  });
});
