/**
 * The parts shared by interleave's HTML pages (the single-file report and the explorer): the
 * document shell, the stylesheet, and the browser script that draws a state as a tree with
 * the fields a step changed marked. Vanilla CSS and JavaScript, inlined: no framework, no
 * network. Pure strings, deterministic.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JSON for a `<script type="application/json">` element: `<` escaped so no `</script>` can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** A complete HTML document: `head` extras are trusted markup, `body` too. */
export function htmlDocument(title: string, css: string, body: string, script: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${BASE_CSS}${css}</style>`,
    "</head>",
    "<body>",
    body,
    `<script>${STATE_TREE_JS}${script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const BASE_CSS = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa; --bad: #c62828; --badbg: #fde0dc;
  --good: #1a7f37; --goodbg: #dafbe1; --warn: #9a6700; --warnbg: #fff8c5; --cur: #0969da; --curbg: #ddf4ff; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 12px 20px; border-bottom: 1px solid var(--line); background: var(--panel); }
header h1 { font-size: 18px; margin: 0 0 4px; }
header .sub { color: var(--muted); font-size: 13px; }
h2 { font-size: 15px; margin: 0 0 8px; }
section { padding: 12px 20px; }
code, .mono, .tree { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.bad { color: var(--bad); background: var(--badbg); } .badge.good { color: var(--good); background: var(--goodbg); }
.badge.warn { color: var(--warn); background: var(--warnbg); } .badge.muted { color: var(--muted); background: var(--panel); border: 1px solid var(--line); }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; }
.loc { color: var(--muted); font-size: 12px; }
button { font: inherit; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
button:hover { background: var(--panel); } button:disabled { opacity: .45; cursor: default; }
.tree ul { list-style: none; margin: 0; padding-left: 16px; }
.tree > ul { padding-left: 0; }
.tree li { padding: 1px 0; }
.tree .key { color: #0550ae; }
.tree .changed > .key, .tree summary.changed { font-weight: 700; }
.tree li.changed { background: var(--warnbg); }
.tree .old { color: var(--bad); text-decoration: line-through; margin-right: 4px; }
.tree .arrow { color: var(--muted); margin-right: 4px; }
.tree summary { cursor: pointer; }
`;

/**
 * Browser code: `stateTree(state, previous)` returns a `<div class="tree">` listing the state's
 * fields by the same paths as traces and `--view` (`caller.pc`, `handler[1].pc`; arrays of
 * plain values shown inline), each `<li data-path="…">`; fields that differ from `previous` are
 * marked `changed` and show the old value struck through. Text only (no HTML from the spec).
 */
const STATE_TREE_JS = `
"use strict";
function isObj(v) { return v !== null && typeof v === "object"; }
function showValue(v) {
  if (v === null) return "null";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return "[" + v.map(showValue).join(", ") + "]";
  if (typeof v === "object") return "{" + Object.keys(v).map(function (k) { return k + ": " + showValue(v[k]); }).join(", ") + "}";
  return String(v);
}
function isLeaf(v) {
  if (!isObj(v)) return true;
  var items = Array.isArray(v) ? v : Object.keys(v).map(function (k) { return v[k]; });
  return items.length === 0 || (Array.isArray(v) && items.every(function (x) { return !isObj(x); }));
}
function childPath(path, key) {
  key = String(key);
  if (/^(0|[1-9][0-9]*)$/.test(key)) return path + "[" + key + "]";
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path ? path + "." + key : key;
  return path + "[" + JSON.stringify(key) + "]";
}
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function stateTree(state, previous) {
  var root = el("div", "tree");
  function build(value, before, path) {
    var ul = el("ul");
    var changedHere = false;
    Object.keys(value).forEach(function (k) {
      var v = value[k];
      var b = isObj(before) ? before[k] : undefined;
      var p = childPath(path, k);
      var li = el("li");
      li.dataset.path = p;
      if (isLeaf(v)) {
        li.appendChild(el("span", "key", k));
        li.appendChild(document.createTextNode(" = "));
        if (previous !== undefined && showValue(v) !== showValue(b)) {
          li.classList.add("changed");
          changedHere = true;
          if (b !== undefined) { li.appendChild(el("span", "old", showValue(b))); li.appendChild(el("span", "arrow", "\\u2192")); }
        }
        li.appendChild(el("span", "val", showValue(v)));
      } else {
        var details = el("details");
        details.open = true;
        var summary = el("summary", "", k);
        var inner = build(v, b, p);
        if (inner.changed) { summary.classList.add("changed"); changedHere = true; }
        details.appendChild(summary);
        details.appendChild(inner.ul);
        li.appendChild(details);
      }
      ul.appendChild(li);
    });
    return { ul: ul, changed: changedHere };
  }
  if (isObj(state) && !isLeaf(state)) root.appendChild(build(state, previous, "").ul);
  else root.appendChild(el("span", "val", showValue(state)));
  return root;
}
`;
