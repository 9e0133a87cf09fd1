import type { Action, Model, StepContext } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { fingerprint, fp, mix1, mix2 } from "../state/fingerprint.ts";
import type { ActionCounts } from "./coverage.ts";
import type { Judge } from "./judge.ts";
import type { LiveStatus } from "./live-status.ts";
import { actionThrew, initThrew, outsideSchema, propertyThrew, safeJson } from "./spec-faults.ts";
import { verifyExpansion } from "./verify.ts";
import { verifyIdentity } from "./verify-identity.ts";

/**
 * Where the pipeline deduplicates states: the visited set of a search, or a worker thread's
 * read-only view of it.
 */
export interface Visited {
  /**
   * Adds the state with fingerprint `(hi, lo)`, reached from `parent` (-1 for an initial state).
   * Returns its new id, or `-(id) - 1` when it is already known (`-1` when its id is not known here).
   */
  insert(hi: number, lo: number, parent: number): number;
}

/**
 * What the pipeline finds, told in the order a sequential search meets it. Vectors are valid
 * only during the call. A sink stops the search by setting {@link Pipeline.stopped}.
 */
export interface PipelineSink {
  /**
   * A state new to the visited set (`id` as `Visited.insert` returned it), at `depth` (initial
   * states are at depth 1), violating `bad` invariants: `judge.violated[0 .. bad)`.
   */
  stored(id: number, vector: Int32Array, depth: number, bad: number): void;
  /**
   * A generated state outside the constraint (never stored) that violates `bad > 0`
   * invariants; `parent` is -1 for an initial state.
   */
  rejected(vector: Int32Array, parent: number, bad: number): void;
  /** State `id` (encoded in `vector`) has no successor and deadlock freedom is to be reported there. */
  deadlock(id: number, vector: Int32Array): void;
  /** A transition between stored states, new or not (only for graph observers). */
  edge?(from: number, to: number, action: number, instance: number): void;
  /** A successor already stored (as `id`, when known) met again at `depth` from `parent`. */
  again?(id: number, vector: Int32Array, depth: number, parent: number): void;
}

/** The step context handed to constraints, one object reused for every successor. */
class Step<S> implements StepContext<S> {
  from: S = undefined as S;
  action: Action<S> = undefined as unknown as Action<S>;
  instance = 0;
}

/**
 * The one successor pipeline: every search — breadth-first, depth-first, the worker threads of
 * the parallel search — turns states into successors and judges them here, and only here.
 *
 * For each initial state and each successor an action emits: count it as generated (TLC's
 * rule: duplicates included), encode it (a value outside the schema is a spec fault), apply
 * the model's constraint (outside it: judge the invariants, do not store), identify it (the
 * fingerprint of its encoding, or of its key under a view or symmetry), deduplicate it, and
 * judge a new state's invariants — on the state as stored, the decoding of its encoding, not
 * on the object the action returned (a `Set` of records may hold two equal records; the
 * stored state holds one). After every action of a state: deadlock, unless it is terminal.
 * Which actions ever fired and which antecedents ever held are kept for the vacuity report.
 *
 * Decoding costs one object per judged state, so it is done only when something is judged:
 * a known state is recognised by its fingerprint before anything is decoded.
 */
export class Pipeline<S> {
  /** States generated so far (initial states included, as TLC counts them). */
  generated = 0;
  /** Set by the sink to stop: later states and successors are then ignored, not even counted. */
  stopped = false;
  /** `fired[a]` is 1 once action `a` produced a successor. */
  readonly fired: Uint8Array;
  /** The state being built: between successors, the encoding of the state being expanded. */
  private readonly scratch: Int32Array;
  /** The encoding of the state being expanded, and its fingerprint lanes (without an identity). */
  private readonly parent: Int32Array;
  private parentHi = 0;
  private parentLo = 0;
  /** Slots in which the successor being admitted differs from `parent`. */
  private readonly changed: Int32Array;
  private readonly step = new Step<S>();
  private fromId = -1;
  private depth = 1;
  private actionIndex = 0;
  private successors = 0;
  private readonly constraintLabel: number;

  /** `live`, if given, is told which action runs (what a supervisor names when the spec's code does not return). */
  constructor(
    private readonly model: Model<S>,
    private readonly judge: Judge<S>,
    private readonly visited: Visited,
    private readonly sink: PipelineSink,
    private readonly live?: LiveStatus,
    /** Per-action coverage counts to keep (enabled, fired); none when coverage is not asked for. */
    private readonly counts?: ActionCounts,
  ) {
    this.fired = new Uint8Array(model.actions.length);
    this.constraintLabel = live && model.constraint ? live.label("the constraint") : 0;
    this.scratch = new Int32Array(model.codec.width);
    this.parent = new Int32Array(model.codec.width);
    this.changed = new Int32Array(model.codec.width);
  }

  /** Takes the initial states (a throwing init is an `init-threw` fault). */
  seed(): void {
    const { codec } = this.model;
    this.fromId = -1;
    this.depth = 1;
    this.actionIndex = -1;
    let ours: unknown; // what the pipeline (not the spec's init) threw, passed through init unchanged
    try {
      this.model.init((state) => {
        if (this.stopped) return;
        this.generated++;
        try {
          codec.encode(state, this.scratch, 0);
        } catch (e) {
          throw (ours = outsideSchema(e, {}));
        }
        try {
          this.admit(undefined, 0, false);
        } catch (e) {
          throw (ours = e);
        }
      });
    } catch (e) {
      if (e === ours || e instanceof SpecError) throw e;
      throw initThrew(e);
    }
  }

