import type { Json, SourceLocation } from "../model/model.ts";
import type { ExploreSession } from "../graph/explore-session.ts";
import { escapeHtml, htmlDocument } from "./html-page.ts";
import { EXPLORER_SCRIPT } from "./explorer-script.ts";
import { formatBinding } from "./text.ts";

type Where = { readonly file: string; readonly line: number } | null;

/** What the explorer page shows, as the server sends it after every request. */
export interface ExplorerView {
  readonly spec: string;
  readonly file: string;
  readonly params: { readonly [name: string]: Json };
  readonly initialStates: readonly Json[];
  /** The behaviour so far; `mark`: what the followed saved trace says after the step (a cycle, a stuttering step), else null. */
  readonly path: readonly { readonly action: string | null; readonly binding: string; readonly location: Where; readonly state: Json; readonly mark: string | null }[];
  readonly at: number;
  readonly successors: readonly {
    readonly action: string;
    readonly binding: string;
    readonly location: Where;
    readonly state: Json;
    readonly violates: readonly string[];
    readonly problem: string | null;
    readonly outsideConstraint: boolean;
    readonly onSaved: boolean;
  }[];
  readonly invariants: readonly { readonly name: string; readonly holds: boolean; readonly message: string | null; readonly location: Where }[];
  readonly ending: "none" | "deadlock" | "terminal";
  /** The saved trace being followed: its length, and the step it stopped matching at, if any. */
  readonly saved: { readonly length: number; readonly diverged: number | null; readonly source: string } | null;
}

/** The explorer's view of `session`. Pure. */
export function explorerView<S>(
  session: ExploreSession<S>,
  subject: { readonly spec: string; readonly file: string; readonly params: { readonly [name: string]: Json } },
  saved: { readonly source: string; readonly diverged: number | null } | null,
): ExplorerView {
  const where = (l: SourceLocation | undefined): Where => (l ? { file: l.file, line: l.line } : null);
  const actionAt = new Map(session.model.actions.map((a) => [a.name, where(a.location)]));
  return {
    ...subject,
    initialStates: session.initialStates().map((s) => session.json(s)),
    path: session.path.map((step, i) => ({
      action: step.action,
      binding: formatBinding(step.binding),
      location: step.action === null ? null : (actionAt.get(step.action) ?? null),
      state: session.json(step.state),
      mark: session.savedMark(i) ?? null,
    })),
    at: session.at,
    successors: session.successors().map((s) => ({
      action: s.action,
      binding: formatBinding(s.binding),
      location: where(s.location),
      state: session.json(s.state),
      violates: s.violates,
      problem: s.problem ?? null,
      outsideConstraint: s.outsideConstraint ?? false,
      onSaved: s.onSaved,
    })),
    invariants: session.verdicts().map((v) => ({ name: v.name, holds: v.holds, message: v.message ?? null, location: where(v.location) })),
    ending: session.ending(),
    saved: saved ? { length: session.savedTrace.length, diverged: saved.diverged, source: saved.source } : null,
  };
}

/**
 * The explorer's one page: it asks the local server for the view (`GET /api/view`) and sends
 * each choice (`POST /api/start|choose|jump|follow` with `{ index }`), redrawing from the view
 * each answer returns. Each request names the page's `session` (a new one per page load) in the
 * `x-interleave-session` header. Vanilla JavaScript; the state tree uses the report's field paths.
 */
export function explorerPage(spec: string, session: string): string {
  const body = [
    // The tab's session: every request names it, so that each tab explores on its own.
    `<meta name="interleave-session" content="${escapeHtml(session)}">`,
    "<header>",
    `<h1>${escapeHtml(spec)} <span class="badge muted">explorer</span></h1>`,
    '<div class="sub" id="subject"></div>',
    "</header>",
    '<div class="layout">',
    '<section id="path" class="panel"></section>',
    '<section id="state" class="panel"></section>',
    '<section id="next" class="panel"></section>',
    "</div>",
  ].join("\n");
  return htmlDocument(`${spec} — interleave explorer`, EXPLORER_CSS, body, EXPLORER_SCRIPT);
}

const EXPLORER_CSS = `
.layout { display: flex; flex-wrap: wrap; align-items: flex-start; }
#path { flex: 1 1 260px; } #state { flex: 2 1 380px; } #next { flex: 2 1 420px; }
.steps { list-style: none; padding: 0; margin: 0; }
.steps li { padding: 2px 6px; border-radius: 4px; cursor: pointer; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.steps li:hover { background: var(--panel); }
.steps li.current { background: var(--cur); color: #fff; }
.steps li.ahead { color: var(--muted); }
.steps .n { display: inline-block; width: 28px; text-align: right; margin-right: 6px; color: var(--muted); }
.steps li.current .n { color: #fff; }
.steps .stutter { display: block; margin-left: 34px; color: var(--warn); font-size: 11.5px; }
.steps li.current .stutter { color: #fff; }
.succ { display: block; width: 100%; text-align: left; margin: 0 0 4px; padding: 4px 8px; }
.succ .act { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
.succ .chg { color: var(--muted); font-size: 12px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.succ.saved { border-color: var(--cur); box-shadow: inset 3px 0 0 var(--cur); }
.succ.bad .act { color: var(--bad); }
.tag { font-size: 11px; margin-left: 6px; }
.inv { list-style: none; padding: 0; }
.inv li { padding: 1px 0; }
.inv .ok { color: var(--good); font-weight: 700; } .inv .ko { color: var(--bad); font-weight: 700; }
.message { color: var(--bad); }
#state h2 { margin-top: 10px; }
.toolbar { display: flex; gap: 6px; margin-bottom: 8px; flex-wrap: wrap; }
`;
