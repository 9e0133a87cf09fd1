import type { Action, DeadlockFreedom, Invariant, Model, Property } from "../model/model.ts";
import { collisionProbability, fingerprint, fp } from "../state/fingerprint.ts";
import { StateStore } from "../state/state-store.ts";
import { reconstructTrace } from "../graph/trace.ts";
import { BfsQueue, type Frontier } from "./frontier.ts";
import type { CheckResult, CheckStats, Progress, StopReason, Trace, TraceStep, Violation } from "./result.ts";
import { actionThrew, firstViolated, invariantViolation, outsideSchema, propertyThrew, safeJson, satisfiesConstraint } from "./spec-faults.ts";
import { seedInitialStates } from "./initial-states.ts";
import { verifyExpansion } from "./verify.ts";
import { checkTemporal, needsGraph } from "./liveness.ts";
import { vacuityWarnings } from "./warnings.ts";
import type { LiveStatus } from "./live-status.ts";

export interface CheckOptions {
  /** Check only these properties (invariant, sometimes and temporal property names, `"deadlock"`); default all. */
  readonly properties?: readonly string[];
  /** Stop (incomplete) once this many distinct states are stored. */
  readonly maxStates?: number;
  /** Do not explore states at this depth (initial states are depth 1). */
  readonly maxDepth?: number;
  /** Stop (incomplete) after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Stop (incomplete, "interrupted") when aborted, e.g. on Ctrl-C. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
  /**
   * Re-run the actions of the first `verifyFirst` explored states (and every 1024th after) on a
   * frozen copy, to report mutation of the current state and non-deterministic actions.
   */
  readonly verifyFirst?: number;
  /** Told of every stored state and every transition between stored states (for graphs and liveness). */
  readonly observer?: ExplorationObserver;
  /**
   * Kept current after every explored state (counters, phase, the action running), and its stop
   * request obeyed there: how another thread watches and stops the search (see {@link LiveStatus}).
   */
  readonly live?: LiveStatus;
}

/**
 * Receives the explored graph as the search builds it. Ids are dense, in discovery order.
 * `vector` is only valid during the call (copy it or decode it there).
 */
export interface ExplorationObserver {
  state?(id: number, vector: Int32Array, depth: number): void;
  /** A transition by `model.actions[action]`, instance `instance`, to a new or already stored state. */
  edge?(from: number, to: number, action: number, instance: number): void;
}

/** Stored by {@link check} when it stops for a limit. */
class Stop {
  constructor(readonly reason: StopReason) {}
}

/**
 * Explores every reachable state of `model` breadth-first and checks its properties. Returns
 * the outcome as data; throws {@link SpecError} only when the spec itself is faulty.
 */
