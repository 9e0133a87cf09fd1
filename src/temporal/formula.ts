import type { StepContext, StepSet, TemporalFormula } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { renderFormula } from "./render.ts";

/**
 * An atom of a temporal formula. State-level atoms (`state`, `enabled`) are judged in a state;
 * step-level atoms (`step`, `unchanged`) on a step — a pair of states and the action that
 * produced it, or a stuttering step.
 */
export type Atom<S> =
  | { readonly kind: "state"; holds(state: S): boolean; readonly label: string }
  | { readonly kind: "step"; holds(from: S, to: S, step: StepContext<S> | undefined): boolean; readonly label: string }
  | { readonly kind: "unchanged"; subscript?(state: S): unknown; readonly label: string }
  | { readonly kind: "enabled"; readonly steps: StepSet<S>; readonly selfLoops: boolean; readonly label: string };

/** A node of a formula in negation normal form: literals, ∧, ∨, □, ◇ (no negation above an atom). */
export type FormulaNode =
  | { readonly k: "const"; readonly value: boolean }
  | { readonly k: "lit"; readonly atom: number; readonly neg: boolean }
  | { readonly k: "and" | "or"; readonly args: readonly number[] }
  | { readonly k: "always" | "eventually"; readonly arg: number };

/** At most this many atoms of each level in one property: their values are bits of an int32. */
export const MAX_ATOMS = 32;

/**
 * The formulas of one temporal property in negation normal form, hash-consed: structurally
 * equal nodes share one id, and the atoms (the formula's predicates, by identity) are numbered
 * per level — state-level atoms by `bit` in a state's bit set, step-level ones in a step's.
 *
 * Nodes are simplified as they are built: ∧/∨ are flattened, deduplicated and folded with
 * constants and complementary literals; □□x = □x, ◇◇x = ◇x, □◇□x = ◇□x, ◇□◇x = □◇x.
 */
export class FormulaTable<S> {
  readonly nodes: FormulaNode[] = [];
  readonly atoms: Atom<S>[] = [];
  /** Per atom: its bit within its level's bit set. */
  readonly bits: number[] = [];
  /** Per atom: true for step-level atoms. */
  readonly stepLevel: boolean[] = [];
  private readonly keys = new Map<string, number>();
  private readonly atomIds = new Map<unknown, number>();
  private stateAtoms = 0;
  private stepAtoms = 0;
  private readonly stateLevelMemo: (boolean | undefined)[] = [];

  /** @param property the property's name, for error messages. */
  constructor(readonly property: string) {}

  /** Number of state-level and step-level atoms. */
  get atomCounts(): { readonly state: number; readonly step: number } {
    return { state: this.stateAtoms, step: this.stepAtoms };
  }

  constant(value: boolean): number {
    return this.intern({ k: "const", value });
  }

  literal(atom: number, neg: boolean): number {
    return this.intern({ k: "lit", atom, neg });
  }

  and(args: readonly number[]): number {
    return this.junction("and", args);
  }

  or(args: readonly number[]): number {
    return this.junction("or", args);
  }

  always(arg: number): number {
    const n = this.nodes[arg];
    if (n.k === "const" || n.k === "always") return arg;
    if (n.k === "eventually" && this.nodes[n.arg].k === "always") return arg; // □◇□x = ◇□x
    return this.intern({ k: "always", arg });
  }

  eventually(arg: number): number {
    const n = this.nodes[arg];
    if (n.k === "const" || n.k === "eventually") return arg;
    if (n.k === "always" && this.nodes[n.arg].k === "eventually") return arg; // ◇□◇x = □◇x
    return this.intern({ k: "eventually", arg });
  }

