import type { Automaton } from "../temporal/gba.ts";
import type { Adjacency, CycleGraph } from "./scc.ts";

/**
 * What one property's atoms say of the explored graph: the state-level atom bits of every
 * state, and (when the formula has step-level atoms) the step-level bits of every edge — the
 * same for parallel edges, since a step is a pair of states — and of every state's stuttering
 * step (which also stands for its self-loops).
 */
export interface Letters {
  readonly adjacency: Adjacency;
  readonly stateBits: Int32Array;
  readonly stepBits?: Int32Array;
  readonly stutterBits?: Int32Array;
}

/**
 * The product of the explored state graph with a Büchi automaton, restricted to the nodes
 * reachable from the initial ones, as a {@link CycleGraph}. Node (s, q) means "the behaviour is
 * in state s and the automaton in node q"; it exists only where s satisfies q's state literals.
 * Its successors are computed when asked, never stored: for each letter of s — an edge s → t,
 * or the stuttering step s → s — whose step bits satisfy q's step literals, and each automaton
 * successor q′ whose state literals t satisfies, the node (t, q′). Self-loop edges are the
 * stuttering letter. Memory: the reachable nodes' (state, automaton node) pairs, 8 bytes each,
 * and an index on them — a dense table of 4 bytes per (state, automaton node) when that is
 * small enough, else an open-addressing hash of about 24 bytes per reachable node; no product
 * edge is kept.
 */
export class ProductGraph implements CycleGraph {
  private states: Int32Array = new Int32Array(1024);
  private auts: Int32Array = new Int32Array(1024);
  private count = 0;
  private slotState: Int32Array = new Int32Array(2048).fill(-1);
  private slotAut: Int32Array = new Int32Array(2048);
  private slotId: Int32Array = new Int32Array(2048);
  /** The id of (s, q) at `s · size + q` when that table is small enough, else the hash slots are used. */
  private readonly dense: Int32Array | undefined;
  private readonly succCount: Int32Array;
  /** Ids of the initial nodes: 0 .. initialCount − 1. */
  initialCount = 0;

  constructor(
    private readonly letters: Letters,
    readonly automaton: Automaton,
  ) {
    this.succCount = new Int32Array(automaton.size);
    for (let q = 0; q < automaton.size; q++) this.succCount[q] = automaton.succOffsets[q + 1] - automaton.succOffsets[q];
    const cells = letters.adjacency.stateCount * automaton.size;
    this.dense = cells <= DENSE_LIMIT ? new Int32Array(cells).fill(-1) : undefined;
  }

  get nodeCount(): number {
    return this.count;
  }

  /** Indexes every node reachable from (s₀, q₀) for the given initial states s₀. */
  explore(initialStates: ArrayLike<number>): void {
    const a = this.automaton;
    for (let i = 0; i < initialStates.length; i++) {
      const s = initialStates[i];
      for (const q of a.initial) if (this.consistent(s, q)) this.insert(s, q);
    }
    this.initialCount = this.count;
    for (let v = 0; v < this.count; v++) {
      for (let k = 0, end = this.end(v); k < end; k++) this.successor(v, k, true);
    }
  }

  begin(): number {
    return 0;
  }

  end(node: number): number {
    const s = this.states[node];
    const { offsets } = this.letters.adjacency;
    return (offsets[s + 1] - offsets[s] + 1) * this.succCount[this.auts[node]];
  }

  target(node: number, k: number): number {
    return this.successor(node, k, false);
  }

  edge(node: number, k: number): number {
    const s = this.states[node];
    const { offsets, edges } = this.letters.adjacency;
    const letter = (k / this.succCount[this.auts[node]]) | 0;
    return letter < offsets[s + 1] - offsets[s] ? edges[offsets[s] + letter] : -1;
  }

  state(node: number): number {
    return this.states[node];
  }

  /** The automaton node of `node`. */
  aut(node: number): number {
    return this.auts[node];
  }

