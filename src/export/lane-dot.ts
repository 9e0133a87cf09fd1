import type { Field } from "../graph/fields.ts";
import { summariseBindings } from "./binding-summary.ts";
import { COLOR, escape, quote, violationTitle } from "./dot.ts";
import type { LaneDiagram, LaneRow } from "./lane-diagram.ts";
import { wrap } from "./trace-diagram.ts";

/** Characters per line of a statement or a message in a node. */
const WIDTH = 42;

/**
 * Graphviz DOT for a {@link LaneDiagram}: one cluster per lane (process instance) side by side,
 * a side column for the shared state, and one row per state of the counterexample, time going
 * down. A step's node sits in its process's lane on its row: `#k`, the label, the statement,
 * what it changed in its own pc and locals; the shared fields it changed sit on the same row in
 * the side column. A thin arrow follows each process from one of its steps to its next. Every
 * lane has a node on every row (invisible where its process does not move), which keeps the
 * rows aligned. The step numbers are the text trace's and `--json`'s. Pure and deterministic.
 */
export function toLaneDot(diagram: LaneDiagram): string {
  const out: string[] = [];
  const rows = diagram.rows;
  const last = rows.length - 1;
  out.push(`digraph ${quote(diagram.title)} {`);
  out.push(
    `  graph [fontname="Helvetica", fontsize=11, pad=0.25, rankdir=TB, newrank=true, nodesep=0.3, ranksep=0.12, labelloc=t, labeljust=l, label=${caption(diagram)}];`,
  );
  out.push(`  node [fontname="Courier", fontsize=9, shape=box, margin="0.10,0.05", style="rounded,filled", fillcolor="${COLOR.fill}", color="${COLOR.border}", fontcolor="${COLOR.text}"];`);
  out.push(`  edge [color="${COLOR.edge}", arrowsize=0.5, penwidth=0.8];`);
  const columns = diagram.lanes.length + 1; // the lanes, then the shared state
  for (let c = 0; c < columns; c++) {
    const shared = c === diagram.lanes.length;
    const title = shared ? "shared state" : diagram.lanes[c].title;
    out.push(`  subgraph cluster_${c} {`);
    out.push(
      `    graph [label=${quote(title)}, fontname="Helvetica", fontsize=13, style="rounded,filled", color="${COLOR.cluster}", fillcolor="${shared ? "#fafafa" : c % 2 === 0 ? "#f3f6fb" : "#f7f7f2"}"];`,
    );
    rows.forEach((row, r) => {
      const text = shared ? sharedText(diagram, row, r) : laneText(diagram, row, r, c);
      if (text === undefined) out.push(`    ${id(c, r)} [shape=point, width=0.01, height=0.01, style=invis, label=""];`);
      else out.push(`    ${id(c, r)} [${nodeAttributes(diagram, row, r, text, shared)}];`);
    });
    out.push(`    ${rows.map((_, r) => id(c, r)).join(" -> ")} [style=invis, weight=100];`);
    out.push("  }");
  }
  rows.forEach((_, r) => out.push(`  { rank=same; ${Array.from({ length: columns }, (_, c) => id(c, r)).join("; ")}; }`));
  // Program order: each lane's steps linked in turn.
  diagram.lanes.forEach((_, c) => {
    let previous = 0;
    rows.forEach((row, r) => {
      if (r === 0 || row.lane !== c) return;
      out.push(`  ${id(c, previous)} -> ${id(c, r)} [constraint=false];`);
      previous = r;
    });
  });
  const loop = diagram.violation.loopStart;
  if (loop !== undefined && !diagram.violation.stuttering && last > 0) {
    const lane = rows[last].lane ?? 0;
    out.push(`  ${id(lane, last)} -> ${id(rows[loop].lane ?? lane, loop)} [constraint=false, style=dashed, color="${COLOR.trace}", label="back to #${loop + 1}", fontcolor="${COLOR.trace}", fontname="Courier", fontsize=9];`);
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}

function id(column: number, row: number): string {
  return `c${column}_r${row}`;
}

/** The label of lane `c` at row `r`: its initial part of the state, or the step its process took; undefined when it did not move. */
function laneText(diagram: LaneDiagram, row: LaneRow, r: number, c: number): string | undefined {
  if (r === 0) return diagram.initial[c].length > 0 ? ["#1 initial state", ...diagram.initial[c].map(fieldText)].join("\n") : undefined;
  if (row.lane !== c) return undefined;
  const step = row.step;
  const head = step.process ? `#${step.number} ${step.label}` : `#${step.number} ${step.action}`;
  const args = step.binding ? ` (${summariseBindings([step.binding])})` : "";
  const lines = [`${head}${args}`];
  if (step.code !== undefined) lines.push(wrap(step.code, WIDTH));
  lines.push(...row.own.map(([path, value]) => (path === "pc" ? `-> ${value}` : fieldText([path, value]))));
  if (row.own.length === 0 && step.process) lines.push("(no change)");
  return lines.join("\n");
}

/** The shared-state column at row `r`: the initial values that change later, then each step's changes. */
function sharedText(diagram: LaneDiagram, row: LaneRow, r: number): string | undefined {
  const fields = r === 0 ? diagram.sharedInitial : row.shared;
  if (fields.length === 0) return undefined;
  return [`#${row.step.number}`, ...fields.map(fieldText)].join("\n");
}

function nodeAttributes(diagram: LaneDiagram, row: LaneRow, r: number, text: string, shared: boolean): string {
  const v = diagram.violation;
  const end = r === diagram.rows.length - 1;
  const notes: string[] = [];
  if (!shared && end && (v.kind === "invariant" || v.kind === "deadlock")) notes.push(v.kind === "deadlock" ? "DEADLOCK: no step is possible" : `VIOLATES ${v.property}`);
  if (!shared && end && v.kind === "liveness") notes.push(v.stuttering ? "stutters here for ever" : `then back to #${(v.loopStart ?? 0) + 1}, for ever`);
  if (!shared && v.loopStart !== undefined && !v.stuttering && r === v.loopStart && !end) notes.push("cycle starts here");
  const label = [text, ...notes].join("\n");
  const attrs = [`label=${quote(label)}`];
  if (shared) attrs.push(`fillcolor="#ffffff"`, `color="#9e9e9e"`, `style="filled"`);
  else if (r === 0) attrs.push("penwidth=1.6");
  if (!shared && end && notes.length > 0) attrs.push(`fillcolor="${COLOR.violating}"`, `color="${COLOR.trace}"`, "penwidth=2");
  const location = row.step.location;
  if (location) attrs.push(`tooltip=${quote(`${location.file}:${location.line}`)}`);
  return attrs.join(", ");
}

function fieldText([path, value]: Field): string {
  return `${path} = ${value}`;
}

/** The title, notes, the violation and the fields no step changes, one left-justified line each. */
function caption(diagram: LaneDiagram): string {
  const v = diagram.violation;
  const steps = diagram.rows.length - 1;
  const what = violationTitle(v.kind, v.property);
  const lines = [diagram.title, ...diagram.notes, `${what}: counterexample of ${steps} step${steps === 1 ? "" : "s"}, one lane per process, time going down (#1 is the initial state)`];
  if (v.message) lines.push(...wrap(v.message, 110).split("\n"));
  if (diagram.constants.length > 0) lines.push(...wrap(`unchanged: ${diagram.constants.map(fieldText).join(", ")}`, 110).split("\n"));
  return `"${lines.map((l) => escape(l)).join("\\l")}\\l"`;
}
