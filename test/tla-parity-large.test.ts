/**
 * TLC parity for the largest ported TLA+ Examples (github:tlaplus/Examples at 32a32c7):
 * P11 MCBakery, P12 PaxosCommit and P14 MultiPaxos (with SYMMETRY). They take from half a
 * minute to minutes, so the default `vitest run` excludes this file; `npm run test:large` runs it. Verdict and distinct-state count must equal TLC's;
 * the generated count too, since both ports mirror TLA+'s branching; depth is compared.
 */
import { describe, expect, it } from "vitest";
import { check, compile } from "interleave-spec";
import bakery from "../examples/tla/mc-bakery.ts";
import paxosCommit from "../examples/tla/paxos-commit.ts";
import multiPaxos from "../examples/tla/multi-paxos.ts";

describe("P11 MCBakery (N = 2, MaxNat = 2)", () => {
  it("matches TLC: 655,200 distinct, 3,403,584 generated, depth 1 (Inv is inductive)", async () => {
    const result = await check(compile(bakery));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(["MutualExclusion", "TypeOK", "Inv"]);
    // Every state satisfying Inv is initial and Inv is inductive, so nothing new is reached: depth 1.
    expect(result.stats).toMatchObject({ distinctStates: 655200, statesGenerated: 3403584, depth: 1 });
  });
});

describe("P12 PaxosCommit (RM = {r1, r2}, 3 acceptors, Ballot = {0, 1})", () => {
  it("matches TLC: 1,321,761 distinct, 16,959,159 generated, depth 28", async () => {
    const result = await check(compile(paxosCommit));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(["PCTypeOK", "deadlock"]);
    // 16,959,159 needs TLC's branching inside Decide's and Phase2a's quantified guards.
    expect(result.stats).toMatchObject({ distinctStates: 1321761, statesGenerated: 16959159, depth: 28 });
  });

  it("PCTypeOK rejects a message carrying a field its type lacks", () => {
    const model = compile(paxosCommit);
    const typeOK = model.properties.find((p) => p.name === "PCTypeOK");
    if (typeOK?.kind !== "invariant") throw new Error("PCTypeOK is not an invariant");
    let init: (typeof model extends { init(emit: (s: infer S) => void): void } ? S : never) | undefined;
    model.init((s) => (init = s));
    const none = { ins: undefined, mbal: undefined, bal: undefined, val: undefined, acc: undefined };
    const commit = { ...none, type: "Commit" as const };
    expect(typeOK.holds({ ...init!, msgs: init!.msgs.with(commit) })).toBe(true);
    expect(typeOK.holds({ ...init!, msgs: init!.msgs.with({ ...commit, ins: "r1" }) })).toBe(false);
  });
});

describe("P14 MultiPaxos_MC_small.cfg (3 replicas, Writes = {w1}, Reads = {r1}, MaxBallot = 2, SYMMETRY over the replicas)", () => {
  it("matches TLC: 343,796 distinct, 736,012 generated, depth 28", async () => {
    const result = await check(compile(multiPaxos));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(["TypeOK", "Linearizability", "deadlock"]);
    // Linearizability (terminated => …) applies somewhere: no vacuity warning.
    expect(result.warnings).toBeUndefined();
    expect(result.stats).toMatchObject({ distinctStates: 343796, statesGenerated: 736012, depth: 28 });
  });
});