  selfLoop(node: number): boolean {
    const q = this.auts[node];
    const a = this.automaton;
    let loops = false;
    for (let j = a.succOffsets[q]; j < a.succOffsets[q + 1]; j++) if (a.succ[j] === q) loops = true;
    const bits = this.letters.stutterBits ? this.letters.stutterBits[this.states[node]] : 0;
    return loops && (bits & a.stepTrue[q]) === a.stepTrue[q] && (bits & a.stepFalse[q]) === 0;
  }

  private consistent(s: number, q: number): boolean {
    const bits = this.letters.stateBits[s];
    const a = this.automaton;
    return (bits & a.stateTrue[q]) === a.stateTrue[q] && (bits & a.stateFalse[q]) === 0;
  }

  /** The node at position k of `node` (inserted when `insert`), or -1. */
  private successor(node: number, k: number, insert: boolean): number {
    const s = this.states[node];
    const q = this.auts[node];
    const a = this.automaton;
    const { offsets, targets, edges } = this.letters.adjacency;
    const m = this.succCount[q];
    const letter = (k / m) | 0;
    const base = offsets[s];
    let t: number;
    let bits: number;
    if (letter < offsets[s + 1] - base) {
      t = targets[base + letter];
      if (t === s) return -1; // a self-loop is the stuttering letter
      bits = this.letters.stepBits ? this.letters.stepBits[edges[base + letter]] : 0;
    } else {
      t = s;
      bits = this.letters.stutterBits ? this.letters.stutterBits[s] : 0;
    }
    if ((bits & a.stepTrue[q]) !== a.stepTrue[q] || (bits & a.stepFalse[q]) !== 0) return -1;
    const next = a.succ[a.succOffsets[q] + (k - letter * m)];
    if (!this.consistent(t, next)) return -1;
    return insert ? this.insert(t, next) : this.find(t, next);
  }

  private find(s: number, q: number): number {
    if (this.dense !== undefined) return this.dense[s * this.automaton.size + q];
    const mask = this.slotState.length - 1;
    for (let i = hash(s, q) & mask; ; i = (i + 1) & mask) {
      if (this.slotState[i] === -1) return -1;
      if (this.slotState[i] === s && this.slotAut[i] === q) return this.slotId[i];
    }
  }

  private insert(s: number, q: number): number {
    const known = this.find(s, q);
    if (known >= 0) return known;
    if (this.dense === undefined && 2 * (this.count + 1) > this.slotState.length) this.rehash();
    const id = this.count++;
    if (id >= this.states.length) {
      this.states = grow(this.states);
      this.auts = grow(this.auts);
    }
    this.states[id] = s;
    this.auts[id] = q;
    if (this.dense !== undefined) this.dense[s * this.automaton.size + q] = id;
    else this.place(s, q, id);
    return id;
  }

  private place(s: number, q: number, id: number): void {
    const mask = this.slotState.length - 1;
    let i = hash(s, q) & mask;
    while (this.slotState[i] !== -1) i = (i + 1) & mask;
    this.slotState[i] = s;
    this.slotAut[i] = q;
    this.slotId[i] = id;
  }

  private rehash(): void {
    const size = this.slotState.length * 2;
    this.slotState = new Int32Array(size).fill(-1);
    this.slotAut = new Int32Array(size);
    this.slotId = new Int32Array(size);
    for (let v = 0; v < this.count; v++) this.place(this.states[v], this.auts[v], v);
  }
}

/**
 * Up to this many (state, automaton node) cells the index is a dense table (4 bytes a cell, at
 * most 256 MiB — about as much as the recorded graph such a product comes from); beyond, an
 * open-addressing hash on the reachable nodes only.
 */
const DENSE_LIMIT = 1 << 26;

function hash(s: number, q: number): number {
  let h = Math.imul(s ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(q + 0x27d4eb2f, 0x85ebca77);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}

function grow(array: Int32Array): Int32Array {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}
