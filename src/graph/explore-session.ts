import type { Binding, Invariant, Json, Model, SourceLocation } from "../model/model.ts";

/** A step of the explored behaviour: the action taken (null for the initial state), its binding, the state reached. */
export interface SessionStep<S> {
  readonly action: string | null;
  readonly binding: Binding;
  readonly state: S;
}

/** One successor of the current state, as the explorer lists it. */
export interface Successor<S> {
  readonly action: string;
  readonly binding: Binding;
  readonly location?: SourceLocation;
  readonly state: S;
  /** Invariants the successor violates. */
  readonly violates: readonly string[];
  /** Why the successor cannot be taken: it is outside the schema (a spec fault the checker reports). */
  readonly problem?: string;
  /** Outside the spec's state constraint: the checker counts it but does not explore it. */
  readonly outsideConstraint?: boolean;
  /** The successor is the next step of the saved trace being followed. */
  readonly onSaved: boolean;
}

/** An invariant evaluated on the current state. */
export interface InvariantVerdict {
  readonly name: string;
  readonly holds: boolean;
  readonly message?: string;
  readonly location?: SourceLocation;
}

/** A step of a saved trace (a `--json` report's or an ITF file's): what to look for among successors. */
export interface SavedStep<S = unknown> {
  readonly action: string | null;
  /** Whether `state` (of the model) is this step's state. */
  readonly matches: (state: S) => boolean;
  /**
   * What the saved counterexample says of the behaviour after this step, as the text trace
   * marks it: a temporal lasso's cycle start and return, a stuttering step the formula sees
   * (`then the state repeats once`), stuttering forever. Absent for none.
   */
  readonly mark?: string;
}

/**
 * The state of an interactive exploration, as data: the behaviour built so far (a path from an
 * initial state), the position in it, and the successors of the current state. Choosing a
 * successor from an earlier position branches: the steps after it are dropped. No I/O; the
 * explorer server and tests drive it.
 */
export class ExploreSession<S> {
  private steps: SessionStep<S>[] = [];
  private position = 0;
  private saved: readonly SavedStep<S>[] = [];
  private readonly invariants: readonly Invariant<S>[];
  private readonly scratch: Int32Array;

  constructor(readonly model: Model<S>) {
    this.invariants = model.properties.filter((p): p is Invariant<S> => p.kind === "invariant");
    this.scratch = new Int32Array(model.codec.width);
  }

  /** Every initial state, in the model's order. */
  initialStates(): S[] {
    const out: S[] = [];
    this.model.init((s) => out.push(s));
    return out;
  }

  /** The behaviour so far. */
  get path(): readonly SessionStep<S>[] {
    return this.steps;
  }

  /** Index of the current step in {@link path}. */
  get at(): number {
    return this.position;
  }

  /** Starts a new behaviour at initial state `index`. */
  start(index: number): void {
    const initial = this.initialStates();
    if (!Number.isInteger(index) || index < 0 || index >= initial.length) throw new RangeError(`no initial state ${index} (there are ${initial.length})`);
    this.steps = [{ action: null, binding: null, state: initial[index] }];
    this.position = 0;
  }

  /** The successors of the current state: every action instance that is enabled, in action order. */
  successors(): Successor<S>[] {
    const current = this.steps[this.position];
    if (!current) return [];
    const nextSaved = this.followsSaved() ? this.saved[this.position + 1] : undefined;
    const out: Successor<S>[] = [];
    for (const action of this.model.actions) {
      action.next(current.state, (state, instance) => {
        const problem = this.problemOf(state);
        out.push({
          action: action.name,
          binding: action.bindingOf(instance),
          ...(action.location ? { location: action.location } : {}),
          state,
          violates: problem ? [] : this.invariants.filter((inv) => !inv.holds(state)).map((inv) => inv.name),
          ...(problem ? { problem } : {}),
          ...(!problem && this.model.constraint && !this.model.constraint(state) ? { outsideConstraint: true } : {}),
          onSaved: false,
        });
      });
    }
    const saved = nextSaved ? out.findIndex((s) => (nextSaved.action === null || s.action === nextSaved.action) && nextSaved.matches(s.state)) : -1;
    return saved < 0 ? out : out.map((s, i) => (i === saved ? { ...s, onSaved: true } : s));
  }

