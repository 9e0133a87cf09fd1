import type { Model } from "../model/model.ts";
import { buildDiagram, type DiagramOptions } from "./build-diagram.ts";
import type { Diagram } from "./diagram.ts";
import { fieldsOf, resolvePath } from "./fields.ts";
import { propertyFields } from "./property-fields.ts";
import type { StateGraph } from "./state-graph.ts";

/** The most nodes a drawing may have and still be read at a glance: the default target of {@link readableDiagram}. */
export const READABLE_NODES = 80;

/** How many field sets {@link readableDiagram} tries before it settles (each try draws the graph once). */
const MAX_TRIES = 12;

/**
 * A field with more than this many distinct values per node of the target is not tried: its
 * projection seldom minimises that far, and drawing it costs as much as the whole graph.
 */
const FEW_VALUES = 4;

/** What {@link readableDiagram} drew, and how it chose. */
export interface ReadableDiagram {
  readonly diagram: Diagram;
  /** The field paths the drawing is projected onto; undefined for the whole graph. */
  readonly view?: readonly string[];
  /** Whether the drawing has at most the target number of nodes. */
  readonly readable: boolean;
}

/**
 * The graph drawn small enough to read, minimised modulo bisimulation: the whole graph if its
 * quotient has at most `limit` nodes; else projected onto its control fields — the program
 * counters (fields named `pc`, one per process instance) — plus the fields the violated
 * property reads (found by evaluating it on its counterexample), self-loops hidden; else onto
 * as many of those and then of the other fields (fewest distinct values first) as keep the
 * drawing within `limit`. The fields the violated property reads are always kept, and a node
 * never mixes violating and non-violating states, nor are the counterexample's nodes merged
 * with others (see {@link quotientDiagram}), nor its steps hidden as self-loops: its path is
 * drawn step by step and ends on a violating node. When those fields alone exceed `limit`,
 * correctness wins: that drawing is returned with `readable: false` and a note saying so. When
 * no choice fits, the smallest drawing tried is returned with `readable: false` and a note
 * saying so and how to choose a view.
 */
export function readableDiagram<S>(
  model: Model<S>,
  graph: StateGraph,
  options: Omit<DiagramOptions<S>, "view" | "project" | "quotient" | "hideStutter" | "separateViolations">,
  limit = READABLE_NODES,
): ReadableDiagram {
  const whole = buildDiagram(model, graph, { ...options, quotient: true });
  if (whole.nodes.length <= limit || graph.stateCount === 0) return { diagram: whole, readable: whole.nodes.length <= limit };

  const first = model.codec.toJson(model.codec.decode(graph.vector(0), 0));
  const leaves = fieldsOf(first).map(([path]) => path);
  const control = leaves.filter((p) => /(^|\.|\])pc$/.test(p));
  const cex = options.counterexample;
  const read = cex ? propertyFields(model, cex.property, cex.trace.map((step) => step.state)).filter((p) => resolvePath(first, p) !== undefined) : [];
  const preferred = [...new Set([...control, ...read])];
  const draw = (view: readonly string[]) => buildDiagram(model, graph, { ...options, view, hideStutter: true, quotient: true, separateViolations: true });
  let tooMany = "";
  const note = (view: readonly string[], d: Diagram, fits: boolean): ReadableDiagram => ({
    diagram: {
      ...d,
      notes: [
        ...d.notes,
        fits
          ? `view chosen to draw within ${limit} nodes (the whole graph has ${whole.nodes.length} after minimisation${tooMany}); choose fields with --view`
          : `still ${d.nodes.length} nodes, more than ${limit}: choose fewer fields with --view (e.g. --view ${view.slice(0, 2).join(",") || leaves[0]})`,
      ],
    },
    view,
    readable: fits,
  });

  let smallest: { view: readonly string[]; diagram: Diagram } | undefined;
  const consider = (view: readonly string[]): Diagram => {
    const d = draw(view);
    if (!smallest || d.nodes.length < smallest.diagram.nodes.length) smallest = { view, diagram: d };
    return d;
  };
  let tries = 0;
  if (preferred.length > 0) {
    tries++;
    const d = consider(preferred);
    if (d.nodes.length <= limit) return note(preferred, d, true);
    tooMany = `, and ${d.nodes.length} on ${preferred.join(", ")}`;
  }
  // Greedy: the preferred fields first, then the others with the fewest distinct values first.
  // Parts of a field (`c[0]` of an array `c`) are candidates too: the codec lists them.
  const parts = (model.codec.fields ?? []).map((f) => f.path).filter((p) => resolvePath(first, p) !== undefined);
  const others = [...new Set([...leaves, ...parts])].filter((p) => !preferred.includes(p));
  // The fields the violated property reads are always kept: without them its counterexample's
  // states merge with others, and the path drawn would end where the violation is not.
  const inOrder = (view: readonly string[]) => [...preferred.filter((p) => view.includes(p)), ...view.filter((p) => !preferred.includes(p))];
  const candidates = [...control.filter((p) => !read.includes(p)), ...byDistinctValues(model, graph, others, limit * FEW_VALUES)];
  let chosen: string[] = [...read];
  let best: Diagram | undefined;
  if (read.length > 0) {
    tries++;
    const d = consider(read);
    if (d.nodes.length > limit) {
      const kept = `still ${d.nodes.length} nodes, more than ${limit}, on the fields ${cex!.property} reads (${read.join(", ")}): kept so that its counterexample is drawn exactly; choose fewer fields with --view to draw less`;
      return { diagram: { ...d, notes: [...d.notes, kept] }, view: read, readable: false };
    }
    best = d;
  }
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);
  for (const path of candidates) {
    if (chosen.some((c) => overlaps(c, path))) continue; // a part, or the whole, of a chosen field
    if (tries++ >= MAX_TRIES) break;
    const view = inOrder([...chosen, path]);
    const d = consider(view);
    if (d.nodes.length <= limit) {
      chosen = view;
      best = d;
    }
  }
  if (best) return note(chosen, best, true);
  return smallest && smallest.diagram.nodes.length < whole.nodes.length
    ? note(smallest.view, smallest.diagram, false)
    : { diagram: { ...whole, notes: [...whole.notes, `${whole.nodes.length} nodes, more than ${limit}: choose a few fields with --view (e.g. --view ${leaves[0]})`] }, readable: false };
}

/**
 * `paths` that vary but take at most `most` distinct values over the graph's states, fewest
 * first (stable).
 */
function byDistinctValues<S>(model: Model<S>, graph: StateGraph, paths: readonly string[], most: number): string[] {
  const values = paths.map(() => new Set<string>());
  for (let id = 0; id < graph.stateCount; id++) {
    const json = model.codec.toJson(model.codec.decode(graph.vector(id), 0));
    paths.forEach((p, i) => values[i].add(JSON.stringify(resolvePath(json, p) ?? null)));
  }
  return paths.map((p, i) => ({ p, n: values[i].size })).filter(({ n }) => n > 1 && n <= most).sort((a, b) => a.n - b.n).map(({ p }) => p);
}
