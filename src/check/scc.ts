/** The part of a state graph the SCC and lasso searches read (a {@link StateGraph} is one). */
export interface EdgeGraph {
  readonly stateCount: number;
  readonly edgeCount: number;
  from(edge: number): number;
  to(edge: number): number;
  /** Edge ids leaving `state`. */
  outEdges(state: number): Int32Array;
}

/**
 * The successor lists of a graph as flat typed arrays (compressed sparse rows): the edges
 * leaving state s are `edges[offsets[s] .. offsets[s + 1])`, leading to the same slots of
 * `targets`. Built once per liveness pass; 8 bytes per edge and 4 per state.
 */
export class Adjacency {
  readonly stateCount: number;
  readonly offsets: Int32Array;
  readonly edges: Int32Array;
  readonly targets: Int32Array;

  constructor(graph: EdgeGraph) {
    const n = graph.stateCount;
    this.stateCount = n;
    this.offsets = new Int32Array(n + 1);
    this.edges = new Int32Array(graph.edgeCount);
    this.targets = new Int32Array(graph.edgeCount);
    let k = 0;
    for (let s = 0; s < n; s++) {
      const out = graph.outEdges(s);
      for (let i = 0; i < out.length; i++, k++) {
        this.edges[k] = out[i];
        this.targets[k] = graph.to(out[i]);
      }
      this.offsets[s + 1] = k;
    }
  }
}

/**
 * Strongly connected components of the subgraph induced by the states whose `label` equals
 * `tag`, by Tarjan's algorithm written iteratively (an explicit call stack in typed arrays), so
 * that graphs with millions of states do not overflow the JavaScript stack. Self-loops are
 * ignored (they are stuttering steps). Time O(|V'| + |E'|) over the induced subgraph; memory
 * five Int32Arrays of the graph's size, allocated once per {@link SccFinder}.
 */
export class SccFinder {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: Int32Array;
  private readonly callState: Int32Array;
  private readonly callPos: Int32Array;

  constructor(private readonly graph: Adjacency) {
    const n = graph.stateCount;
    this.index = new Int32Array(n).fill(-1);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.callState = new Int32Array(n);
    this.callPos = new Int32Array(n);
  }

  /**
   * Calls `component(members)` once per SCC of the subgraph of `members` (the states with
   * `label[s] === tag`), in reverse topological order. `members` of one call are a fresh array.
   */
  components(members: ArrayLike<number>, label: Int32Array, tag: number, component: (members: Int32Array) => void): void {
    const { index, low, onStack, stack, callState, callPos } = this;
    const { offsets, targets } = this.graph;
    for (let i = 0; i < members.length; i++) index[members[i]] = -1;
    let counter = 0;
    let sp = 0;
    for (let r = 0; r < members.length; r++) {
      const root = members[r];
      if (index[root] !== -1) continue;
      let cp = 0;
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      onStack[root] = 1;
      callState[cp] = root;
      callPos[cp++] = offsets[root];
      while (cp > 0) {
        const v = callState[cp - 1];
        const pos = callPos[cp - 1];
        if (pos < offsets[v + 1]) {
          callPos[cp - 1] = pos + 1;
          const w = targets[pos];
          if (w === v || label[w] !== tag) continue;
          if (index[w] === -1) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = 1;
            callState[cp] = w;
            callPos[cp++] = offsets[w];
          } else if (onStack[w] && index[w] < low[v]) {
            low[v] = index[w];
          }
          continue;
        }
        cp--;
        if (cp > 0) {
          const parent = callState[cp - 1];
          if (low[v] < low[parent]) low[parent] = low[v];
        }
        if (low[v] === index[v]) {
          let start = sp - 1;
          while (stack[start] !== v) start--;
          const scc = stack.slice(start, sp);
          for (let i = start; i < sp; i++) onStack[stack[i]] = 0;
          sp = start;
          component(scc);
        }
      }
    }
  }
}
