/**
 * How small the drawings of the spec corpus are: for each spec file given (its default export,
 * or `file.ts#export`), the reachable states, the nodes of the whole graph minimised modulo
 * bisimulation (`graph --quotient --whole`), and the nodes of the default drawing of `report` and
 * `graph --quotient` (`readableDiagram`: the whole quotient if it has at most 80 nodes, else a
 * view on the program counters and the violated property's fields, else a smaller view), with
 * the first violation's counterexample marked. Prints one Markdown table row per spec.
 *
 *   npx tsx scripts/measure-quotient.ts examples/tla/two-phase.ts specs/smp-call-function-many.ts
 */
import { pathToFileURL } from "node:url";
import { check, compile, StateGraph, type Model, type Spec } from "../src/index.ts";
import { readableDiagram } from "../src/graph/readable-diagram.ts";

console.log("| spec | states | whole graph, minimised | default drawing | view |");
console.log("| --- | ---: | ---: | ---: | --- |");
for (const arg of process.argv.slice(2)) {
  const [f, exportName] = arg.split("#");
  const mod = await import(pathToFileURL(f).href);
  const specs = Object.entries(mod).filter(([, v]) => v && typeof v === "object" && "definition" in (v as object)) as [string, Spec][];
  const [name, spec] = specs.find(([k]) => k === (exportName ?? "default")) ?? specs[0];
  const model = compile(spec) as Model<unknown>;
  const graph = new StateGraph(model.codec.width);
  const r = await check(model, { observer: graph, properties: [], maxStates: 200_000 });
  if (r.result !== "ok") {
    console.log(`| ${f} (${name}) | ${r.result === "incomplete" ? r.stoppedBy : r.result} | | | |`);
    continue;
  }
  const verdict = await check(model, { maxStates: 200_000 });
  const counterexample = verdict.result === "violation" ? verdict.violation : undefined;
  const started = performance.now();
  const before = readableDiagram(model, graph, counterexample ? { counterexample } : {}, Infinity).diagram.nodes.length;
  const after = readableDiagram(model, graph, counterexample ? { counterexample } : {});
  const ms = Math.round(performance.now() - started);
  const view = after.view ? after.view.join(", ") : "(whole graph)";
  console.log(`| ${f}${name === "default" ? "" : `#${name}`} | ${graph.stateCount} | ${before} | ${after.diagram.nodes.length}${after.readable ? "" : " (over 80)"} | ${view}${counterexample ? `; ${counterexample.property} violated` : ""} | <!-- ${ms} ms -->`);
}
