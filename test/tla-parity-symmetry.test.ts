/**
 * TLC parity for ported TLA+ Examples checked with SYMMETRY (github:tlaplus/Examples at
 * 32a32c7): the reduced distinct count, the generated count and the verdicts must equal TLC's
 * recorded numbers. TLC canonicalises a state as the least image under its symmetry set;
 * interleave's exact canonicalisation (least encoding over the product of the symmetric
 * groups) stores one state per orbit, which these numbers confirm.
 * Ground truth: /work/shared/ground-truth/tla-examples.md and the specs' manifest.json.
 */
import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, withActionConstraint } from "interleave-spec";
import paxos, { consistentStep } from "../examples/tla/simplified-paxos.ts";
import multiPaxos, { linearizable, terminated } from "../examples/tla/multi-paxos.ts";

describe("P13 SimplifiedFastPaxos/Paxos.cfg (4 replicas, 3 values, 3 ballots, SYMMETRY over both)", () => {
  it("matches TLC: 1,207 distinct, 13,290 generated, depth 22", async () => {
    const result = await check(compile(paxos));
    expect(result.result).toBe("ok");
    expect(result.properties).toEqual(["PaxosTypeOK", "PaxosNontriviality", "deadlock"]);
    expect(result.stats).toMatchObject({ distinctStates: 1207, statesGenerated: 13290, depth: 22 });
  });

  it("without the symmetry explores the 48,514 states whose orbits (under 4!·3! renamings) are TLC's 1,207, with the same verdicts", async () => {
    const full = await check(compile(defineSpec({ ...paxos.definition, symmetry: undefined })));
    expect(full.result).toBe("ok");
    // Same depth: symmetric states are equally far from the (symmetric) initial state.
    expect(full.stats).toMatchObject({ distinctStates: 48514, depth: 22 });
  });

  it("satisfies PaxosConsistency ([][decision = none]_decision) on every step the reduced search takes", async () => {
    let steps = 0;
    const bad: string[] = [];
    const watched = withActionConstraint(compile(paxos), (from, to, step) => {
      steps++;
      if (!consistentStep(from, to)) bad.push(`${from.decision} → ${to.decision} by ${step.action}`);
      return true;
    });
    const result = await check(watched);
    expect(result.stats.statesGenerated).toBe(13290);
    // Every successor of every explored state (13,289: the one initial state is not a step),
    // plus the steps the sampled symmetry check takes from states and their renamed images.
    expect(steps).toBeGreaterThanOrEqual(13290 - 1);
    expect(bad).toEqual([]);
  });

  it("decides a value in some reachable state, so PaxosConsistency is not vacuous", async () => {
    const decided = defineSpec({ ...paxos.definition, invariants: { undecided: (s) => s.decision === "none" } });
    const result = await check(compile(decided));
    expect(result.result === "violation" && result.violation.trace.at(-1)!.state.decision).not.toBe("none");
  });
});

describe("P14 MultiPaxos_MC_small.cfg (the count is pinned in tla-parity-large: 30 s)", () => {
  const req = (cmd: "w1" | "r1") => ({ type: "Req" as const, cmd, val: undefined });
  const ack = (cmd: "w1" | "r1", val: "nil" | "w1") => ({ type: "Ack" as const, cmd, val });

  it("Linearizability accepts histories with a linear order obeying real time and rejects the others", () => {
    expect(linearizable([req("w1"), req("r1"), ack("r1", "nil"), ack("w1", "nil")])).toBe(true); // r1 then w1
    expect(linearizable([req("w1"), ack("w1", "nil"), req("r1"), ack("r1", "w1")])).toBe(true);
    expect(linearizable([req("w1"), ack("w1", "nil"), req("r1"), ack("r1", "nil")])).toBe(false); // r1 must see w1
    expect(linearizable([req("r1"), ack("r1", "w1"), req("w1"), ack("w1", "nil")])).toBe(false); // r1 saw a later write
  });

  it("terminates in some reachable state, reducing by the replicas' symmetry (6 permutations)", async () => {
    const model = compile(defineSpec({ ...multiPaxos.definition, invariants: { running: (s) => !terminated(s) } }));
    expect(model.identity?.description).toBe('symmetry over "s1" | "s2" | "s3" (6 permutations)');
    const result = await check(model);
    expect(result.result === "violation" && result.violation.trace.at(-1)!.state.observed).toHaveLength(4);
  });
});
