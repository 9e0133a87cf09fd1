import type { Diagram, DiagramEdge, DiagramNode, DiagramViolation } from "../graph/diagram.ts";
import { renderValue, type Field } from "../graph/fields.ts";
import { summariseBindings } from "./binding-summary.ts";
import { unreachable } from "../model/unreachable.ts";

export interface DotOptions {
  /** Layout direction; default top to bottom. */
  readonly rankdir?: "TB" | "LR";
  /**
   * Width budget, in characters, of one edge label line (default 40): the bindings of a merged
   * edge are summarised per variable (`p in {0,1,2}`) and long value lists are cut to fit.
   */
  readonly labelWidth?: number;
}

/** The palette of every diagram. */
export const COLOR = {
  text: "#222222",
  border: "#555555",
  edge: "#777777",
  fill: "#ffffff",
  violating: "#fde0dc",
  trace: "#c62828",
  deadlock: "#ffe0b2",
  deadlockBorder: "#e65100",
  final: "#eeeeee",
  cluster: "#9e9e9e",
} as const;

/**
 * Graphviz DOT for a {@link Diagram}. Pure and deterministic: the same diagram gives the same
 * bytes (no timestamps, no paths, ids in discovery order). The text it adds is ASCII: the
 * WebAssembly Graphviz has font metrics for ASCII only (it warns about other characters).
 *
 * Marks: an arrow from a dot enters each initial state; violating states are filled red,
 * deadlocked states orange, states that may end a behaviour have a double border; the
 * counterexample's nodes and edges are drawn thick and red, its edges numbered by step.
 * A legend with the title explains the marks that occur.
 */
