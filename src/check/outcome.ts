import type { Model, Property } from "../model/model.ts";
import type { Coverage } from "./coverage.ts";
import type { Judge } from "./judge.ts";
import type { CheckResult, CheckStats, StopReason, Trace, Violation } from "./result.ts";
import { invariantViolation } from "./spec-faults.ts";
import { vacuityWarnings } from "./warnings.ts";

/**
 * The verdicts a search has reached so far, shared by every scheduler. Without `keepGoing` the
 * first violation ends the search; with it (`check --continue`), each violated property is
 * recorded once — at its first violation, so with breadth-first search its trace is a shortest
 * one — set aside, and the search goes on for the others.
 */
export class Outcome<S> {
  readonly violations: Violation<S>[] = [];
  stoppedBy?: StopReason;

  constructor(
    private readonly model: Model<S>,
    private readonly judge: Judge<S>,
    private readonly keepGoing: boolean,
  ) {}

  /**
   * A state violating the invariants `judge.violated[0 .. bad)`, reached by `trace()` (built
   * once, only if some of them are still undecided). Returns true when the search must stop.
   */
  invariants(bad: number, trace: () => Trace<S>): boolean {
    const { judge } = this;
    let path: Trace<S> | undefined;
    for (let k = 0; k < bad; k++) {
      const i = judge.violated[k];
      if (!judge.active[i]) continue; // decided earlier (a worker thread judged with an older view)
      path ??= trace();
      this.violations.push(invariantViolation(judge.invariants[i], this.model.codec, path));
      judge.decide(i);
    }
    return path !== undefined && !this.keepGoing;
  }

  /** A reachable state without successors that is not terminal. Returns true when the search must stop. */
  deadlock(trace: () => Trace<S>): boolean {
    const index = this.judge.invariants.length;
    if (!this.judge.active[index]) return false;
    this.violations.push({
      kind: "deadlock",
      property: "deadlock",
      message: "no action is enabled in this state",
      location: this.judge.deadlock?.location,
      trace: trace(),
    });
    this.judge.decide(index);
    return !this.keepGoing;
  }

  /**
   * The result of the search: violations first (the first one found is `violation`), then a
   * limit, else every property holds. The vacuity report (`fired[a]`: action a produced a
   * successor) comes with every search that ran to its end; `coverage`, when collected, with every search.
   */
  result(stats: CheckStats, properties: readonly Property<S>[], fired: Uint8Array, coverage?: Coverage): CheckResult<S> {
    const names = properties.map((p) => p.name);
    const complete = this.stoppedBy === undefined && (this.violations.length === 0 || this.keepGoing);
    const warnings = complete ? vacuityWarnings(this.model, fired, this.judge.unapplied()) : [];
    const extra = { ...(warnings.length ? { warnings } : {}), ...(coverage ? { coverage } : {}) };
    if (this.violations.length > 0) {
      return {
        result: "violation",
        violation: this.violations[0],
        violations: [...this.violations],
        stats,
        properties: names,
        ...(this.keepGoing && this.stoppedBy ? { stoppedBy: this.stoppedBy } : {}),
        ...extra,
      };
    }
    if (this.stoppedBy) return { result: "incomplete", stoppedBy: this.stoppedBy, stats, properties: names, ...(coverage ? { coverage } : {}) };
    return { result: "ok", stats, properties: names, ...extra };
  }
}
