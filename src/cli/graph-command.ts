import path from "node:path";
import { type Command, Option } from "commander";
import { check } from "../check/check.ts";
import type { CheckResult } from "../check/result.ts";
import { toDot, violationTitle } from "../export/dot.ts";
import { buildDiagram } from "../graph/build-diagram.ts";
import type { Diagram } from "../graph/diagram.ts";
import { StateGraph } from "../graph/state-graph.ts";
import type { Json, Model } from "../model/model.ts";
import { isSpecError } from "../model/spec-error.ts";
import { formatSpecError } from "./format-error.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { loadModel, paramsText } from "./load-model.ts";
import { noTypecheckOption, typecheckOption } from "./load-spec.ts";
import { checkOutputTarget } from "./output-file.ts";
import { collect, positiveInt, UsageError } from "./params.ts";
import { diagramFormat, writeDiagram } from "./render-svg.ts";
import { isValueSet } from "../state/value-set.ts";

/** Above this many nodes a diagram is not readable; `graph` refuses unless `--max-nodes` says otherwise. */
export const DEFAULT_MAX_NODES = 300;

/** The most states `--quotient` minimises without a view (the refinement is O(rounds × transitions)). */
const QUOTIENT_MAX_STATES = 200_000;

export interface GraphFlags {
  spec?: string;
  set?: string[];
  view?: string;
  hideStutter?: boolean;
  quotient?: boolean;
  layout?: "tb" | "lr";
  cluster?: string;
  maxNodes: number;
  out?: string;
  typecheck?: boolean;
}

