/**
 * The report page's browser script (vanilla JavaScript, run after `stateTree` from
 * html-page.ts). It reads the embedded `#report-data` JSON, opens at the counterexample's last
 * step, and redraws the stepper, the state tree and the graph mark on every step change.
 */
export const REPORT_SCRIPT = `
var data = JSON.parse(document.getElementById("report-data").textContent);
var current = { trace: data.open, step: data.open === null ? 0 : data.traces[data.open].steps.length - 1 };
var graphNodes = {};
Array.prototype.forEach.call(document.querySelectorAll("#graph g.node"), function (g) {
  var title = g.querySelector("title");
  if (title) graphNodes[title.textContent] = g;
});
function where(loc) { return loc ? loc.file + ":" + loc.line : ""; }
function stepText(step) {
  if (step.action === null) return "initial state";
  var args = step.binding ? " (" + step.binding + ")" : "";
  return step.label !== undefined ? step.process + " \u00B7 " + step.label + args : step.action + args;
}
function trace() { return current.trace === null ? null : data.traces[current.trace]; }

function select(step) {
  var t = trace();
  if (!t) return;
  current.step = Math.max(0, Math.min(t.steps.length - 1, step));
  drawTrace();
  drawState();
  markGraph();
}

function drawTrace() {
  var box = document.getElementById("trace");
  box.textContent = "";
  var t = trace();
  if (!t) {
    box.appendChild(el("h2", "", "Behaviour"));
    box.appendChild(el("p", "", data.result === "ok" ? "No counterexample: every checked property holds." : "No counterexample was found" + (data.stoppedBy ? " before the search stopped (" + data.stoppedBy + ")." : ".")));
    return;
  }
  box.appendChild(el("h2", "", "Counterexample: " + t.title + " violated"));
  if (t.message) box.appendChild(el("div", "message", t.message));
  var bar = el("div", "stepper");
  var prev = el("button", "", "\\u25C0 back"); prev.id = "prev"; prev.disabled = current.step === 0;
  prev.onclick = function () { select(current.step - 1); };
  var next = el("button", "", "next \\u25B6"); next.id = "next"; next.disabled = current.step === t.steps.length - 1;
  next.onclick = function () { select(current.step + 1); };
  var label = el("span", "", "step " + (current.step + 1) + " of " + t.steps.length); label.id = "step-label";
  bar.appendChild(prev); bar.appendChild(label); bar.appendChild(next);
  bar.appendChild(el("span", "hint", "\\u2190 / \\u2192 keys, or click a step"));
  box.appendChild(bar);
  var lanes = data.lanes.slice();
  var shared = t.steps.some(function (s, i) { return s.lane < 0; });
  var columns = lanes.length === 0 ? ["step"] : shared ? lanes.concat(["shared"]) : lanes;
  var table = el("table", "steps");
  var head = el("tr");
  head.appendChild(el("th", "n", "#"));
  columns.forEach(function (c) { head.appendChild(el("th", "", c)); });
  var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
  var body = el("tbody");
  t.steps.forEach(function (s, i) {
    var row = el("tr");
    row.dataset.step = String(i);
    if (i === current.step) row.classList.add("current");
    if (i === t.steps.length - 1) row.classList.add("last");
    if (t.loopStart !== null && i === t.loopStart) row.classList.add("cycle");
    row.appendChild(el("td", "n", String(i + 1)));
    var column = s.lane < 0 ? columns.length - 1 : s.lane;
    columns.forEach(function (c, j) {
      var cell = el("td", "lane");
      if (j === column) {
        var card = el("span", "step-card", stepText(s));
        if (s.location || s.code) card.title = [s.code, where(s.location)].filter(Boolean).join("\\n");
        cell.appendChild(card);
        var stutter = stutterText(t, i);
        if (stutter) { var mark = el("span", "stutter", "\\u21BA " + stutter); mark.dataset.stutter = [t.stutterAfter.indexOf(i) >= 0 ? "once" : "", t.stutterInCycle.indexOf(i) >= 0 ? "every-lap" : ""].join(" ").trim(); cell.appendChild(mark); }
      }
      row.appendChild(cell);
    });
    row.onclick = function () { select(i); };
    body.appendChild(row);
  });
  table.appendChild(body);
  box.appendChild(table);
  if (t.loopStart !== null) box.appendChild(el("p", "loc", t.stuttering ? "The behaviour stays in the last state forever (stuttering)." : "\\u27F2 The cycle from step " + (t.loopStart + 1) + " repeats forever."));
}

/** What the text trace says after step i of t when its state repeats (a stuttering step the formula sees), or "". */
function stutterText(t, i) {
  var marks = [];
  if (t.stutterAfter.indexOf(i) >= 0) marks.push("then the state repeats once (a stuttering step)");
  if (t.stutterInCycle.indexOf(i) >= 0) marks.push("then the state repeats (a stuttering step) on every lap");
  return marks.join(" \\u00b7 ");
}

function drawState() {
  var box = document.getElementById("state");
  box.textContent = "";
  var t = trace();
  if (!t) return;
  var s = t.steps[current.step];
  var title = el("h2", "", current.step === 0 ? "Initial state (step 1)" : "State after step " + (current.step + 1));
  title.id = "state-title";
  box.appendChild(title);
  var info = el("div", "where");
  info.appendChild(el("code", "", stepText(s)));
  if (s.location) info.appendChild(el("span", "loc", "  " + where(s.location)));
  if (s.code) { info.appendChild(el("br")); info.appendChild(el("code", "stmt", s.code)); }
  if (s.lane >= 0) info.appendChild(el("span", "loc", "  lane " + data.lanes[s.lane]));
  box.appendChild(info);
  var stutter = stutterText(t, current.step);
  if (stutter) { var note = el("div", "stutter", "\\u21BA " + stutter); note.id = "state-stutter"; box.appendChild(note); }
  if (current.step === t.steps.length - 1) box.appendChild(el("div", "message", "\\u2717 " + t.title + (t.stuttering || t.loopStart !== null ? " fails on this behaviour" : " is false here")));
  var tree = stateTree(s.state, current.step > 0 ? t.steps[current.step - 1].state : undefined);
  tree.id = "state-tree";
  box.appendChild(tree);
}

function markGraph() {
  Object.keys(graphNodes).forEach(function (id) { graphNodes[id].classList.remove("current"); });
  var t = trace();
  var node = t && t.steps[current.step].node;
  var g = node && graphNodes[node];
  if (!g) return;
  g.classList.add("current");
  var box = document.querySelector(".svg-box");
  var r = g.getBoundingClientRect(), b = box.getBoundingClientRect();
  box.scrollTop += r.top - b.top - b.height / 2 + r.height / 2;
  box.scrollLeft += r.left - b.left - b.width / 2 + r.width / 2;
}

function badge(p) {
  if (p.status === "unknown") return el("span", "badge muted", "undecided");
  var good = p.asExpected !== false;
  return el("span", "badge " + (good ? "good" : "bad"), p.status + (p.expected === "violated" ? " (expected violated)" : ""));
}

function drawProperties() {
  var box = document.getElementById("properties");
  box.appendChild(el("h2", "", "Properties"));
  var table = el("table");
  var head = el("tr");
  ["property", "kind", "verdict", "message", "source"].forEach(function (h) { head.appendChild(el("th", "", h)); });
  table.appendChild(head);
  data.properties.forEach(function (p) {
    var row = el("tr");
    row.dataset.property = p.name;
    row.appendChild(el("td", "mono", p.name));
    row.appendChild(el("td", "", p.kind));
    var v = el("td"); v.appendChild(badge(p)); row.appendChild(v);
    row.appendChild(el("td", "", p.message || ""));
    row.appendChild(el("td", "loc", where(p.location)));
    if (p.trace !== null) {
      row.classList.add("selectable");
      if (p.trace === current.trace) row.classList.add("open");
      row.title = "show this counterexample";
      row.onclick = function () {
        current.trace = p.trace;
        current.step = data.traces[p.trace].steps.length - 1;
        Array.prototype.forEach.call(table.querySelectorAll("tr"), function (r) { r.classList.toggle("open", r === row); });
        select(current.step);
      };
    }
    table.appendChild(row);
  });
  box.appendChild(table);
}

function count(n) { return n === null ? "\\u2014" : n.toLocaleString("en-US"); }
function drawCoverage() {
  var box = document.getElementById("coverage");
  box.appendChild(el("h2", "", "Coverage"));
  var table = el("table");
  table.id = "coverage-actions";
  var head = el("tr");
  ["action", "enabled", "fired", "discovered", "graph transitions", "source"].forEach(function (h) { head.appendChild(el("th", "", h)); });
  table.appendChild(head);
  data.coverage.forEach(function (a) {
    var row = el("tr");
    row.appendChild(el("td", "mono", a.action));
    [a.enabled, a.fired, a.discovered, a.transitions].forEach(function (n) { row.appendChild(el("td", n === 0 ? "message num" : "num", count(n))); });
    row.appendChild(el("td", "loc", where(a.location)));
    table.appendChild(row);
  });
  box.appendChild(table);
  if (data.fields.length) {
    var fields = el("table");
    fields.id = "coverage-fields";
    var fh = el("tr");
    ["field", "values seen", "of", ""].forEach(function (h) { fh.appendChild(el("th", "", h)); });
    fields.appendChild(fh);
    data.fields.forEach(function (f) {
      var row = el("tr");
      row.appendChild(el("td", "mono", f.path));
      row.appendChild(el("td", "num", (f.estimated ? "~" : "") + count(f.distinct)));
      row.appendChild(el("td", "num", f.domain === null ? "huge" : count(f.domain)));
      var bar = el("div", "bar");
      var fill = el("div", f.domain !== null && f.distinct < f.domain && f.domain <= 64 ? "fill short" : "fill");
      fill.style.width = (f.domain === null ? 0 : Math.max(1, Math.round((100 * f.distinct) / f.domain))) + "%";
      bar.appendChild(fill);
      var cell = el("td");
      cell.appendChild(bar);
      row.appendChild(cell);
      fields.appendChild(row);
    });
    box.appendChild(el("h2", "", "Values per field"));
    box.appendChild(fields);
  }
  if (data.depths.length) {
    box.appendChild(el("h2", "", "States per depth"));
    var most = Math.max.apply(null, data.depths);
    var hist = el("div", "histogram");
    hist.id = "coverage-depths";
    data.depths.forEach(function (n, d) {
      var col = el("div", "col");
      col.title = "depth " + (d + 1) + ": " + n.toLocaleString("en-US") + " state" + (n === 1 ? "" : "s");
      col.style.height = Math.max(1, Math.round((60 * n) / most)) + "px";
      hist.appendChild(col);
    });
    box.appendChild(hist);
    box.appendChild(el("div", "loc", "depth 1 \\u2192 " + data.depths.length + " (hover a column)"));
  }
  if (data.warnings.length) {
    box.appendChild(el("h2", "", "Warnings"));
    var ul = el("ul");
    data.warnings.forEach(function (w) { ul.appendChild(el("li", "", "\\u26A0 " + w.message)); });
    box.appendChild(ul);
  }
}

function drawRun() {
  var box = document.getElementById("run");
  box.appendChild(el("h2", "", "Run"));
  var table = el("table");
  function row(k, v) { var r = el("tr"); r.appendChild(el("th", "", k)); r.appendChild(el("td", "mono", v)); table.appendChild(r); }
  row("spec file", data.file);
  Object.keys(data.params).forEach(function (k) { row("param " + k, JSON.stringify(data.params[k])); });
  row("result", data.result + (data.stoppedBy ? " (" + data.stoppedBy + ")" : ""));
  row("distinct states", data.stats.distinctStates.toLocaleString("en-US"));
  row("states generated", data.stats.statesGenerated.toLocaleString("en-US"));
  row("depth", String(data.stats.depth));
  if (data.stats.queue) row("left in queue", data.stats.queue.toLocaleString("en-US"));
  row("fingerprint collision probability", data.stats.fingerprintCollisionProbability.toExponential(1));
  box.appendChild(table);
}

Object.keys(graphNodes).forEach(function (id) {
  graphNodes[id].addEventListener("click", function () {
    var t = trace();
    if (!t) return;
    var at = t.steps.findIndex(function (s) { return s.node === id; });
    if (at >= 0) select(at);
  });
});
document.addEventListener("keydown", function (e) {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  var t = trace();
  if (!t) return;
  if (e.key === "ArrowLeft") { select(current.step - 1); e.preventDefault(); }
  else if (e.key === "ArrowRight") { select(current.step + 1); e.preventDefault(); }
  else if (e.key === "Home") { select(0); e.preventDefault(); }
  else if (e.key === "End") { select(t.steps.length - 1); e.preventDefault(); }
});
drawProperties();
drawCoverage();
drawRun();
drawTrace();
drawState();
markGraph();
`;
