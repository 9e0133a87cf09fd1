import type { DeadlockFreedom, Invariant, Model, Property, Sometimes, Temporal } from "../model/model.ts";
import { BitstateSet } from "../state/bitstate.ts";
import { collisionProbability, fingerprint, fp } from "../state/fingerprint.ts";
import { StateStore } from "../state/state-store.ts";
import { BehaviourGraph } from "./behaviour-lassos.ts";
import { StepBuffer } from "./behaviour-path.ts";
import type { CheckOptions } from "./check-options.ts";
import { CoverageCollector } from "./coverage.ts";
import { Judge } from "./judge.ts";
import { Outcome } from "./outcome.ts";
import { Pipeline, type PipelineSink } from "./pipeline.ts";
import { Random } from "./random.ts";
import type { CheckResult, StopReason, TraceStep, Violation, Witness } from "./result.ts";
import { shortenTrace } from "./shorten.ts";
import { rejectedTrace, settleSimulation, summary, type SimulationRun } from "./simulation-run.ts";
import { propertyThrew } from "./spec-faults.ts";

/**
 * The simulation scheduler (`strategy: "simulation"`): random behaviours from the initial
 * states, each state of a behaviour expanded through the one successor {@link Pipeline}, so
 * that every state met — the behaviour's and every successor it could have taken — is judged
 * once, as in any search: invariants on each new state (deduplicated by the visited set, exact
 * or bitstate), deadlock on each state expanded. Behaviour `k` walks by its own generator,
 * seeded by (seed, shard, k): it can be replayed alone, whatever came before.
 *
 * A step picks an enabled action at random (each weighted by the shard's preference, 1 or 8),
 * then one of its successors uniformly. A behaviour ends at `depth` states, or where no
 * successor lies inside the constraint. Then its temporal properties are judged on the
 * behaviour's graph (its states, their transitions, the states those reach): a fair lasso
 * there — a behaviour that closes a cycle on its own path, stutters where fairness allows, or
 * takes a shortcut between its states — is a real counterexample. `sometimes` properties are
 * witnessed by a state met. Nothing is ever concluded to hold: the result is a violation, or
 * `incomplete`.
 */