  /**
   * The negation normal form of `f` (of ¬f when `negate`), its atoms registered. Throws an
   * `invalid-spec` SpecError naming the property and the sub-formula for a malformed node.
   */
  nnf(f: TemporalFormula<S>, negate: boolean, path = "formula"): number {
    if (typeof f !== "object" || f === null || typeof (f as { op?: unknown }).op !== "string") {
      throw this.malformed(path, f, "is not a temporal formula");
    }
    const pos = !negate;
    switch (f.op) {
      case "state":
      case "step":
      case "unchanged":
      case "enabled":
        return this.literal(this.atom(f, path), negate);
      case "not":
        return this.nnf(f.arg, !negate, `${path}.arg`);
      case "and":
      case "or": {
        if (!Array.isArray(f.args)) throw this.malformed(path, f, "needs args, an array of formulas");
        const args = f.args.map((a, i) => this.nnf(a, negate, `${path}.args[${i}]`));
        return (f.op === "and") === pos ? this.and(args) : this.or(args);
      }
      case "implies": {
        const [a, b] = this.pair(f, path);
        return pos ? this.or([this.nnf(a, true, `${path}.args[0]`), this.nnf(b, false, `${path}.args[1]`)]) : this.and([this.nnf(a, false, `${path}.args[0]`), this.nnf(b, true, `${path}.args[1]`)]);
      }
      case "always":
      case "eventually": {
        const arg = "p" in f ? this.statePredicate(f.p, path) : this.nnf(f.arg, negate, `${path}.arg`);
        const inner = "p" in f && negate ? this.negateNnf(arg) : arg;
        return (f.op === "always") === pos ? this.always(inner) : this.eventually(inner);
      }
      case "leadsTo": {
        // p ⤳ q ≡ □(¬p ∨ ◇q); its negation ◇(p ∧ □¬q)
        const [p, q] = "p" in f ? [this.statePredicate(f.p, path), this.statePredicate(f.q, path)] : this.pair(f, path).map((x, i) => this.nnf(x, false, `${path}.args[${i}]`));
        return pos
          ? this.always(this.or([this.negateNnf(p), this.eventually(q)]))
          : this.eventually(this.and([p, this.always(this.negateNnf(q))]));
      }
      case "alwaysEventually":
      case "eventuallyAlways": {
        const p = this.statePredicate(f.p, path);
        const inner = negate ? this.negateNnf(p) : p;
        return (f.op === "alwaysEventually") === pos ? this.always(this.eventually(inner)) : this.eventually(this.always(inner));
      }
      default:
        throw this.malformed(path, f, `has an unknown operator "${String((f as { op: unknown }).op)}"`);
    }
  }

  /** True when `id` has no temporal operator and no step-level atom: it is judged in one state. */
  isStateLevel(id: number): boolean {
    const memo = this.stateLevelMemo[id];
    if (memo !== undefined) return memo;
    const n = this.nodes[id];
    let v: boolean;
    switch (n.k) {
      case "const":
        v = true;
        break;
      case "lit":
        v = !this.stepLevel[n.atom];
        break;
      case "and":
      case "or":
        v = n.args.every((a) => this.isStateLevel(a));
        break;
      case "always":
      case "eventually":
        v = false;
        break;
    }
    this.stateLevelMemo[id] = v;
    return v;
  }

  /** The value of the state-level formula `id` in a state whose state-level atom bits are `bits`. */
  holdsIn(id: number, bits: number): boolean {
    const n = this.nodes[id];
    switch (n.k) {
      case "const":
        return n.value;
      case "lit":
        return (((bits >>> this.bits[n.atom]) & 1) === 1) !== n.neg;
      case "and":
        return n.args.every((a) => this.holdsIn(a, bits));
      case "or":
        return n.args.some((a) => this.holdsIn(a, bits));
      case "always":
      case "eventually":
        throw new Error(`formula table: node ${id} is not state-level (internal error)`);
    }
  }

  /** The NNF of ¬x for an NNF node x. */
  negateNnf(id: number): number {
    const n = this.nodes[id];
    switch (n.k) {
      case "const":
        return this.constant(!n.value);
      case "lit":
        return this.literal(n.atom, !n.neg);
      case "and":
        return this.or(n.args.map((a) => this.negateNnf(a)));
      case "or":
        return this.and(n.args.map((a) => this.negateNnf(a)));
      case "always":
        return this.eventually(this.negateNnf(n.arg));
      case "eventually":
        return this.always(this.negateNnf(n.arg));
    }
  }