  /** Takes successor `index` (of {@link successors}); later steps of the path are dropped. */
  choose(index: number): void {
    const all = this.successors();
    const next = all[index];
    if (next === undefined) throw new RangeError(`no successor ${index} (there are ${all.length})`);
    if (next.problem) throw new RangeError(`successor ${index} (${next.action}) cannot be taken: ${next.problem}`);
    this.steps = [...this.steps.slice(0, this.position + 1), { action: next.action, binding: next.binding, state: next.state }];
    this.position++;
  }

  /** Moves to step `index` of the path (back, or forward again along it). */
  jump(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.steps.length) throw new RangeError(`no step ${index} (the path has ${this.steps.length})`);
    this.position = index;
  }

  /** Every invariant on the current state (a throwing invariant counts as violated, with the error as message). */
  verdicts(): InvariantVerdict[] {
    const current = this.steps[this.position];
    if (!current) return [];
    return this.invariants.map((inv) => {
      let holds: boolean;
      let message: string | undefined;
      try {
        holds = inv.holds(current.state) === true;
        if (!holds) message = inv.explain?.(current.state);
      } catch (e) {
        holds = false;
        message = `the invariant threw: ${e instanceof Error ? e.message : String(e)}`;
      }
      return { name: inv.name, holds, ...(message ? { message } : {}), ...(inv.location ? { location: inv.location } : {}) };
    });
  }

  /** Whether the current state has no successor, and whether that is allowed (terminal) or a deadlock. */
  ending(): "none" | "deadlock" | "terminal" {
    if (this.steps.length === 0 || this.successors().length > 0) return "none";
    const deadlock = this.model.properties.find((p) => p.kind === "deadlock");
    if (deadlock === undefined) return "terminal";
    return deadlock.kind === "deadlock" && deadlock.terminal?.(this.steps[this.position].state) ? "terminal" : "deadlock";
  }

  /**
   * Follows a saved trace from its first state: the path becomes the trace and the position its
   * last step. Returns how many steps were followed; when a step has no matching successor the
   * path stops before it and `diverged` names the step (the trace is not a behaviour of this
   * model with these parameters).
   */
  follow(saved: readonly SavedStep<S>[]): { readonly followed: number; readonly diverged?: number } {
    this.saved = saved;
    const initial = this.initialStates().findIndex((s) => saved[0]?.matches(s));
    if (initial < 0) {
      this.steps = [];
      this.position = 0;
      return { followed: 0, diverged: 0 };
    }
    this.start(initial);
    for (let i = 1; i < saved.length; i++) {
      const next = this.successors().findIndex((s) => s.onSaved);
      if (next < 0) return { followed: i, diverged: i };
      this.choose(next);
    }
    return { followed: saved.length };
  }

  /** The saved trace, if one is being followed. */
  get savedTrace(): readonly SavedStep<S>[] {
    return this.saved;
  }

  /** The saved trace's mark of path step `i`, when the path up to it is the saved trace's prefix. */
  savedMark(i: number): string | undefined {
    const mark = this.saved[i]?.mark;
    if (mark === undefined || i >= this.steps.length) return undefined;
    return this.steps.slice(0, i + 1).every((step, j) => this.saved[j].matches(step.state)) ? mark : undefined;
  }

  /** Whether the path up to the current step is the saved trace's prefix. */
  followsSaved(): boolean {
    if (this.position + 1 >= this.saved.length) return false;
    return this.steps.slice(0, this.position + 1).every((step, i) => this.saved[i].matches(step.state));
  }

  /** The state as plain data. */
  json(state: S): Json {
    return this.model.codec.toJson(state);
  }

  private problemOf(state: S): string | undefined {
    try {
      this.model.codec.encode(state, this.scratch, 0);
    } catch (e) {
      return `outside the schema: ${e instanceof Error ? e.message : String(e)}`;
    }
    return undefined;
  }
}
