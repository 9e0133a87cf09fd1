import type { Model, StepContext, StepSet } from "../model/model.ts";
import type { StateGraph } from "../graph/state-graph.ts";
import { equals } from "../state/value-equals.ts";
import type { FormulaTable } from "../temporal/formula.ts";
import { enabledIn, StepMatcher } from "../temporal/step-set.ts";
import type { Letters } from "./product.ts";
import type { Adjacency } from "./scc.ts";
import { isSpecError, SpecError } from "../model/spec-error.ts";
import { showValue } from "../model/encode-error.ts";
import { propertyThrew, safeJson } from "./spec-faults.ts";

/**
 * The values of temporal atoms on an explored graph, each computed once per state (state
 * predicates, `enabled`) or once per edge (step predicates) however many properties use it.
 *
 * `enabled(A)` is TLA+'s ENABLED ⟨A⟩_v: some successor the model's actions generate from the
 * state is an ⟨A⟩_v step. Without a state constraint every generated successor of a stored state
 * is a recorded edge, so it is read off the edges; with one (`semanticEnabled`), some successors
 * were cut, and the actions are run again on each state — successors outside the constraint
 * count, as in TLC.
 */
export class AtomValues<S> {
  private readonly stateFns: { name: string; holds: (s: S) => boolean }[] = [];
  private readonly stateIndex = new Map<unknown, number>();
  private readonly enabledAtoms: { name: string; steps: StepSet<S>; selfLoops: boolean }[] = [];
  private readonly enabledIndex = new Map<unknown, number>();
  /** Per registered state predicate or enabled atom: 1 where it holds, by state id. */
  readonly masks: Uint8Array[] = [];
  private readonly enabledMasks: Uint8Array[] = [];
  private lastId = -1;
  private last: S | undefined;

  constructor(
    private readonly model: Model<S>,
    private readonly graph: StateGraph,
    readonly adjacency: Adjacency,
    private readonly semanticEnabled: boolean,
  ) {}

  /** Registers a state predicate (once per function); returns its index in {@link masks}. */
  addState(name: string, holds: (s: S) => boolean): number {
    const known = this.stateIndex.get(holds);
    if (known !== undefined) return known;
    this.stateFns.push({ name, holds });
    this.stateIndex.set(holds, this.stateFns.length - 1);
    return this.stateFns.length - 1;
  }

  /** Registers the state-level atoms of a property's formula table. */
  addTable(table: FormulaTable<S>): void {
    for (const atom of table.atoms) {
      if (atom.kind === "state") this.addState(table.property, atom.holds);
      else if (atom.kind === "enabled" && !this.enabledIndex.has(atom)) {
        this.enabledIndex.set(atom, this.enabledAtoms.length);
        this.enabledAtoms.push({ name: table.property, steps: atom.steps, selfLoops: atom.selfLoops });
      }
    }
  }

  /** Evaluates every registered state-level atom in every state (one decoding per state). */
  evaluate(): void {
    const n = this.graph.stateCount;
    for (let k = 0; k < this.stateFns.length; k++) this.masks.push(new Uint8Array(n));
    for (let id = 0; id < n && this.stateFns.length > 0; id++) {
      const s = this.decode(id);
      for (let k = 0; k < this.stateFns.length; k++) {
        let v: boolean;
        try {
          v = this.stateFns[k].holds(s);
        } catch (e) {
          throw propertyThrew(e, this.stateFns[k].name, this.model.codec, s);
        }
        if (v) this.masks[k][id] = 1;
      }
    }
    for (const atom of this.enabledAtoms) this.enabledMasks.push(this.enabledMask(atom));
  }

  /** Per state, the bits of `table`'s state-level atoms (after {@link evaluate}). */
  stateBits(table: FormulaTable<S>): Int32Array {
    const n = this.graph.stateCount;
    const bits = new Int32Array(n);
    table.atoms.forEach((atom, i) => {
      if (atom.kind !== "state" && atom.kind !== "enabled") return;
      const mask = atom.kind === "state" ? this.masks[this.stateIndex.get(atom.holds)!] : this.enabledMasks[this.enabledIndex.get(atom)!];
      const bit = 1 << table.bits[i];
      for (let s = 0; s < n; s++) if (mask[s]) bits[s] |= bit;
    });
    return bits;
  }

  /** Everything the product of `table`'s automaton with the graph reads (`stateBits` from {@link stateBits}). */
  letters(table: FormulaTable<S>, stateBits: Int32Array): Letters {
    if (table.atomCounts.step === 0) return { adjacency: this.adjacency, stateBits };
    return { adjacency: this.adjacency, stateBits, ...this.stepBits(table) };
  }

