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
 * A graph the fair-cycle search runs on: the explored state graph itself (the fast paths) or
 * its product with a Büchi automaton, whose edges are computed when asked, never stored. A
 * node's successors sit at positions `[begin(node), end(node))`; a position may hold none.
 */
export interface CycleGraph {
  readonly nodeCount: number;
  begin(node: number): number;
  end(node: number): number;
  /** The successor at position `k` of `node`, or -1 when there is none there. */
  target(node: number, k: number): number;
  /** The state-graph edge that position `k` of `node` takes, or -1 for a stuttering step. */
  edge(node: number, k: number): number;
  /** The state of `node` (what fairness is judged on). */
  state(node: number): number;
  /** Can `node` repeat forever by itself (a stuttering self-edge)? */
  selfLoop(node: number): boolean;
}

/**
 * The successor lists of a graph as flat typed arrays (compressed sparse rows): the edges
 * leaving state s are `edges[offsets[s] .. offsets[s + 1])`, leading to the same slots of
 * `targets`. Built once per liveness pass; 8 bytes per edge and 4 per state. As a
 * {@link CycleGraph}, every state may stutter forever.
 */
export class Adjacency implements CycleGraph {
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

  get nodeCount(): number {
    return this.stateCount;
  }

  begin(state: number): number {
    return this.offsets[state];
  }

  end(state: number): number {
    return this.offsets[state + 1];
  }

  target(_state: number, k: number): number {
    return this.targets[k];
  }

  edge(_state: number, k: number): number {
    return this.edges[k];
  }

  state(node: number): number {
    return node;
  }

  selfLoop(): boolean {
    return true;
  }
}

/**
 * Strongly connected components of the subgraph induced by the nodes whose `label` equals
 * `tag`, by Tarjan's algorithm written iteratively (an explicit call stack in typed arrays), so
 * that graphs with millions of nodes do not overflow the JavaScript stack. Self-edges are
 * ignored (a single node is a component whether or not it has one). Time O(|V'| + |E'|) over
 * the induced subgraph; memory six Int32Arrays of the graph's size, allocated once per
 * {@link SccFinder}.
 */
export class SccFinder {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: Int32Array;
  private readonly callNode: Int32Array;
  private readonly callPos: Int32Array;
  private readonly callEnd: Int32Array;

  constructor(private readonly graph: CycleGraph) {
    const n = graph.nodeCount;
    this.index = new Int32Array(n).fill(-1);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.callNode = new Int32Array(n);
    this.callPos = new Int32Array(n);
    this.callEnd = new Int32Array(n);
  }

  /**
   * Calls `component(members)` once per SCC of the subgraph of `members` (the nodes with
   * `label[v] === tag`), in reverse topological order. `members` of one call are a fresh array.
   */
  components(members: ArrayLike<number>, label: Int32Array, tag: number, component: (members: Int32Array) => void): void {
    const { index, low, onStack, stack, callNode, callPos, callEnd, graph } = this;
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
      callNode[cp] = root;
      callPos[cp] = graph.begin(root);
      callEnd[cp++] = graph.end(root);
      while (cp > 0) {
        const v = callNode[cp - 1];
        const pos = callPos[cp - 1];
        if (pos < callEnd[cp - 1]) {
          callPos[cp - 1] = pos + 1;
          const w = graph.target(v, pos);
          if (w < 0 || w === v || label[w] !== tag) continue;
          if (index[w] === -1) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = 1;
            callNode[cp] = w;
            callPos[cp] = graph.begin(w);
            callEnd[cp++] = graph.end(w);
          } else if (onStack[w] && index[w] < low[v]) {
            low[v] = index[w];
          }
          continue;
        }
        cp--;
        if (cp > 0) {
          const parent = callNode[cp - 1];
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
