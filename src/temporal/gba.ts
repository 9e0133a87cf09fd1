import { SpecError } from "../model/spec-error.ts";
import type { FormulaTable } from "./formula.ts";

/** Automata larger than this are refused (`unsupported-formula`): split the property instead. */
export const MAX_AUTOMATON_NODES = 1024;

/**
 * A generalised Büchi automaton over steps, with node labels. A run visits one node per
 * position of a behaviour; at position i node n requires its state literals of the state sᵢ
 * (`stateTrue` bits set, `stateFalse` bits clear in sᵢ's state-atom bits) and its step literals
 * of the step sᵢ → sᵢ₊₁ (likewise with the step's bits). A run is accepting when it visits a
 * node of every acceptance set infinitely often; `acceptance[n]` has bit j set when n is in set j.
 */
export interface Automaton {
  readonly size: number;
  readonly initial: readonly number[];
  /** Successors of n: `succ[succOffsets[n] .. succOffsets[n + 1])`. */
  readonly succOffsets: Int32Array;
  readonly succ: Int32Array;
  readonly stateTrue: Int32Array;
  readonly stateFalse: Int32Array;
  readonly stepTrue: Int32Array;
  readonly stepFalse: Int32Array;
  readonly acceptance: Int32Array;
  /** Number of acceptance sets (≤ 31); every node is in all of them when there is none. */
  readonly acceptanceSets: number;
}

interface Pending {
  readonly incoming: Set<number>;
  readonly fresh: number[];
  readonly old: Set<number>;
  readonly next: Set<number>;
}

interface Built {
  readonly incoming: Set<number>;
  /** The literals the node requires at its position. */
  readonly literals: readonly number[];
  /** The eventualities ◇x promised and not yet fulfilled here (◇x processed, x not). */
  readonly pending: readonly number[];
}

const INIT = -1;

/**
 * Translates the NNF formula `root` of `table` into a generalised Büchi automaton whose
 * accepting runs are exactly the behaviours satisfying it (Gerth, Peled, Vardi, Wolper,
 * "Simple on-the-fly automatic verification of linear temporal logic", 1995), with □ and ◇ as
 * primitives (□x ≡ false R x, ◇x ≡ true U x; TLA+ has no next operator). Literals may be
 * state or step atoms: the product checks each on the position it speaks of. One acceptance
 * set per eventuality ◇x: the nodes where ◇x is not pending or x holds.
 *
 * Throws an `unsupported-formula` SpecError when the automaton exceeds
 * {@link MAX_AUTOMATON_NODES} nodes.
 */
export function buildAutomaton<S>(table: FormulaTable<S>, root: number): Automaton {
  const nodes: Built[] = [];
  const byKey = new Map<string, number>();
  const work: Pending[] = [{ incoming: new Set([INIT]), fresh: [root], old: new Set(), next: new Set() }];
  const complement = (id: number): number | undefined => {
    const n = table.nodes[id];
    return n.k === "lit" ? table.literal(n.atom, !n.neg) : undefined;
  };
  const clone = (q: Pending): Pending => ({ incoming: new Set(q.incoming), fresh: [...q.fresh], old: new Set(q.old), next: new Set(q.next) });

  while (work.length > 0) {
    const q = work.pop()!;
    let alive = true;
    while (alive && q.fresh.length > 0) {
      const id = q.fresh.pop()!;
      if (q.old.has(id)) continue;
      const n = table.nodes[id];
      switch (n.k) {
        case "const":
          alive = n.value;
          break;
        case "lit":
          if (q.old.has(complement(id)!)) alive = false;
          else q.old.add(id);
          break;
        case "and":
          q.old.add(id);
          q.fresh.push(...n.args);
          break;
        case "or": {
          q.old.add(id);
          for (let i = 1; i < n.args.length; i++) {
            const other = clone(q);
            other.fresh.push(n.args[i]);
            work.push(other);
          }
          q.fresh.push(n.args[0]);
          break;
        }
        case "always":
          q.old.add(id);
          q.next.add(id);
          q.fresh.push(n.arg);
          break;
        case "eventually": {
          q.old.add(id);
          const later = clone(q);
          later.next.add(id);
          work.push(later);
          q.fresh.push(n.arg);
          break;
        }
      }
    }
    if (!alive) continue;
    // Two nodes with the same label, obligations for the next position and pending
    // eventualities accept the same runs: they are one node (a coarser key than GPVW's Old).
    const literals = [...q.old].filter((id) => table.nodes[id].k === "lit").sort((a, b) => a - b);
    const pending = [...q.old].filter((id) => {
      const f = table.nodes[id];
      return f.k === "eventually" && !q.old.has(f.arg);
    });
    pending.sort((a, b) => a - b);
    const key = `${literals.join(",")}|${[...q.next].sort((a, b) => a - b).join(",")}|${pending.join(",")}`;
    const known = byKey.get(key);
    if (known !== undefined) {
      for (const i of q.incoming) nodes[known].incoming.add(i);
      continue;
    }
    const id = nodes.length;
    if (id >= MAX_AUTOMATON_NODES) {
      throw new SpecError(
        "unsupported-formula",
        `temporal property "${table.property}" needs an automaton of more than ${MAX_AUTOMATON_NODES} nodes; split it into several properties (e.g. one per conjunct)`,
        { property: table.property },
      );
    }
    byKey.set(key, id);
    nodes.push({ incoming: q.incoming, literals, pending });
    work.push({ incoming: new Set([id]), fresh: [...q.next], old: new Set(), next: new Set() });
  }
  return mergeEquivalent(finish(table, nodes));
}