export async function check<S>(model: Model<S>, options: CheckOptions = {}): Promise<CheckResult<S>> {
  const started = Date.now();
  const selected = selectProperties(model.properties, options.properties);
  if (needsGraph(selected)) return checkTemporal(model, options, selected, check);
  const invariants = selected.filter((p): p is Invariant<S> => p.kind === "invariant");
  const deadlock = selected.find((p): p is DeadlockFreedom<S> => p.kind === "deadlock");
  const { codec, actions, constraint } = model;
  const width = codec.width;
  const store = new StateStore();
  const frontier: Frontier = new BfsQueue(width);
  const scratch = new Int32Array(width);
  const current = new Int32Array(width);
  const maxStates = options.maxStates ?? Infinity;
  const maxDepth = options.maxDepth ?? Infinity;
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  const verifyFirst = options.verifyFirst ?? 256;
  const progressEvery = options.progressIntervalMs ?? 3000;
  const observer = options.observer;

  let generated = 0;
  let depth = 0;
  let violation: Violation<S> | undefined;
  let stoppedBy: StopReason | undefined;

  // The state being expanded, shared with `emit` so that no closure is created per state.
  let fromId = -1;
  let fromDepth = 0;
  let fromState: S = undefined as S;
  let action: Action<S> = actions[0];
  let actionIndex = 0;
  let successors = 0;
  const fired = new Uint8Array(actions.length);
  // Invariants of the form `when ⇒ holds` whose antecedent has not yet been true (for vacuity).
  const unapplied = new Set(invariants.filter((inv) => inv.antecedent !== undefined));

  const violated = (state: S): Invariant<S> | undefined => firstViolated(invariants, codec, state, unapplied);

  const report = (inv: Invariant<S>, trace: Trace<S>): void => {
    violation = invariantViolation(inv, codec, trace);
  };

  const pathTo = (id: number): TraceStep<S>[] => reconstructTrace(model, store, id);

  const emit = (successor: S, instance: number): void => {
    if (violation) return;
    generated++;
    successors++;
    fired[actionIndex] = 1;
    try {
      codec.encode(successor, scratch, 0);
    } catch (e) {
      throw outsideSchema(e, { action: action.name, binding: action.bindingOf(instance), from: safeJson(codec, fromState) });
    }
    if (constraint !== undefined && !satisfiesConstraint(constraint, codec, successor)) {
      const bad = violated(successor);
      if (bad) report(bad, [...pathTo(fromId), step(successor, instance)]);
      return;
    }
    fingerprint(scratch, 0, width);
    const inserted = store.insert(fp[0], fp[1], fromId);
    if (observer?.edge) observer.edge(fromId, inserted < 0 ? -inserted - 1 : inserted, actionIndex, instance);
    if (inserted < 0) return;
    if (fromDepth + 1 > depth) depth = fromDepth + 1;
    observer?.state?.(inserted, scratch, fromDepth + 1);
    const bad = violated(successor);
    if (bad) {
      report(bad, [...pathTo(fromId), step(successor, instance)]);
      return;
    }
    frontier.push(inserted, fromDepth + 1, scratch, 0);
  };
  const step = (state: S, instance: number): TraceStep<S> => ({
    action: action.name,
    binding: action.bindingOf(instance),
    state,
  });

  const live = options.live;
  live?.enter("init");
  // Initial states: generated, deduplicated, checked, queued at depth 1.
  const seeded = seedInitialStates(model, store, violated, {
    stored: (id, vector) => {
      observer?.state?.(id, vector, 1);
      live?.publish(store.size, 0, 0, 1);
    },
    queue: (id, vector) => frontier.push(id, 1, vector, 0),
  });
  generated += seeded.generated;
  if (store.size > 0) depth = 1;
  if (seeded.violation) report(seeded.violation.invariant, [{ action: null, binding: null, state: seeded.violation.state }]);

  let expanded = 0;
  let lastYield = Date.now();
  let lastProgress = lastYield;
  let lastProgressStates = store.size;
  const stats = (): CheckStats => ({
    distinctStates: store.size,
    statesGenerated: generated,
    depth,
    durationMs: Date.now() - started,
    queue: frontier.size,
    fingerprintCollisionProbability: collisionProbability(store.size),
  });

  live?.enter("explore");
  try {
    while (!violation) {
      if (live !== undefined) {
        live.publish(store.size, generated, frontier.size, depth);
        const stop = live.stopRequest;
        if (stop !== undefined) throw new Stop(stop);
      }
      if (store.size >= maxStates && frontier.size > 0) throw new Stop("max-states");
      fromId = frontier.pop(current);
      if (fromId < 0) break;
      fromDepth = frontier.lastDepth;
      if (fromDepth >= maxDepth) {
        stoppedBy = "max-depth"; // the state is not expanded; the rest of the queue still is checked
        continue;
      }
      fromState = codec.decode(current, 0);
      if (expanded < verifyFirst || (expanded & 1023) === 0) verifyExpansion(model, current, live && ((a) => live.inAction(a)));
      expanded++;
      successors = 0;
      for (let a = 0; a < actions.length; a++) {
        action = actions[a];
        actionIndex = a;
        live?.inAction(a);
        try {
          action.next(fromState, emit);
        } catch (e) {
          throw actionThrew(e, action, codec, fromState);
        }
      }
      if (successors === 0 && deadlock && !violation && !isTerminal(deadlock, fromState)) {
        violation = {
          kind: "deadlock",
          property: "deadlock",
          message: "no action is enabled in this state",
          location: deadlock.location,
          trace: pathTo(fromId),
        };
      }
      if ((expanded & 1023) === 0) {
        const now = Date.now();
        if (now >= deadline) throw new Stop("timeout");
        if (options.onProgress && now - lastProgress >= progressEvery) {
          options.onProgress({
            distinctStates: store.size,
            statesGenerated: generated,
            queue: frontier.size,
            depth,
            elapsedMs: now - started,
            statesPerSecond: ((store.size - lastProgressStates) * 1000) / (now - lastProgress),
          });
          lastProgress = now;
          lastProgressStates = store.size;
        }
        if (now - lastYield >= 50) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = Date.now();
          if (options.signal?.aborted) throw new Stop("interrupted");
        }
      }
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    stoppedBy = e.reason;
  }

  live?.publish(store.size, generated, frontier.size, depth);
  const properties = selected.map((p) => p.name);
  if (violation) return { result: "violation", violation, stats: stats(), properties };
  if (stoppedBy) return { result: "incomplete", stoppedBy, stats: stats(), properties };
  const warnings = vacuityWarnings(model, fired, [...unapplied]);
  return { result: "ok", stats: stats(), properties, ...(warnings.length ? { warnings } : {}) };

  function isTerminal(property: DeadlockFreedom<S>, state: S): boolean {
    try {
      return property.terminal?.(state) ?? false;
    } catch (e) {
      throw propertyThrew(e, "deadlock (terminal)", codec, state);
    }
  }
}

/** The properties named in `names` (all when undefined); throws RangeError for an unknown name. */
export function selectProperties<S>(properties: readonly Property<S>[], names?: readonly string[]): Property<S>[] {
  if (names === undefined) return [...properties];
  const known = new Map(properties.map((p) => [p.name, p]));
  return names.map((name) => {
    const p = known.get(name);
    if (!p) {
      throw new RangeError(
        `unknown property "${name}"; this spec has ${[...known.keys()].map((k) => `"${k}"`).join(", ") || "none"}`,
      );
    }
    return p;
  });
}
