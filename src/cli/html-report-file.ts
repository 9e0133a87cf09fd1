import path from "node:path";
import { check } from "../check/check.ts";
import type { CheckResult } from "../check/result.ts";
import type { Verdicts } from "../check/verdicts.ts";
import { buildDiagram } from "../graph/build-diagram.ts";
import type { Diagram } from "../graph/diagram.ts";
import { fieldsOf } from "../graph/fields.ts";
import { StateGraph } from "../graph/state-graph.ts";
import { toDot } from "../export/dot.ts";
import { reportPage, type PageGraph, type ReportPage } from "../export/html-report-data.ts";
import { toHtmlReport } from "../export/html-report.ts";
import type { ReportSubject } from "../export/json-report.ts";
import type { Model } from "../model/model.ts";
import type { CliIO } from "./io.ts";
import { REPORT_MAX_NODES } from "./report-max-nodes.ts";
import { writeOutput } from "./output-file.ts";
import { UsageError } from "./usage-error.ts";
import { renderSvg } from "./render-svg.ts";

/** The flags of `report` and `check --html`. */
export interface HtmlFlags {
  html?: string;
  /** Field paths the report's graph is projected onto (comma-separated). */
  view?: string;
  /** Field paths whose records (or whose keys' records) are the trace's lanes; `none` for one column. */
  lanes?: string;
  /** The most nodes the report's graph may have (default {@link REPORT_MAX_NODES}). */
  maxNodes?: number;
  /** The check's state limit, which the graph's exploration keeps too. */
  maxStates?: number;
}

/** The most states recorded to draw the report's graph. */
const GRAPH_MAX_STATES = 200_000;

/**
 * The single-file HTML report (`check --html FILE`, `interleave report`) as data, where the
 * model is: the verdicts of `outcome`, and the state graph explored once more with every
 * transition recorded, minimised modulo bisimulation, when it fits in `maxNodes` — as it is, or
 * projected onto `--view`, or else onto the program counters (fields named `pc`). The graph is
 * left as DOT: {@link writeHtmlReport} renders it (Graphviz's renderer runs in the main thread).
 */
export async function htmlReportData<S>(
  flags: HtmlFlags,
  context: { readonly model: Model<S>; readonly outcome: Verdicts<S>; readonly run: CheckResult<S>; readonly subject: ReportSubject },
  io: CliIO,
): Promise<HtmlReportData | undefined> {
  if (!flags.html) return undefined;
  const { model, outcome, run, subject } = context;
  const lanes = flags.lanes === undefined ? undefined : flags.lanes === "none" ? [] : splitPaths(flags.lanes, "--lanes");
  const { graph, diagrams, transitions } = await drawGraph(model, outcome, flags, io);
  try {
    const page = reportPage(model, outcome.verdicts, {
      spec: subject.spec ?? model.name,
      file: subject.file,
      params: subject.params,
      run,
      lanes,
      graph,
      traceNodes: new Map(diagrams.flatMap((d) => (d.violation && d.traceNodes ? [[d.violation.property, d.traceNodes] as const] : []))),
      ...(transitions ? { transitions } : {}),
    });
    return diagrams.length === 0 ? { page } : { page, dot: toDot(diagrams[0]), notes: diagrams[0].notes };
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

/** The HTML report as {@link htmlReportData} leaves it: the page, and its graph as DOT when one is drawn. */
export interface HtmlReportData {
  readonly page: ReportPage;
  readonly dot?: string;
  readonly notes?: readonly string[];
}

/** Renders the report's graph, if any, into the page and writes the HTML file. */
export async function writeHtmlReport(flags: HtmlFlags, data: HtmlReportData | undefined, io: CliIO): Promise<void> {
  if (!flags.html || data === undefined) return;
  const page = data.dot === undefined ? data.page : { ...data.page, graph: { kind: "svg" as const, svg: await renderSvg(data.dot), notes: data.notes ?? [] } };
  const html = toHtmlReport(page);
  const out = writeOutput(flags.html, html, "--html", io.cwd);
  io.stdout(`  HTML report: ${path.relative(io.cwd, out) || out} (${Math.ceil(Buffer.byteLength(html) / 1024)} KB)\n`);
}

/**
 * The report's graph: one diagram per violated property (the same nodes, each marking its own
 * counterexample; the first is drawn), or why none is drawn.
 */
async function drawGraph<S>(
  model: Model<S>,
  outcome: Verdicts<S>,
  flags: HtmlFlags,
  io: CliIO,
): Promise<{ graph: PageGraph; diagrams: Diagram[]; transitions?: number[] }> {
  const maxNodes = flags.maxNodes ?? REPORT_MAX_NODES;
  const recorded = new StateGraph(model.codec.width);
  const limit = Math.min(GRAPH_MAX_STATES, flags.maxStates ?? Infinity);
  const explored = await check(model, { observer: recorded, properties: [], maxStates: limit, signal: io.signal, live: io.status });
  if (explored.result !== "ok") {
    const why = explored.result === "incomplete" ? explored.stoppedBy : explored.result;
    return { graph: { kind: "omitted", reason: `Not drawn: the search to record the graph stopped (${why}; at most ${limit.toLocaleString("en-US")} states are recorded).` }, diagrams: [] };
  }
  const transitions = model.actions.map(() => 0);
  for (let e = 0; e < recorded.edgeCount; e++) transitions[recorded.action(e)]++;
  const first = recorded.stateCount > 0 ? model.codec.toJson(model.codec.decode(recorded.vector(0), 0)) : null;
  const pcs = fieldsOf(first).map(([p]) => p).filter((p) => /(^|\.)pc$/.test(p));
  const views: (string[] | undefined)[] = flags.view ? [splitPaths(flags.view, "--view")] : [undefined, ...(pcs.length > 0 ? [pcs] : [])];
  const violated = outcome.verdicts.flatMap((v) => (v.violation ? [v.violation] : []));
  const ordered = [...violated.filter((v) => outcome.verdicts.find((x) => x.violation === v)?.asExpected === false), ...violated];
  const cexes = [...new Set(ordered)];
  let tried = "";
  for (const view of views) {
    const build = (counterexample?: (typeof violated)[number]) => {
      try {
        return buildDiagram(model, recorded, { title: model.name, view, hideStutter: view !== undefined, quotient: true, ...(counterexample ? { counterexample } : {}) });
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(e.message);
        throw e;
      }
    };
    const first = build(cexes[0]);
    if (first.nodes.length <= maxNodes) return { graph: { kind: "omitted", reason: "" }, diagrams: [first, ...cexes.slice(1).map(build)], transitions };
    tried += `${tried ? "; " : ""}${view ? `projected onto ${view.join(", ")}` : "the whole graph"} has ${first.nodes.length} nodes after minimisation`;
  }
  return { graph: { kind: "omitted", reason: `Not drawn: ${tried} (more than ${maxNodes}). Choose fields with --view, or raise --max-nodes.` }, diagrams: [], transitions };
}

function splitPaths(text: string, flag: string): string[] {
  const paths = text.split(",").map((s) => s.trim()).filter(Boolean);
  if (paths.length === 0) throw new UsageError(`${flag} expects field paths, e.g. ${flag} caller,handler`);
  return paths;
}