  /**
   * The step-level bits of `table` on every edge and every state's stuttering step. A step is a
   * pair of states: parallel edges (several action instances from s to t) share the union of
   * their bits, and self-loops share the stuttering step's.
   */
  private stepBits(table: FormulaTable<S>): { stepBits: Int32Array; stutterBits: Int32Array } {
    const { graph, adjacency, model } = this;
    const n = graph.stateCount;
    const stepBits = new Int32Array(graph.edgeCount);
    const stutterBits = new Int32Array(n);
    const atoms = table.atoms.flatMap((atom, i) => (atom.kind === "step" || atom.kind === "unchanged" ? [{ atom, bit: 1 << table.bits[i] }] : []));
    const ctx: { from: S; action: Model<S>["actions"][number]; instance: number } = { from: undefined as S, action: model.actions[0], instance: 0 };
    const evaluate = (from: S, to: S, same: boolean, step: StepContext<S> | undefined): number => {
      let bits = 0;
      for (const { atom, bit } of atoms) {
        let v: boolean;
        try {
          if (atom.kind === "step") v = !!atom.holds(from, to, step);
          else v = same || (atom.subscript !== undefined && equals(atom.subscript(from), atom.subscript(to)));
        } catch (e) {
          throw stepThrew(e, table.property, model.codec, from, to, step);
        }
        if (v) bits |= bit;
      }
      return bits;
    };
    const byTarget = new Map<number, number>();
    for (let s = 0; s < n; s++) {
      const from = this.decode(s);
      let stutter = evaluate(from, from, true, undefined);
      byTarget.clear();
      for (let k = adjacency.offsets[s]; k < adjacency.offsets[s + 1]; k++) {
        const e = adjacency.edges[k];
        const t = adjacency.targets[k];
        ctx.from = from;
        ctx.action = model.actions[graph.action(e)];
        ctx.instance = graph.instance(e);
        const to = t === s ? from : model.codec.decode(graph.vector(t), 0);
        const bits = evaluate(from, to, t === s, ctx);
        if (t === s) stutter |= bits;
        else byTarget.set(t, (byTarget.get(t) ?? 0) | bits);
      }
      for (let k = adjacency.offsets[s]; k < adjacency.offsets[s + 1]; k++) {
        const t = adjacency.targets[k];
        if (t !== s) stepBits[adjacency.edges[k]] = byTarget.get(t)!;
      }
      stutterBits[s] = stutter;
    }
    return { stepBits, stutterBits };
  }

  private enabledMask(atom: { name: string; steps: StepSet<S>; selfLoops: boolean }): Uint8Array {
    const { graph, adjacency, model } = this;
    const n = graph.stateCount;
    const mask = new Uint8Array(n);
    const matcher = new StepMatcher(atom.steps, model.actions, !atom.selfLoops, atom.name);
    const scratch = new Int32Array(2 * model.codec.width);
    for (let s = 0; s < n; s++) {
      try {
        if (this.semanticEnabled) {
          if (enabledIn(matcher, model.codec, this.decode(s), scratch)) mask[s] = 1;
          continue;
        }
        for (let k = adjacency.offsets[s]; k < adjacency.offsets[s + 1]; k++) {
          const e = adjacency.edges[k];
          const a = graph.action(e);
          if (matcher.actionMask[a] !== 1) continue;
          const t = adjacency.targets[k];
          const hit = matcher.plain
            ? t !== s || !matcher.requireChange
            : matcher.matches(a, graph.instance(e), this.decode(s), t === s ? this.decode(s) : model.codec.decode(graph.vector(t), 0), t !== s);
          if (hit) {
            mask[s] = 1;
            break;
          }
        }
      } catch (e) {
        throw propertyThrew(e, atom.name, model.codec, this.decode(s));
      }
    }
    return mask;
  }

  /** State `id` decoded (the last one is kept: callers go through states in order). */
  decode(id: number): S {
    if (id !== this.lastId) {
      this.last = this.model.codec.decode(this.graph.vector(id), 0);
      this.lastId = id;
    }
    return this.last as S;
  }
}

/**
 * What a step predicate threw, as a SpecError naming the property and the step: a stuttering
 * step (`t` is `s`, `step.action` null — step predicates are asked about those too) or the
 * action and the successor.
 */
function stepThrew<S>(error: unknown, property: string, codec: Model<S>["codec"], from: S, to: S, step: StepContext<S> | undefined): SpecError {
  if (isSpecError(error)) return error;
  const message = error instanceof Error ? error.message : showValue(error);
  const on = step === undefined ? "a stuttering step (t is s, step.action is null)" : `the step by action "${step.action.name}" to ${showValue(safeJson(codec, to))}`;
  return new SpecError("property-threw", `property "${property}" threw on ${on}: ${message}`, { property, state: safeJson(codec, from), cause: error });
}