  /**
   * Expands the state encoded at `vector[offset ..]`, stored as `id` at `depth`. With `verify`,
   * its actions are first re-run on frozen and plain copies to catch mutation and nondeterminism.
   */
  expand(vector: Int32Array, offset: number, id: number, depth: number, verify: boolean): void {
    const { codec, actions } = this.model;
    const from = codec.decode(vector, offset);
    if (verify) {
      const own = vector.subarray(offset, offset + codec.width);
      verifyExpansion(this.model, own, this.live && ((a) => this.live!.inAction(a)));
      verifyIdentity(this.model, this.judge, own);
    }
    this.fromId = id;
    this.depth = depth + 1;
    this.successors = 0;
    const { parent, scratch } = this;
    for (let i = 0; i < parent.length; i++) scratch[i] = parent[i] = vector[offset + i];
    if (this.model.identity === undefined) {
      fingerprint(parent, 0, parent.length);
      this.parentHi = fp[0] | 0;
      this.parentLo = fp[1] | 0;
    }
    const step = this.step;
    step.from = from;
    for (let a = 0; a < actions.length && !this.stopped; a++) {
      const action = actions[a];
      this.actionIndex = a;
      this.live?.inAction(a);
      step.action = action;
      const before = this.successors;
      try {
        action.next(from, this.emit);
      } catch (e) {
        throw actionThrew(e, action, codec, from);
      }
      if (this.counts !== undefined && this.successors > before) {
        this.counts.enabled[a]++;
        this.counts.fired[a] += this.successors - before;
      }
    }
    if (this.successors === 0 && !this.stopped && this.judge.deadlocked(from)) this.sink.deadlock(id, vector.subarray(offset));
  }

  /**
   * A successor: encoded into `scratch` over its parent's encoding (with the codec's
   * `encodeSuccessor`, only the parts that are not the parent's own objects), its fingerprint
   * updated from the parent's for the slots that changed, then admitted; `scratch` is then
   * restored to the parent's encoding for the next successor.
   */
  /**
   * The action (its index) and the instance of the successor being admitted: valid in the sink's
   * calls for a successor; the action is -1 while the initial states are taken.
   */
  get lastAction(): number {
    return this.actionIndex;
  }

  get lastInstance(): number {
    return this.step.instance;
  }

  private readonly emit = (successor: S, instance: number): void => {
    if (this.stopped) return;
    this.generated++;
    this.successors++;
    this.fired[this.actionIndex] = 1;
    const { codec } = this.model;
    const { scratch, parent, changed } = this;
    try {
      if (codec.encodeSuccessor !== undefined) codec.encodeSuccessor(successor, this.step.from, scratch, 0);
      else codec.encode(successor, scratch, 0);
    } catch (e) {
      const { action, from } = this.step;
      throw outsideSchema(e, { action: action.name, binding: action.bindingOf(instance), from: safeJson(codec, from) });
    }
    let hi = this.parentHi;
    let lo = this.parentLo;
    let n = 0;
    for (let i = 0; i < scratch.length; i++) {
      const now = scratch[i];
      const was = parent[i];
      if (now !== was) {
        hi ^= mix1(i, was) ^ mix1(i, now);
        lo ^= mix2(i, was) ^ mix2(i, now);
        changed[n++] = i;
      }
    }
    fp[0] = hi;
    fp[1] = lo;
    this.step.instance = instance;
    this.admit(this.step, instance, true);
    for (let k = 0; k < n; k++) scratch[changed[k]] = parent[changed[k]];
  };

  /**
   * The encoded state in `scratch`, generated by `step` (undefined: an initial state). With
   * `fingerprinted`, `fp` holds the fingerprint of `scratch` already (unused under an identity).
   */
  private admit(step: Step<S> | undefined, instance: number, fingerprinted: boolean): void {
    const { model, judge, scratch, sink } = this;
    const { codec, constraint, identity } = model;
    const parent = this.fromId;
    let state: S | undefined;
    if (constraint !== undefined) {
      state = codec.decode(scratch, 0);
      let inModel: boolean;
      this.live?.inside(this.constraintLabel);
      try {
        inModel = constraint(state, step);
      } catch (e) {
        throw propertyThrew(e, "constraint", codec, state);
      }
      this.live?.inside(0);
      if (!inModel) {
        // Not stored, but judged: TLC checks the invariants of every generated state it does not
        // already know, in the model or not.
        const bad = judge.judging ? judge.violations(state) : 0;
        if (bad > 0) sink.rejected(scratch, parent, bad);
        return;
      }
    }
    if (identity === undefined) {
      if (!fingerprinted) fingerprint(scratch, 0, scratch.length);
    } else {
      const key = identity.key(scratch, 0);
      fingerprint(key, 0, key.length);
    }
    const id = this.visited.insert(fp[0], fp[1], parent);
    if (sink.edge !== undefined && step !== undefined) sink.edge(parent, id < 0 ? -id - 1 : id, this.actionIndex, instance);
    if (id < 0) {
      sink.again?.(-id - 1, scratch, this.depth, parent);
      return;
    }
    let bad = 0;
    if (judge.judging) bad = judge.violations(state ?? codec.decode(scratch, 0));
    sink.stored(id, scratch, this.depth, bad);
  }
}
