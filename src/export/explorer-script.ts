/**
 * The explorer page's browser script (vanilla JavaScript, run after `stateTree` from
 * html-page.ts). Every user choice is a request to the local server; each answer is the whole
 * view, drawn afresh. `body[data-busy]` is set while a request is in flight.
 */
export const EXPLORER_SCRIPT = `
var view = null;
var session = document.querySelector('meta[name="interleave-session"]').content;
function where(loc) { return loc ? loc.file + ":" + loc.line : ""; }
function stepText(s) { return s.action === null ? "initial state" : s.action + (s.binding ? " (" + s.binding + ")" : ""); }
function leaves(value, path, out) {
  if (isLeaf(value) || !isObj(value)) { out[path] = showValue(value); return out; }
  Object.keys(value).forEach(function (k) { leaves(value[k], childPath(path, k), out); });
  return out;
}
function changes(from, to) {
  var a = leaves(from, "", {}), b = leaves(to, "", {});
  return Object.keys(b).filter(function (p) { return a[p] !== b[p]; }).map(function (p) { return p + ": " + (a[p] === undefined ? "" : a[p] + " \\u2192 ") + b[p]; });
}
function request(path, index) {
  document.body.dataset.busy = "1";
  return fetch(path, { method: index === undefined ? "GET" : "POST", headers: { "content-type": "application/json", "x-interleave-session": session }, body: index === undefined ? undefined : JSON.stringify({ index: index }) })
    .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.statusText); return j; }); })
    .then(draw)
    .catch(function (e) { var box = document.getElementById("next"); box.prepend(el("p", "message", "\\u2717 " + e.message)); })
    .then(function () { delete document.body.dataset.busy; });
}
function draw(v) {
  view = v;
  var params = Object.keys(v.params).map(function (k) { return k + " = " + JSON.stringify(v.params[k]); }).join(", ");
  document.getElementById("subject").textContent = v.file + (params ? " \\u00b7 " + params : "") + (v.saved ? " \\u00b7 following " + v.saved.source : "");
  drawPath(); drawState(); drawNext();
  document.body.dataset.at = String(v.at);
}
function drawPath() {
  var box = document.getElementById("path");
  box.textContent = "";
  box.appendChild(el("h2", "", "Behaviour"));
  var bar = el("div", "toolbar");
  var back = el("button", "", "\\u25C0 back"); back.id = "back"; back.disabled = view.at === 0;
  back.onclick = function () { request("/api/jump", view.at - 1); };
  var fwd = el("button", "", "forward \\u25B6"); fwd.id = "forward"; fwd.disabled = view.at >= view.path.length - 1;
  fwd.onclick = function () { request("/api/jump", view.at + 1); };
  bar.appendChild(back); bar.appendChild(fwd);
  if (view.saved) { var f = el("button", "", "follow saved trace"); f.id = "follow"; f.onclick = function () { request("/api/follow", 0); }; bar.appendChild(f); }
  box.appendChild(bar);
  if (view.saved && view.saved.diverged !== null) box.appendChild(el("p", "message", "The saved trace stops matching this spec at its step " + view.saved.diverged + "."));
  var ol = el("ol", "steps");
  view.path.forEach(function (s, i) {
    var li = el("li", i === view.at ? "current" : i > view.at ? "ahead" : "");
    li.dataset.step = String(i);
    li.appendChild(el("span", "n", String(i)));
    li.appendChild(document.createTextNode(stepText(s)));
    if (s.mark) li.appendChild(el("span", "stutter", s.mark));
    if (s.location) li.title = where(s.location);
    li.onclick = function () { request("/api/jump", i); };
    ol.appendChild(li);
  });
  box.appendChild(ol);
  if (view.initialStates.length > 1) {
    box.appendChild(el("h2", "", "Initial states"));
    view.initialStates.forEach(function (s, i) {
      var b = el("button", "succ", "start from initial state " + i);
      b.dataset.initial = String(i);
      b.onclick = function () { request("/api/start", i); };
      box.appendChild(b);
    });
  }
}
function drawState() {
  var box = document.getElementById("state");
  box.textContent = "";
  var s = view.path[view.at];
  if (!s) return;
  var h = el("h2", "", view.at === 0 ? "Initial state" : "State after step " + view.at); h.id = "state-title";
  box.appendChild(h);
  var info = el("div", "loc", stepText(s) + (s.location ? "  " + where(s.location) : ""));
  box.appendChild(info);
  box.appendChild(el("h2", "", "Invariants"));
  var ul = el("ul", "inv");
  view.invariants.forEach(function (inv) {
    var li = el("li");
    li.dataset.invariant = inv.name;
    li.dataset.holds = String(inv.holds);
    li.appendChild(el("span", inv.holds ? "ok" : "ko", inv.holds ? "\\u2713 " : "\\u2717 "));
    li.appendChild(el("span", "mono", inv.name));
    if (inv.location) li.appendChild(el("span", "loc", "  " + where(inv.location)));
    if (inv.message) { li.appendChild(el("div", "message", inv.message)); }
    ul.appendChild(li);
  });
  box.appendChild(ul);
  var tree = stateTree(s.state, view.at > 0 ? view.path[view.at - 1].state : undefined);
  tree.id = "state-tree";
  box.appendChild(tree);
}
function drawNext() {
  var box = document.getElementById("next");
  box.textContent = "";
  box.appendChild(el("h2", "", "Enabled actions (" + view.successors.length + ")"));
  if (view.ending !== "none") box.appendChild(el("p", view.ending === "deadlock" ? "message" : "loc", view.ending === "deadlock" ? "\\u2717 Deadlock: no action is enabled here." : "No action is enabled; the spec allows a behaviour to end here."));
  var current = view.path[view.at];
  view.successors.forEach(function (s, i) {
    var b = el("button", "succ" + (s.onSaved ? " saved" : "") + (s.violates.length || s.problem ? " bad" : ""));
    b.dataset.action = s.action;
    b.dataset.binding = s.binding;
    b.dataset.index = String(i);
    b.appendChild(el("span", "act", s.action));
    if (s.binding) b.appendChild(el("span", "", " (" + s.binding + ")"));
    if (s.onSaved) b.appendChild(el("span", "badge muted tag", "saved trace"));
    if (s.violates.length) b.appendChild(el("span", "badge bad tag", "violates " + s.violates.join(", ")));
    if (s.outsideConstraint) b.appendChild(el("span", "badge warn tag", "outside the constraint"));
    if (s.location) b.title = where(s.location);
    var chg = changes(current.state, s.state);
    b.appendChild(el("div", "chg", s.problem ? s.problem : chg.length ? chg.slice(0, 4).join("; ") + (chg.length > 4 ? "; \\u2026 " + (chg.length - 4) + " more" : "") : "(no change: a stuttering step)"));
    if (s.problem) b.disabled = true;
    b.onclick = function () { request("/api/choose", i); };
    box.appendChild(b);
  });
}
document.addEventListener("keydown", function (e) {
  if (!view || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === "ArrowLeft" && view.at > 0) { request("/api/jump", view.at - 1); e.preventDefault(); }
  else if (e.key === "ArrowRight" && view.at < view.path.length - 1) { request("/api/jump", view.at + 1); e.preventDefault(); }
});
request("/api/view");
`;