export function toDot(diagram: Diagram, options: DotOptions = {}): string {
  const labelWidth = options.labelWidth ?? 40;
  const out: string[] = [];
  out.push(`digraph ${quote(diagram.title)} {`);
  // A trace in lanes: rank the steps globally (one rank per step), so the lanes are columns read downwards.
  const lanes = diagram.kind === "trace" && diagram.clusterBy !== undefined ? "newrank=true, " : "";
  out.push(
    `  graph [${lanes}fontname="Helvetica", fontsize=11, pad=0.2, rankdir=${options.rankdir ?? "TB"}, nodesep=0.35, ranksep=0.45, ` +
      `labelloc=t, labeljust=l, label=${caption(diagram)}];`,
  );
  out.push(
    `  node [fontname="Courier", fontsize=10, shape=box, margin="0.16,0.06", style="rounded,filled", fillcolor="${COLOR.fill}", ` +
      `color="${COLOR.border}", fontcolor="${COLOR.text}"];`,
  );
  out.push(`  edge [fontname="Courier", fontsize=9, color="${COLOR.edge}", fontcolor="${COLOR.text}", arrowsize=0.7];`);

  const clusters = new Map<string, DiagramNode[]>();
  const loose: DiagramNode[] = [];
  for (const node of diagram.nodes) {
    if (node.cluster === undefined) loose.push(node);
    else {
      const members = clusters.get(node.cluster) ?? [];
      members.push(node);
      clusters.set(node.cluster, members);
    }
  }
  out.push(...legend(diagram));
  for (const node of loose) out.push(`  ${nodeLine(node, diagram)}`);
  let c = 0;
  for (const [value, members] of clusters) {
    out.push(`  subgraph cluster_${c++} {`);
    out.push(`    graph [label=${quote(`${diagram.clusterBy} = ${value}`)}, style="rounded,dashed", color="${COLOR.cluster}", fontcolor="${COLOR.cluster}"];`);
    for (const node of members) out.push(`    ${nodeLine(node, diagram)}`);
    out.push("  }");
  }

  diagram.nodes.forEach((node) => {
    if (!node.initial) return;
    const entry = `init_${node.id}`;
    out.push(`  ${entry} [shape=point, width=0.09, style=filled, fillcolor="${COLOR.border}", color="${COLOR.border}", label=""];`);
    out.push(`  ${entry} -> ${node.id} [color="${node.onTrace ? COLOR.trace : COLOR.border}"${node.onTrace ? ", penwidth=2.5" : ""}];`);
  });
  // Graphviz stacks several self-loops of one node with overlapping labels: draw them as one loop.
  const loops = new Map<string, DiagramEdge[]>();
  for (const edge of diagram.edges) if (edge.from === edge.to) loops.set(edge.from, [...(loops.get(edge.from) ?? []), edge]);
  const emphasise = diagram.kind === "graph";
  for (const edge of diagram.edges) {
    if (edge.from !== edge.to) out.push(`  ${edgeLine([edge], labelWidth, emphasise)}`);
    else if (loops.get(edge.from)?.[0] === edge) out.push(`  ${edgeLine(loops.get(edge.from)!, labelWidth, emphasise)}`);
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}

function nodeLine(node: DiagramNode, diagram: Diagram): string {
  const lines: string[] = [];
  if (node.text !== undefined) lines.push(...node.text.split("\n"));
  else lines.push(...node.fields.map(fieldText));
  if (lines.length === 0) lines.push(diagram.kind === "trace" ? "(no change)" : "");
  if (node.states > 1) lines.push(`(${node.states} states)`);
  if (node.violates.length > 0) lines.push(`VIOLATES ${node.violates.join(", ")}`);
  if (node.deadlock) lines.push("DEADLOCK");
  if (node.note !== undefined) lines.push(node.note);
  const attrs = [`label=${quote(lines.join("\n"))}`];
  if (node.tooltip !== undefined) attrs.push(`tooltip=${quote(node.tooltip)}`);
  if (node.violates.length > 0) {
    attrs.push(`fillcolor="${COLOR.violating}"`, `color="${COLOR.trace}"`);
  } else if (node.deadlock) {
    attrs.push(`fillcolor="${COLOR.deadlock}"`, `color="${COLOR.deadlockBorder}"`);
  } else if (node.final) {
    attrs.push(`fillcolor="${COLOR.final}"`);
  }
  if (node.final) attrs.push("peripheries=2");
  if (node.onTrace) attrs.push(`color="${COLOR.trace}"`, "penwidth=2.5");
  else if (node.initial) attrs.push("penwidth=1.8");
  return `${node.id} [${dedupe(attrs).join(", ")}];`;
}

/** One DOT edge for `edges` (all between the same two nodes), a label line each. */
function edgeLine(edges: readonly DiagramEdge[], labelWidth: number, emphasise: boolean): string {
  const label = edges.map((edge) => edgeLabel(edge, labelWidth)).join("\n");
  const attrs = [`label=${quote(label)}`];
  if (emphasise && edges.some((e) => e.traceSteps.length > 0)) attrs.push(`color="${COLOR.trace}"`, `fontcolor="${COLOR.trace}"`, "penwidth=2.5");
  return `${edges[0].from} -> ${edges[0].to} [${attrs.join(", ")}];`;
}

/** `#2 add x5 (k in {1,2})`: trace steps, action, count, the bindings summarised within `width`. */
export function edgeLabel(edge: DiagramEdge, width: number): string {
  let label = edge.action;
  if (edge.count > 1) label += ` x${edge.count}`;
  const steps = edge.traceSteps.length > 0 ? `${stepsText(edge.traceSteps)} ` : "";
  const bindings = summariseBindings(edge.bindings, Math.max(16, width - steps.length - label.length - 3));
  if (bindings) label += ` (${bindings})`;
  return steps + label;
}

/** `#1,#2` or, for a run of three or more consecutive steps, `#3-#6`. */
function stepsText(steps: readonly number[]): string {
  const sorted = [...steps].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `#${sorted[i]}-#${sorted[j]}` : sorted.slice(i, j + 1).map((s) => `#${s}`).join(","));
    i = j + 1;
  }
  return parts.join(",");
}

function fieldText([path, value]: Field): string {
  return `${path} = ${value}`;
}

