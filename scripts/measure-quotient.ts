/**
 * How far `--quotient` shrinks the graphs of the spec corpus: for each spec file given (its
 * default export), the reachable states, the nodes after minimisation modulo bisimulation, and
 * the nodes after projecting onto the fields named `pc` (when it has some) and minimising.
 *
 *   npx tsx scripts/measure-quotient.ts examples/tla/two-phase.ts specs/smp-call-function-many.ts
 */
import { pathToFileURL } from "node:url";
import { buildDiagram, check, compile, StateGraph, type Model, type Spec } from "../src/index.ts";
import { fieldsOf } from "../src/graph/fields.ts";
const files = process.argv.slice(2);
for (const f of files) {
  const mod = await import(pathToFileURL(f).href);
  const specs = Object.entries(mod).filter(([, v]) => v && typeof v === "object" && "definition" in (v as object)) as [string, Spec][];
  const [name, spec] = specs.find(([k]) => k === "default") ?? specs[0];
  const model = compile(spec) as Model<unknown>;
  const graph = new StateGraph(model.codec.width);
  const r = await check(model, { observer: graph, properties: [], maxStates: 200_000 });
  if (r.result !== "ok") { console.log(`${f}: ${r.result}`); continue; }
  const q = buildDiagram(model, graph, { quotient: true });
  const first = model.codec.toJson(model.codec.decode(graph.vector(0), 0));
  const pcs = fieldsOf(first).map(([p]) => p).filter((p) => /(^|\.)pc$/.test(p));
  const pq = pcs.length ? buildDiagram(model, graph, { view: pcs, hideStutter: true, quotient: true }).nodes.length : "-";
  console.log(`${f} (${name}): ${graph.stateCount} states -> quotient ${q.nodes.length} nodes; pc view+quotient: ${pq}`);
}
