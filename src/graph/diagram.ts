import type { Binding } from "../model/model.ts";
import type { Field } from "./fields.ts";

/**
 * A state diagram as plain data: what `toDot` draws. Built from an explored `StateGraph` by
 * `buildDiagram`, or from a counterexample by `traceDiagram`. Ids are stable: nodes in
 * discovery order (`s0`, `s1`, …), edges in the order their first transition was explored.
 */
export interface Diagram {
  readonly kind: "graph" | "trace";
  /** The spec's name. */
  readonly title: string;
  /** Lines shown under the title: parameters, the view, what was hidden. */
  readonly notes: readonly string[];
  /** Fields that have the same value in every node, dropped from node labels and listed once. */
  readonly constants: readonly Field[];
  /** The field path nodes are clustered by, if any. */
  readonly clusterBy?: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** The violation whose shortest counterexample is emphasised, if any. */
  readonly violation?: DiagramViolation;
  /**
   * The node each counterexample step is in (index 0: the initial state), null for a state the
   * graph does not hold; present with {@link violation} on a graph diagram.
   */
  readonly traceNodes?: readonly (string | null)[];
}

export interface DiagramViolation {
  readonly kind: "invariant" | "deadlock" | "liveness" | "sometimes";
  readonly property: string;
  readonly message?: string;
  /** Number of transitions in the counterexample. */
  readonly steps: number;
}

export interface DiagramNode {
  readonly id: string;
  /** The fields shown in the label (`path`, rendered value). */
  readonly fields: readonly Field[];
  /** A spec-given label that replaces the fields. */
  readonly text?: string;
  /** How many states of the explored graph this node stands for (1 without a view). */
  readonly states: number;
  readonly initial: boolean;
  /** Some state of the node has no successor and deadlock checking says it must have one. */
  readonly deadlock: boolean;
  /** Some state of the node has no successor and may end a behaviour (terminal, or deadlock off). */
  readonly final: boolean;
  /** Invariants violated by some state of the node. */
  readonly violates: readonly string[];
  readonly onTrace: boolean;
  /** Shown on hover in SVG, e.g. the whole state where the label shows only what changed. */
  readonly tooltip?: string;
  /** A sentence shown on the node, e.g. the violated property at the end of a trace. */
  readonly note?: string;
  /** The value of the cluster field, when clustering. */
  readonly cluster?: string;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly action: string;
  /** The distinct bindings of the transitions merged into this edge, in first-seen order. */
  readonly bindings: readonly Binding[];
  /** How many transitions of the explored graph this edge stands for. */
  readonly count: number;
  /**
   * Counterexample steps that take this edge, numbered as the text trace and `--json` number
   * them (the initial state is 1, so the first step is 2); empty when not on the trace.
   */
  readonly traceSteps: readonly number[];
}
