import type { Binding } from "../model/model.ts";
import type { Diagram, DiagramEdge, DiagramNode } from "./diagram.ts";
import type { Field } from "./fields.ts";
import { bisimulationBlocks } from "./quotient.ts";
import { valueList } from "./value-list.ts";

/** Width, in characters, of a merged field's value list before it is cut. */
const VALUE_WIDTH = 36;

/**
 * A graph diagram minimised modulo strong bisimulation over its edge labels: nodes with the same
 * marks (initial, violated invariants, deadlock, may-end, cluster) that can take the same actions
 * into the same classes become one node. The picture keeps every sequence of actions the
 * original shows, and which marks it can reach; the values of merged nodes' fields are listed
 * (`pc = idle | test`, `n = 0..4`), their states and transitions added up. Two nodes of the
 * counterexample never merge, so its path is drawn step by step and each step's node is its
 * own (the class is split there; what the drawing shows of behaviour is unchanged, since the
 * split nodes are bisimilar). A node stands for every state of its class.
 */
export function quotientDiagram(diagram: Diagram): Diagram {
  const index = new Map(diagram.nodes.map((node, i) => [node.id, i]));
  const colours = diagram.nodes.map((n) => JSON.stringify([n.initial, n.deadlock, n.final, n.violates, n.cluster ?? null]));
  const edges = diagram.edges.map((e) => ({ from: index.get(e.from)!, to: index.get(e.to)!, label: e.action }));
  const blocks = separateTrace(bisimulationBlocks({ colours, edges }), (diagram.traceNodes ?? []).flatMap((id) => (id === null ? [] : [index.get(id)!])));
  const members: DiagramNode[][] = [];
  diagram.nodes.forEach((node, i) => (members[blocks[i]] ??= []).push(node));
  const idOf = (nodeId: string) => `s${blocks[index.get(nodeId)!]}`;

  const merged = new Map<string, { from: string; to: string; action: string; count: number; bindings: Map<string, Binding>; traceSteps: Set<number> }>();
  for (const edge of diagram.edges) {
    const from = idOf(edge.from);
    const to = idOf(edge.to);
    const key = `${from}>${to}>${edge.action}`;
    let m = merged.get(key);
    if (!m) merged.set(key, (m = { from, to, action: edge.action, count: 0, bindings: new Map(), traceSteps: new Set() }));
    m.count += edge.count;
    for (const b of edge.bindings) if (!m.bindings.has(JSON.stringify(b))) m.bindings.set(JSON.stringify(b), b);
    for (const s of edge.traceSteps) m.traceSteps.add(s);
  }
  const nodes = members.map((group, b) => mergeNodes(`s${b}`, group));
  return {
    ...diagram,
    notes: [...diagram.notes, `minimised modulo bisimulation over actions: ${diagram.nodes.length} -> ${nodes.length} nodes`],
    nodes,
    edges: [...merged.values()].map(
      (m): DiagramEdge => ({
        from: m.from,
        to: m.to,
        action: m.action,
        bindings: [...m.bindings.values()],
        count: m.count,
        traceSteps: [...m.traceSteps].sort((a, b) => a - b),
      }),
    ),
    ...(diagram.traceNodes ? { traceNodes: diagram.traceNodes.map((id) => (id === null ? null : idOf(id))) } : {}),
  };
}

/**
 * Splits every block holding more than one of the counterexample's nodes: the first stays, the
 * others get blocks of their own. Blocks are numbered again in order of their first node.
 */
function separateTrace(blocks: Int32Array, trace: readonly number[]): Int32Array {
  const split = Int32Array.from(blocks);
  const firstInBlock = new Map<number, number>();
  let fresh = blocks.reduce((m, b) => Math.max(m, b + 1), 0);
  for (const node of new Set(trace)) {
    const first = firstInBlock.get(blocks[node]);
    if (first === undefined) firstInBlock.set(blocks[node], node);
    else if (first !== node) split[node] = fresh++;
  }
  const renumber = new Map<number, number>();
  return split.map((b) => {
    let r = renumber.get(b);
    if (r === undefined) renumber.set(b, (r = renumber.size));
    return r;
  });
}

/** One node for a bisimulation class: marks are shared, fields list every member's value. */
function mergeNodes(id: string, group: readonly DiagramNode[]): DiagramNode {
  const first = group[0];
  const values = new Map<string, string[]>();
  for (const node of group) {
    for (const [path, value] of node.fields) {
      const list = values.get(path) ?? [];
      if (!list.includes(value)) list.push(value);
      values.set(path, list);
    }
  }
  const fields: Field[] = [...values].map(([path, list]) => [path, valueList(list, VALUE_WIDTH, " | ")]);
  const texts = [...new Set(group.flatMap((n) => (n.text === undefined ? [] : [n.text])))];
  return {
    id,
    fields,
    ...(texts.length > 0 ? { text: texts.join("\n|\n") } : {}),
    states: group.reduce((n, node) => n + node.states, 0),
    initial: first.initial,
    deadlock: first.deadlock,
    final: first.final,
    violates: first.violates,
    onTrace: group.some((n) => n.onTrace),
    ...(first.cluster !== undefined ? { cluster: first.cluster } : {}),
  };
}