/** `interleave graph <file>`: draw the reachable state graph (or a projection of it) as DOT or SVG. */
export function registerGraph(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("graph")
    .description("draw the reachable state graph, or its projection onto a few fields, as DOT or SVG")
    .argument("<file>", "spec file (.ts), loaded directly — no build step")
    .option("--spec <export>", "which exported spec to draw (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect)
    .addOption(typecheckOption())
    .addOption(noTypecheckOption())
    .option(
      "--view <fields>",
      "project onto these field paths (comma-separated, e.g. pc,cpus[1].refs; cpus.1.refs works too), or a view the spec names in `views`: one node per distinct value",
    )
    .option("--hide-stutter", "drop self-loops (transitions that leave the shown fields unchanged)")
    .option("--quotient", "minimise modulo bisimulation: merge nodes with the same marks whose actions lead to the same merged nodes")
    .option("--cluster <field>", "group nodes into boxes by the value of this field")
    .addOption(new Option("--layout <direction>", "tb: top to bottom (default), lr: left to right").choices(["tb", "lr"]))
    .addOption(
      new Option("--max-nodes <n>", "refuse to draw more than <n> nodes")
        .argParser(positiveInt("--max-nodes"))
        .default(DEFAULT_MAX_NODES),
    )
    .option("--out <file>", "write to <file>: .dot for Graphviz DOT, .svg rendered (default: DOT on stdout)")
    .addHelpText(
      "after",
      `
The graph shows every reachable state (or, with --view, every distinct value of the chosen
fields), edges labelled with action and binding; initial states, deadlocks and invariant
violations are marked and the shortest counterexample, if any, is drawn in red.

Exit codes:
  0  the diagram was written (also when it shows a violation)
  2  the spec is wrong: not found, does not compile, throws, leaves its schema
  3  usage error, or the graph has more nodes than --max-nodes (choose a --view)
  4  interrupted before the graph was complete

Examples:
  interleave graph examples/counter.ts --out counter.svg
  interleave graph examples/counter.ts --view mode --hide-stutter --out counter-mode.svg
  interleave graph specs/smp-call-function-many.ts --view caller.pc,data.onList --quotient --out smp.svg`,
    )
    .action(async (file: string, flags: GraphFlags) => {
      setExit(await runGraph(file, flags, io));
    });
}

async function runGraph(fileArg: string, flags: GraphFlags, io: CliIO): Promise<number> {
  const file = path.resolve(io.cwd, fileArg);
  if (flags.out !== undefined) diagramFormat(flags.out, "--out");
  checkOutputTarget(flags.out, "--out", io.cwd);
  const view = flags.view
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (view !== undefined && view.length === 0) throw new UsageError("--view expects field paths, e.g. --view mode,n");

  let diagram: Diagram;
  try {
    const { spec, model, params } = await loadModel(file, { exportName: flags.spec, set: flags.set, typecheck: flags.typecheck, cwd: io.cwd });
    const label = spec.definition.label;
    const named = view?.length === 1 ? spec.definition.views?.[view[0]] : undefined;
    const project = named && { name: view![0], of: (s: unknown) => viewJson(named(s as never, params as never)) };
    // A projection or a quotient can draw a large graph small: the drawn node count is checked below.
    const explored = await explore(model, view ? Infinity : flags.quotient ? Math.max(flags.maxNodes, QUOTIENT_MAX_STATES) : flags.maxNodes, io.signal);
    if (explored.kind === "too-many") return refuse(io, `the reachable graph has more than ${flags.maxNodes} states`, view, flags);
    if (explored.kind === "interrupted") {
      io.stderr("interrupted: no diagram written\n");
      return ExitCode.incomplete;
    }
    const { graph, result } = explored;
    const violation = result.result === "violation" ? result.violation : undefined;
    try {
      diagram = buildDiagram(model, graph, {
        title: model.name,
        notes: paramsText(params) ? [paramsText(params)] : [],
        ...(project ? { project } : { view }),
        hideStutter: flags.hideStutter,
        quotient: flags.quotient,
        cluster: flags.cluster,
        ...(label ? { label: (s: unknown) => label(s as never, params as never) } : {}),
        ...(violation ? { counterexample: violation } : {}),
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    if (diagram.nodes.length > flags.maxNodes) {
      return refuse(io, `the ${view ? "projected " : ""}graph has ${diagram.nodes.length} nodes`, view, flags);
    }
  } catch (e) {
    if (isSpecError(e)) {
      io.stderr(`${formatSpecError(e.details.file ? e : e.with({ file }), file, io.cwd)}\n`);
      return ExitCode.specError;
    }
    throw e;
  }

  const dot = toDot(diagram, flags.layout === "lr" ? { rankdir: "LR" } : {});
  const summary = `${diagram.nodes.length} nodes, ${diagram.edges.length} edges${
    diagram.violation ? ` — ${violationTitle(diagram.violation.kind, diagram.violation.property)}, counterexample in red` : ""
  }`;
  if (flags.out === undefined) {
    io.stdout(dot);
    io.stderr(`${summary}\n`);
  } else {
    const out = await writeDiagram(flags.out, dot, io.cwd, "--out");
    io.stdout(`wrote ${path.relative(io.cwd, out) || out}: ${summary}\n`);
  }
  return ExitCode.ok;
}

type Explored =
  | { readonly kind: "done"; readonly graph: StateGraph; readonly result: CheckResult<unknown> }
  | { readonly kind: "too-many" }
  | { readonly kind: "interrupted" };

/**
 * Records the reachable graph and the checker's verdict. A violation stops the search early,
 * so then a second run without properties records the whole graph (violating states included).
 */
async function explore(model: Model<unknown>, maxNodes: number, signal?: AbortSignal): Promise<Explored> {
  const maxStates = Number.isFinite(maxNodes) ? maxNodes + 1 : undefined;
  let graph = new StateGraph(model.codec.width);
  const result = await check(model, { observer: graph, maxStates, signal });
  if (result.result === "incomplete") return result.stoppedBy === "max-states" ? { kind: "too-many" } : { kind: "interrupted" };
  if (graph.stateCount > maxNodes) return { kind: "too-many" };
  if (result.result === "violation") {
    graph = new StateGraph(model.codec.width);
    const full = await check(model, { observer: graph, maxStates, signal, properties: [] });
    if (full.result === "incomplete") return full.stoppedBy === "max-states" ? { kind: "too-many" } : { kind: "interrupted" };
    if (graph.stateCount > maxNodes) return { kind: "too-many" };
  }
  return { kind: "done", graph, result };
}

function refuse(io: CliIO, what: string, view: readonly string[] | undefined, flags: GraphFlags): number {
  io.stderr(
    `error: ${what}, too many to read (limit ${flags.maxNodes}).\n` +
      (view
        ? `  hint: project onto fewer fields (--view), drop self-loops (--hide-stutter), or raise the limit with --max-nodes\n`
        : `  hint: project onto a few fields with --view field,field.sub (e.g. a program counter), or raise the limit with --max-nodes\n`),
  );
  return ExitCode.usage;
}

/** A view function's value as canonical JSON: sets sorted, undefined as null. */
function viewJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Set || isValueSet(value)) return [...value].map(viewJson).sort((a, b) => compare(JSON.stringify(a), JSON.stringify(b)));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), viewJson(v)]));
  if (Array.isArray(value)) return value.map(viewJson);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, viewJson(v)]));
  return value as Json;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
