/** A labelled transition system to minimise: nodes with a colour, edges with a label. */
export interface LabelledGraph {
  /** One colour per node (what must stay visible: initial, violating, deadlocked, cluster…). */
  readonly colours: readonly string[];
  readonly edges: readonly { readonly from: number; readonly to: number; readonly label: string }[];
}

/**
 * The coarsest strong bisimulation of a labelled graph that respects node colours: two nodes
 * share a block when they have the same colour and, for every label, reach the same blocks.
 * What a diagram shows of behaviour (which labels can follow which) is then unchanged by
 * drawing one node per block — the quotient CADP and mCRL2 draw as "minimised modulo
 * bisimulation".
 *
 * Returns the block of each node; blocks are numbered in order of their first node, so the
 * result is deterministic. Moore-style refinement: each round splits blocks by the signature
 * (block, sorted (label, target block) pairs) until no block splits; O(rounds × edges).
 */
export function bisimulationBlocks(graph: LabelledGraph): Int32Array {
  const n = graph.colours.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const labels = new Map<string, number>();
  const labelOf = graph.edges.map((e) => {
    let l = labels.get(e.label);
    if (l === undefined) labels.set(e.label, (l = labels.size));
    return l;
  });
  graph.edges.forEach((e, i) => out[e.from].push(i));

  let blocks = numberBy(n, (i) => graph.colours[i]);
  let count = distinct(blocks);
  for (;;) {
    const current = blocks;
    const next = numberBy(n, (i) => {
      const pairs = [...new Set(out[i].map((e) => labelOf[e] * n + current[graph.edges[e].to]))].sort((a, b) => a - b);
      return `${current[i]}|${pairs.join(",")}`;
    });
    const nextCount = distinct(next);
    blocks = next;
    if (nextCount === count) return blocks;
    count = nextCount;
  }
}

/** Numbers nodes by their key, in order of first occurrence. */
function numberBy(n: number, key: (i: number) => string): Int32Array {
  const ids = new Map<string, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = key(i);
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    out[i] = id;
  }
  return out;
}

function distinct(blocks: Int32Array): number {
  let max = -1;
  for (const b of blocks) if (b > max) max = b;
  return max + 1;
}