  private statePredicate(p: unknown, path: string): number {
    if (typeof p !== "function") throw this.malformed(path, p, "needs a state predicate p(state) => boolean");
    return this.literal(this.atom({ op: "state", holds: p as (s: S) => boolean }, path), false);
  }

  private pair(f: { readonly args?: unknown }, path: string): readonly [TemporalFormula<S>, TemporalFormula<S>] {
    if (!Array.isArray(f.args) || f.args.length !== 2) throw this.malformed(path, f, "needs args, a pair of formulas");
    return f.args as unknown as readonly [TemporalFormula<S>, TemporalFormula<S>];
  }

  private atom(f: Extract<TemporalFormula<S>, { op: "state" | "step" | "unchanged" | "enabled" }>, path: string): number {
    // The same predicate (function or enabled node) is one atom, wherever it occurs.
    const identity = f.op === "state" || f.op === "step" ? f.holds : f.op === "unchanged" ? (f.subscript ?? "unchanged") : f;
    const known = this.atomIds.get(identity);
    if (known !== undefined) return known;
    if ((f.op === "state" || f.op === "step") && typeof f.holds !== "function") throw this.malformed(path, f, `needs holds, a function`);
    if (f.op === "enabled" && (typeof f.steps !== "object" || f.steps === null)) throw this.malformed(path, f, "needs steps, a step set");
    const label = f.label ?? renderFormula(f);
    const stepLevel = f.op === "step" || f.op === "unchanged";
    const count = stepLevel ? this.stepAtoms++ : this.stateAtoms++;
    if (count >= MAX_ATOMS) {
      throw new SpecError(
        "unsupported-formula",
        `temporal property "${this.property}" has more than ${MAX_ATOMS} distinct ${stepLevel ? "step" : "state"} predicates; split it into several properties`,
        { property: this.property },
      );
    }
    const id = this.atoms.length;
    const atom: Atom<S> =
      f.op === "state"
        ? { kind: "state", holds: f.holds, label }
        : f.op === "step"
          ? { kind: "step", holds: f.holds, label }
          : f.op === "unchanged"
            ? { kind: "unchanged", ...(f.subscript ? { subscript: f.subscript } : {}), label }
            : { kind: "enabled", steps: f.steps, selfLoops: f.selfLoops === true, label };
    this.atoms.push(atom);
    this.bits.push(count);
    this.stepLevel.push(stepLevel);
    this.atomIds.set(identity, id);
    return id;
  }

  private junction(k: "and" | "or", args: readonly number[]): number {
    const unit = k === "and"; // the neutral constant; its negation absorbs
    const flat: number[] = [];
    const add = (id: number): boolean => {
      const n = this.nodes[id];
      if (n.k === "const") return n.value !== unit; // true absorbs (or), false absorbs (and)
      if (n.k === k) return n.args.some(add);
      if (!flat.includes(id)) flat.push(id);
      return false;
    };
    for (const a of args) if (add(a)) return this.constant(!unit);
    for (const id of flat) {
      const n = this.nodes[id];
      if (n.k === "lit" && flat.includes(this.literal(n.atom, !n.neg))) return this.constant(!unit);
    }
    if (flat.length === 0) return this.constant(unit);
    if (flat.length === 1) return flat[0];
    flat.sort((a, b) => a - b);
    return this.intern({ k, args: flat });
  }

  private intern(node: FormulaNode): number {
    const key = JSON.stringify(node);
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    this.nodes.push(node);
    this.keys.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  private malformed(path: string, value: unknown, what: string): SpecError {
    const shown = typeof value === "object" && value !== null ? JSON.stringify(value) ?? String(value) : String(value);
    return new SpecError("invalid-spec", `temporal property "${this.property}": ${path} ${what} (got ${shown.slice(0, 80)})`, { property: this.property });
  }
}
