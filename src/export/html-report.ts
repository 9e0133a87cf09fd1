import type { ReportPage } from "./html-report-data.ts";
import { escapeHtml, htmlDocument, scriptJson } from "./html-page.ts";
import { REPORT_SCRIPT } from "./html-report-script.ts";

/**
 * The single-file HTML report of a check: one self-contained document (inline CSS and vanilla
 * JavaScript, the data embedded as JSON, the state graph as inline SVG; no network, works from
 * `file://`) that opens at the counterexample if there is one. Pure and deterministic: the same
 * page data gives the same bytes (the data holds no timestamp and no duration).
 *
 * The page: a trace stepper (← / → keys, or click a step) with a column per lane and, for the
 * selected step, the state as a tree with the changed fields marked; the graph with the
 * counterexample in red and the selected step's node outlined in blue; every property with its
 * verdict, message and source line (click a violated one to show its trace); coverage per
 * action, warnings, parameters and statistics.
 */
export function toHtmlReport(page: ReportPage): string {
  const verdict = verdictBadge(page);
  const params = Object.entries(page.params)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join(", ");
  const body = [
    "<header>",
    `<h1>${escapeHtml(page.spec)} ${verdict}</h1>`,
    `<div class="sub"><code>${escapeHtml(page.file)}</code>${params ? ` · ${escapeHtml(params)}` : ""}</div>`,
    "</header>",
    '<div class="layout">',
    '<section id="trace" class="panel"></section>',
    '<div class="side">',
    '<section id="state" class="panel"></section>',
    `<section id="graph">${graphMarkup(page)}</section>`,
    "</div>",
    "</div>",
    '<section id="properties"></section>',
    '<div class="layout">',
    '<section id="coverage"></section>',
    '<section id="run"></section>',
    "</div>",
    `<script id="report-data" type="application/json">${scriptJson({ ...page, graph: page.graph.kind === "svg" ? { kind: "svg", notes: page.graph.notes } : page.graph })}</script>`,
  ].join("\n");
  return htmlDocument(`${page.spec} — interleave report`, REPORT_CSS, body, REPORT_SCRIPT);
}

function verdictBadge(page: ReportPage): string {
  const unexpected = page.properties.some((p) => p.asExpected === false);
  switch (page.result) {
    case "ok":
      return '<span class="badge good" id="verdict">all properties hold</span>';
    case "incomplete":
      return `<span class="badge warn" id="verdict">incomplete (${escapeHtml(page.stoppedBy ?? "")})</span>`;
    case "violation":
      return unexpected
        ? '<span class="badge bad" id="verdict">violated</span>'
        : '<span class="badge good" id="verdict">violated as expected</span>';
  }
}

/** The inline SVG (its XML prolog and comments dropped), with its notes; or why there is none. */
function graphMarkup(page: ReportPage): string {
  if (page.graph.kind === "omitted") return `<h2>State graph</h2><p class="loc">${escapeHtml(page.graph.reason)}</p>`;
  const svg = page.graph.svg
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace(/<!DOCTYPE[^>]*>\s*/, "")
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    // Graphviz sizes in points (1.33 px each): draw one point as one pixel, to see more of the graph.
    .replace(/^<svg width="([\d.]+)pt" height="([\d.]+)pt"/, '<svg width="$1px" height="$2px"');
  const notes = page.graph.notes.map((n) => `<div class="loc">${escapeHtml(n)}</div>`).join("");
  return `<h2>State graph</h2>${notes}<div class="svg-box">${svg}</div>`;
}

const REPORT_CSS = `
.layout { display: flex; flex-wrap: wrap; align-items: flex-start; }
.layout > section { flex: 1 1 420px; min-width: 0; }
#trace { flex: 3 1 560px; min-width: 0; }
.side { flex: 2 1 420px; min-width: 0; position: sticky; top: 0; max-height: 100vh; overflow: auto; }
.side > section { padding-bottom: 4px; }
.stepper { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; }
.stepper .hint { color: var(--muted); font-size: 12px; }
.steps { width: 100%; table-layout: fixed; }
.steps td, .steps th { border-bottom: 1px solid #eaeef2; padding: 2px 6px; }
.steps th.n, .steps td.n { width: 38px; color: var(--muted); text-align: right; }
.steps td.lane { border-left: 2px solid #eaeef2; }
.steps tr { cursor: pointer; }
.steps tr:hover td { background: var(--panel); }
.steps tr.current td { background: var(--curbg); }
.steps tr.current td.n { color: var(--cur); font-weight: 700; }
.step-card { display: inline-block; padding: 0 6px; border-radius: 4px; background: #eef1f4; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.steps tr.current .step-card { background: var(--cur); color: #fff; }
.steps tr.cycle td.n::after { content: " \\27F2"; }
.steps tr.last .step-card { outline: 2px solid var(--bad); }
.stutter { display: block; color: var(--warn); font-size: 12px; }
.message { color: var(--bad); margin: 4px 0 8px; }
#state .where { color: var(--muted); margin-bottom: 6px; }
.svg-box { overflow: auto; max-height: 42vh; border: 1px solid var(--line); border-radius: 6px; padding: 6px; }
.svg-box svg { height: auto; max-width: none; }
#graph g.node { cursor: pointer; }
#graph g.node.current path, #graph g.node.current polygon, #graph g.node.current ellipse { stroke: var(--cur); stroke-width: 5px; }
tr.selectable { cursor: pointer; } tr.selectable:hover td { background: var(--panel); }
tr.open td { background: var(--curbg); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { width: 120px; height: 8px; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; margin-top: 5px; }
.bar .fill { height: 100%; background: var(--good); border-radius: 3px; } .bar .fill.short { background: var(--warn); }
.histogram { display: flex; align-items: flex-end; gap: 1px; height: 62px; border-bottom: 1px solid var(--line); }
.histogram .col { flex: 1 1 0; max-width: 14px; background: var(--cur); opacity: .7; }
`;