/** The title, notes, constant fields and the violation, one left-justified line each. */
function caption(diagram: Diagram): string {
  const lines: string[] = [diagram.title, ...diagram.notes];
  if (diagram.constants.length > 0) {
    lines.push(`${diagram.kind === "trace" ? "unchanged" : "in every state"}: ${diagram.constants.map(fieldText).join(", ")}`);
  }
  const v = diagram.violation;
  if (v) {
    const what = violationTitle(v.kind, v.property);
    lines.push(`${what}: shortest counterexample, ${v.steps} step${v.steps === 1 ? "" : "s"}`);
    if (v.message) lines.push(v.message);
  }
  return `"${lines.map((l) => escape(l)).join("\\l")}\\l"`;
}

/** How a diagram names what its counterexample shows: `invariant x violated`, `deadlock`, … */
export function violationTitle(kind: DiagramViolation["kind"], property: string): string {
  switch (kind) {
    case "deadlock":
      return "deadlock";
    case "invariant":
      return `invariant ${property} violated`;
    case "liveness":
      return `temporal property ${property} violated`;
    case "sometimes":
      return `sometimes ${property} never happens`;
    default:
      return unreachable(kind);
  }
}

/**
 * A key to the marks that occur, as a column of sample nodes in a cluster: the WebAssembly
 * Graphviz does not render HTML-like labels, and a column keeps the picture narrow.
 */
function legend(diagram: Diagram): string[] {
  const has = (p: (n: DiagramNode) => boolean) => diagram.nodes.some(p);
  const keys: string[] = [];
  if (has((n) => n.violates.length > 0)) {
    keys.push(`legend_violates [label="violates an invariant", fillcolor="${COLOR.violating}", color="${COLOR.trace}"];`);
  }
  if (has((n) => n.deadlock)) {
    keys.push(`legend_deadlock [label="deadlock: no successor", fillcolor="${COLOR.deadlock}", color="${COLOR.deadlockBorder}"];`);
  }
  if (has((n) => n.final)) keys.push(`legend_final [label="may end here", fillcolor="${COLOR.final}", peripheries=2];`);
  if (diagram.kind === "graph" && has((n) => n.onTrace)) {
    keys.push(`legend_trace [label="on the counterexample\\n#n: its step n", color="${COLOR.trace}", fontcolor="${COLOR.trace}", penwidth=2.5];`);
  }
  if (has((n) => n.states > 1) || diagram.edges.some((e) => e.count > 1)) {
    keys.push(`legend_merged [label="(n states): drawn as one node\\nxn: n transitions"];`);
  }
  if (keys.length === 0 || diagram.kind === "trace") return [];
  keys.unshift(`legend_initial [label="-> initial state", penwidth=1.8];`);
  const ids = keys.map((k) => k.slice(0, k.indexOf(" ")));
  return [
    "  subgraph cluster_legend {",
    `    graph [label="legend", style="rounded", color="#bdbdbd", fontcolor="#757575", fontsize=9];`,
    `    node [fontsize=9, height=0.3];`,
    ...keys.map((k) => `    ${k}`),
    ...(ids.length > 1 ? [`    ${ids.join(" -> ")} [style=invis];`] : []),
    "  }",
  ];
}

/** A DOT double-quoted string (ASCII, see {@link toDot}), line breaks as `\n`. */
export function quote(text: string): string {
  return `"${escape(text).replace(/\n/g, "\\n")}"`;
}

/** Escapes backslashes and quotes for a DOT double-quoted string, in ASCII (see {@link toDot}). */
export function escape(text: string): string {
  return toAscii(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

const ASCII_FOR: Record<string, string> = {
  "\u2014": "--", "\u2013": "-", "\u2026": "...", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
  "\u2192": "->", "\u21d2": "=>", "\u2260": "!=", "\u2264": "<=", "\u2265": ">=", "\u00d7": "x", "\u00a0": " ",
};

/** Spec-provided text (messages, labels) in ASCII: common punctuation transliterated, the rest as `?`. */
function toAscii(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, (c) => ASCII_FOR[c] ?? "?");
}

/** Later attributes win: keep the last of each name, in first-seen order. */
function dedupe(attrs: string[]): string[] {
  const byName = new Map<string, string>();
  for (const a of attrs) byName.set(a.slice(0, a.indexOf("=")), a);
  return [...byName.values()];
}
