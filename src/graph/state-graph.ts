/**
 * The explored state graph, recorded only when an export or a liveness check needs it. It is
 * filled as an exploration observer (`check(model, { observer: graph })`): states by dense id
 * in discovery order with their encoded vectors and BFS depth, and every transition between
 * stored states with its action index and action instance. Typed arrays throughout.
 */
export class StateGraph {
  private vectors: Int32Array;
  private depths: Int32Array;
  private edgeFrom: Int32Array;
  private edgeTo: Int32Array;
  private edgeAction: Int32Array;
  private edgeInstance: Int32Array;
  private states = 0;
  private edges = 0;
  private index?: { offsets: Int32Array; order: Int32Array };

  constructor(readonly width: number) {
    this.vectors = new Int32Array(Math.max(1, width) * 1024);
    this.depths = new Int32Array(1024);
    this.edgeFrom = new Int32Array(4096);
    this.edgeTo = new Int32Array(4096);
    this.edgeAction = new Int32Array(4096);
    this.edgeInstance = new Int32Array(4096);
  }

  get stateCount(): number {
    return this.states;
  }

  get edgeCount(): number {
    return this.edges;
  }

  /** Observer hook: a state was stored. Ids arrive densely, in order. */
  state(id: number, vector: Int32Array, depth: number): void {
    if (id !== this.states) throw new Error(`state graph: expected state id ${this.states}, got ${id}`);
    if ((id + 1) * this.width > this.vectors.length) this.vectors = grow(this.vectors, (id + 1) * this.width);
    if (id >= this.depths.length) this.depths = grow(this.depths, id + 1);
    this.vectors.set(vector.subarray(0, this.width), id * this.width);
    this.depths[id] = depth;
    this.states++;
    this.index = undefined;
  }

  /** Observer hook: a transition between stored states. */
  edge(from: number, to: number, action: number, instance: number): void {
    const e = this.edges;
    if (e >= this.edgeFrom.length) {
      this.edgeFrom = grow(this.edgeFrom, e + 1);
      this.edgeTo = grow(this.edgeTo, e + 1);
      this.edgeAction = grow(this.edgeAction, e + 1);
      this.edgeInstance = grow(this.edgeInstance, e + 1);
    }
    this.edgeFrom[e] = from;
    this.edgeTo[e] = to;
    this.edgeAction[e] = action;
    this.edgeInstance[e] = instance;
    this.edges++;
    this.index = undefined;
  }

  /** The encoded state `id` (a view into the graph's storage: do not modify). */
  vector(id: number): Int32Array {
    return this.vectors.subarray(id * this.width, (id + 1) * this.width);
  }

  depth(id: number): number {
    return this.depths[id];
  }

  from(edge: number): number {
    return this.edgeFrom[edge];
  }

  to(edge: number): number {
    return this.edgeTo[edge];
  }

  action(edge: number): number {
    return this.edgeAction[edge];
  }

  instance(edge: number): number {
    return this.edgeInstance[edge];
  }

  /** Edge numbers leaving state `id`, in the order they were generated. */
  outEdges(id: number): Int32Array {
    const { offsets, order } = this.adjacency();
    return order.subarray(offsets[id], offsets[id + 1]);
  }

  private adjacency(): { offsets: Int32Array; order: Int32Array } {
    if (this.index) return this.index;
    const offsets = new Int32Array(this.states + 1);
    for (let e = 0; e < this.edges; e++) offsets[this.edgeFrom[e] + 1]++;
    for (let i = 0; i < this.states; i++) offsets[i + 1] += offsets[i];
    const fill = offsets.slice(0, this.states);
    const order = new Int32Array(this.edges);
    for (let e = 0; e < this.edges; e++) order[fill[this.edgeFrom[e]]++] = e;
    this.index = { offsets, order };
    return this.index;
  }
}

function grow(array: Int32Array, atLeast: number): Int32Array {
  let n = array.length * 2;
  while (n < atLeast) n *= 2;
  const next = new Int32Array(n);
  next.set(array);
  return next;
}