export async function simulate<S>(model: Model<S>, selected: readonly Property<S>[], options: CheckOptions = {}): Promise<CheckResult<S>> {
  const started = Date.now();
  const run: SimulationRun = settleSimulation(options.simulation ?? {}, model.actions.length);
  const { codec } = model;
  const width = codec.width;
  const keepGoing = options.continue ?? false;
  const invariants = selected.filter((p): p is Invariant<S> => p.kind === "invariant");
  const deadlock = selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock");
  const sometimes = selected.filter((p): p is Sometimes<S> => p.kind === "sometimes");
  const temporal = selected.filter((p): p is Temporal<S> => p.kind === "temporal");
  const live = options.live;
  const judge = new Judge(invariants, deadlock, codec, !keepGoing).watch(live);
  const outcome = new Outcome(model, judge, keepGoing);
  const bitstate = run.bitstate ? new BitstateSet(run.bitstate.bytes, run.bitstate.hashes, run.shard.index) : undefined;
  const visited = bitstate ?? new StateStore();
  const coverage = options.coverage ? new CoverageCollector(model, { sketch: true }) : undefined;
  const lassos = temporal.length > 0 ? new BehaviourGraph(width) : undefined;
  const path = new StepBuffer(width, run.depth);
  const initial = new StepBuffer(width);
  const successors = new StepBuffer(width);
  const foundIn: number[] = []; // behaviour index of each of outcome.violations
  const witnesses: Witness<S>[] = [];
  const unwitnessed = new Set(sometimes);
  const undecidedTemporal = new Set(temporal);
  let collecting = initial;
  let instance = 0;
  let from = -1; // the expanded state's id in the behaviour's graph
  let k = run.first;

  /** The behaviour so far, then the successor just collected. */
  const throughLast = (): TraceStep<S>[] => [...path.trace(model), collecting.step(model, collecting.count - 1)];
  const noteFound = (): void => {
    while (foundIn.length < outcome.violations.length) foundIn.push(k);
  };
  const collect = (vector: Int32Array, depth: number): void => {
    const hi = fp[0];
    const lo = fp[1];
    coverage?.met(hi, lo);
    let local = -1;
    if (lassos) {
      // The behaviour's graph tells states apart by their whole encoding, whatever the model's view or symmetry.
      if (model.identity) fingerprint(vector, 0, width);
      local = lassos.node(fp[0], fp[1], vector, 0, depth);
      if (from >= 0) lassos.graph.edge(from, local, pipeline.lastAction, instance);
      fp[0] = hi;
      fp[1] = lo;
    }
    collecting.push(vector, 0, pipeline.lastAction, instance, local);
  };
  const sink: PipelineSink = {
    edge(_from, _to, _action, i) {
      instance = i;
    },
    stored(_id, vector, depth, bad) {
      coverage?.stored(vector, 0, depth, pipeline.lastAction);
      collect(vector, depth);
      if (unwitnessed.size > 0) witness(codec.decode(vector, 0));
      if (bad > 0 && outcome.invariants(bad, throughLast)) pipeline.stopped = true;
      noteFound();
    },
    again(_id, vector, depth) {
      collect(vector, depth);
    },
    rejected(vector, _parent, bad) {
      if (outcome.invariants(bad, () => rejectedTrace(model, path.trace(model), vector))) pipeline.stopped = true;
      noteFound();
    },
    deadlock() {
      if (outcome.deadlock(() => path.trace(model))) pipeline.stopped = true;
      noteFound();
    },
  };
  const witness = (state: S): void => {
    for (const p of unwitnessed) {
      let holds: boolean;
      try {
        holds = p.holds(state);
      } catch (e) {
        throw propertyThrew(e, p.name, codec, state);
      }
      if (!holds) continue;
      witnesses.push({ property: p.name, trace: throughLast() });
      unwitnessed.delete(p);
    }
  };
  const pipeline: Pipeline<S> = new Pipeline(model, judge, visited, sink, live, coverage?.counts);
  live?.enter("init");
  pipeline.seed();
  live?.enter("explore");

  const weights = run.weights;
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  const verifyFirst = options.verifyFirst ?? 256;
  const progressEvery = options.progressIntervalMs ?? 3000;
  let stoppedBy: StopReason | undefined;
  let behaviours = 0;
  let steps = 0;
  let expansions = 0;
  let longest = initial.count > 0 ? 1 : 0;
  let lastYield = Date.now();
  let lastProgress = lastYield;
  let lastProgressStates = 0;
  const last = run.replay ? run.first + 1 : run.behaviours;
  for (k = run.first; k < last && !pipeline.stopped && initial.count > 0; k++) {
    const random = new Random(run.seed, run.shard.index, run.shard.count, k);
    path.clear();
    from = -1;
    const start = random.below(initial.count);
    if (lassos) {
      lassos.reset();
      fingerprint(initial.vectors, initial.offset(start), width);
      path.push(initial.vectors, initial.offset(start), -1, 0, lassos.node(fp[0], fp[1], initial.vectors, initial.offset(start), 1));
    } else path.pushFrom(initial, start);
    collecting = successors;
    for (let depth = 1; depth < run.depth; depth++) {
      successors.clear();
      from = path.id(depth - 1);
      if (lassos) lassos.expanded(from);
      pipeline.expand(path.vectors, path.offset(depth - 1), -1, depth, expansions < verifyFirst || (expansions & 1023) === 0);
      expansions++;
      if (live !== undefined) {
        // What a supervisor shows and how it stops the run (--timeout, Ctrl-C, the memory guard).
        live.publish(visited.size, pipeline.generated, last - k, longest);
        stoppedBy = live.stopRequest;
        if (stoppedBy !== undefined) break;
      }
      if (pipeline.stopped || successors.count === 0) break;
      path.pushFrom(successors, choose(successors, weights, random));
      steps++;
      if ((expansions & 255) === 0 && Date.now() >= deadline) break;
    }
    if (path.count > longest) longest = path.count;
    behaviours++;
    if (pipeline.stopped || stoppedBy !== undefined) break;
    if (lassos && undecidedTemporal.size > 0) {
      for (const v of lassos.violations(model, [...undecidedTemporal], path.id(0))) {
        outcome.violations.push(v);
        undecidedTemporal.delete(temporal.find((p) => p.name === v.property)!);
        if (!keepGoing) pipeline.stopped = true;
      }
      noteFound();
      if (pipeline.stopped) break;
    }
    const now = Date.now();
    if (now >= deadline) {
      stoppedBy = "timeout";
      break;
    }
    if (options.onProgress && now - lastProgress >= progressEvery) {
      options.onProgress({
        distinctStates: visited.size,
        statesGenerated: pipeline.generated,
        queue: last - k - 1,
        depth: longest,
        elapsedMs: now - started,
        statesPerSecond: ((visited.size - lastProgressStates) * 1000) / (now - lastProgress),
      });
      lastProgress = now;
      lastProgressStates = visited.size;
    }
    if (now - lastYield >= 50) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = Date.now();
      if (options.signal?.aborted) {
        stoppedBy = "interrupted";
        break;
      }
    }
  }
  if (!pipeline.stopped || keepGoing) outcome.stoppedBy = stoppedBy ?? "behaviours";

  live?.publish(visited.size, pipeline.generated, 0, longest);
  const stats = {
    distinctStates: visited.size,
    statesGenerated: pipeline.generated,
    depth: longest,
    durationMs: Date.now() - started,
    queue: 0,
    fingerprintCollisionProbability: collisionProbability(visited.size),
  };
  const result = outcome.result(stats, selected, pipeline.fired, coverage?.result());
  const extra = {
    simulation: summary(run, behaviours, steps, bitstate, run.replay ? { index: run.first, trace: path.trace(model) } : undefined),
    ...(witnesses.length ? { witnesses } : {}),
  };
  if (result.result !== "violation") return { ...result, ...extra };
  const violations = result.violations.map((v, i): Violation<S> => {
    const shorter = shortenTrace(model, v, run.shortenBudget);
    return { ...v, behaviour: foundIn[i] ?? run.first, ...(shorter ? { trace: shorter, shortenedFrom: v.trace.length } : {}) };
  });
  return { ...result, violation: violations[0], violations, ...extra };
}

/** Index of the successor to take: an enabled action by weight, then one of its successors uniformly. */
function choose(successors: StepBuffer, weights: Uint8Array, random: Random): number {
  let total = 0;
  for (let i = 0; i < successors.count; i++) if (i === 0 || successors.action(i) !== successors.action(i - 1)) total += weights[successors.action(i)];
  let r = random.below(total);
  let i = 0;
  for (;;) {
    const a = successors.action(i);
    let end = i + 1;
    while (end < successors.count && successors.action(end) === a) end++;
    if (r < weights[a]) return i + random.below(end - i);
    r -= weights[a];
    i = end;
  }
}