function finish<S>(table: FormulaTable<S>, nodes: readonly Built[]): Automaton {
  const size = nodes.length;
  const initial: number[] = [];
  const lists: number[][] = nodes.map(() => []);
  nodes.forEach((node, m) => {
    for (const from of node.incoming) {
      if (from === INIT) initial.push(m);
      else lists[from].push(m);
    }
  });
  const succOffsets = new Int32Array(size + 1);
  lists.forEach((l, n) => (succOffsets[n + 1] = succOffsets[n] + l.length));
  const succ = new Int32Array(succOffsets[size]);
  lists.forEach((l, n) => succ.set(l.sort((a, b) => a - b), succOffsets[n]));

  const stateTrue = new Int32Array(size);
  const stateFalse = new Int32Array(size);
  const stepTrue = new Int32Array(size);
  const stepFalse = new Int32Array(size);
  const eventualities = new Set<number>();
  nodes.forEach((node, m) => {
    for (const id of node.pending) eventualities.add(id);
    for (const id of node.literals) {
      const f = table.nodes[id];
      if (f.k !== "lit") continue;
      const bit = 1 << table.bits[f.atom];
      const masks = table.stepLevel[f.atom] ? (f.neg ? stepFalse : stepTrue) : f.neg ? stateFalse : stateTrue;
      masks[m] |= bit;
    }
  });
  // One set per eventuality ◇x: the nodes where it is not pending (not promised, or fulfilled).
  const acceptance = new Int32Array(size);
  let sets = 0;
  for (const ev of [...eventualities].sort((a, b) => a - b)) {
    const members = nodes.map((node) => !node.pending.includes(ev));
    if (sets >= 31) {
      throw new SpecError("unsupported-formula", `temporal property "${table.property}" has more than 31 nested eventualities; split it into several properties`, {
        property: table.property,
      });
    }
    members.forEach((m, n) => m && (acceptance[n] |= 1 << sets));
    sets++;
  }
  if (sets === 0) acceptance.fill(0);
  return { size, initial: initial.sort((a, b) => a - b), succOffsets, succ, stateTrue, stateFalse, stepTrue, stepFalse, acceptance, acceptanceSets: sets };
}

/**
 * The automaton with equivalent nodes merged: nodes with the same literals, the same acceptance
 * sets and the same successors (up to merged nodes) accept the same runs from there on, so they
 * are one node; merged until nothing changes. (GPVW's nodes record how a formula was expanded,
 * which often tells apart nodes that behave alike.)
 */
function mergeEquivalent(a: Automaton): Automaton {
  let cls = Array.from({ length: a.size }, (_, n) => n);
  for (let count = a.size; ; ) {
    const ids = new Map<string, number>();
    const next = cls.map((_, n) => {
      const succ = [...new Set(Array.from(a.succ.subarray(a.succOffsets[n], a.succOffsets[n + 1]), (m) => cls[m]))].sort((x, y) => x - y);
      const key = `${a.stateTrue[n]},${a.stateFalse[n]},${a.stepTrue[n]},${a.stepFalse[n]},${a.acceptance[n]}|${succ.join(",")}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    });
    cls = next;
    if (ids.size === count) break;
    count = ids.size;
  }
  const size = Math.max(-1, ...cls) + 1;
  if (size === a.size) return a;
  const first = new Int32Array(size).fill(-1); // a representative of each class
  cls.forEach((c, n) => first[c] === -1 && (first[c] = n));
  const lists = Array.from(first, (n) => [...new Set(Array.from(a.succ.subarray(a.succOffsets[n], a.succOffsets[n + 1]), (m) => cls[m]))].sort((x, y) => x - y));
  const succOffsets = new Int32Array(size + 1);
  lists.forEach((l, c) => (succOffsets[c + 1] = succOffsets[c] + l.length));
  const pick = (masks: Int32Array) => Int32Array.from(first, (n) => masks[n]);
  return {
    size,
    initial: [...new Set(a.initial.map((n) => cls[n]))].sort((x, y) => x - y),
    succOffsets,
    succ: Int32Array.from(lists.flat()),
    stateTrue: pick(a.stateTrue),
    stateFalse: pick(a.stateFalse),
    stepTrue: pick(a.stepTrue),
    stepFalse: pick(a.stepFalse),
    acceptance: pick(a.acceptance),
    acceptanceSets: a.acceptanceSets,
  };
}
