import { check } from "../check/check.ts";
import type { CheckResult, StopReason } from "../check/result.ts";
import { toDot, violationTitle } from "../export/dot.ts";
import { buildDiagram } from "../graph/build-diagram.ts";
import type { Diagram } from "../graph/diagram.ts";
import { StateGraph } from "../graph/state-graph.ts";
import type { Json, Model } from "../model/model.ts";
import { isSpecError } from "../model/spec-error.ts";
import { isValueSet } from "../state/value-set.ts";
import { formatSpecError } from "./format-error.ts";
import type { GraphFlags, GraphJob, GraphOutcome } from "./graph-job.ts";
import { graphStopped } from "./graph-output.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { loadModel } from "./load-model.ts";
import { checkOutputTarget } from "./output-file.ts";
import { paramsText } from "./params.ts";
import { UsageError } from "./usage-error.ts";
import { diagramFormat } from "./render-svg.ts";

/** The most states `--quotient` minimises without a view (the refinement is O(rounds × transitions)). */
const QUOTIENT_MAX_STATES = 200_000;

/**
 * `interleave graph` on one spec file: load, explore, build the diagram as DOT (graph-output.ts
 * writes it). A usage error, a spec fault or a refusal is printed here and becomes an exit code
 * (the command may run in a worker thread).
 */
export async function drawGraph(job: GraphJob, io: CliIO): Promise<GraphOutcome> {
  try {
    return await graph(job, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return exit(ExitCode.usage);
  }
}

const exit = (code: number): GraphOutcome => ({ kind: "exit", code });

async function graph({ file, flags }: GraphJob, io: CliIO): Promise<GraphOutcome> {
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
    const explored = await explore(model, view ? Infinity : flags.quotient ? Math.max(flags.maxNodes, QUOTIENT_MAX_STATES) : flags.maxNodes, io);
    if (explored.kind === "too-many") return exit(refuse(io, `the reachable graph has more than ${flags.maxNodes} states`, view, flags));
    if (explored.kind === "stopped") {
      io.stderr(graphStopped(explored.reason));
      return exit(ExitCode.incomplete);
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
      return exit(refuse(io, `the ${view ? "projected " : ""}graph has ${diagram.nodes.length} nodes`, view, flags));
    }
  } catch (e) {
    if (isSpecError(e)) {
      io.stderr(`${formatSpecError(e.details.file ? e : e.with({ file }), file, io.cwd)}\n`);
      return exit(ExitCode.specError);
    }
    throw e;
  }

  const summary = `${diagram.nodes.length} nodes, ${diagram.edges.length} edges${
    diagram.violation ? ` — ${violationTitle(diagram.violation.kind, diagram.violation.property)}, counterexample in red` : ""
  }`;
  return { kind: "diagram", dot: toDot(diagram, flags.layout === "lr" ? { rankdir: "LR" } : {}), summary };
}

type Explored<S> =
  | { readonly kind: "done"; readonly graph: StateGraph; readonly result: CheckResult<S> }
  | { readonly kind: "too-many" }
  | { readonly kind: "stopped"; readonly reason: StopReason };

/**
 * Records the reachable graph and the checker's verdict. A violation stops the search early,
 * so then a second run without properties records the whole graph (violating states included).
 */
async function explore<S>(model: Model<S>, maxNodes: number, io: CliIO): Promise<Explored<S>> {
  const maxStates = Number.isFinite(maxNodes) ? maxNodes + 1 : undefined;
  const { signal, status: live } = io;
  let graph = new StateGraph(model.codec.width);
  const result = await check(model, { observer: graph, maxStates, signal, live });
  if (result.result === "incomplete") return result.stoppedBy === "max-states" ? { kind: "too-many" } : { kind: "stopped", reason: result.stoppedBy };
  if (graph.stateCount > maxNodes) return { kind: "too-many" };
  if (result.result === "violation") {
    graph = new StateGraph(model.codec.width);
    const full = await check(model, { observer: graph, maxStates, signal, live, properties: [] });
    if (full.result === "incomplete") return full.stoppedBy === "max-states" ? { kind: "too-many" } : { kind: "stopped", reason: full.stoppedBy };
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
