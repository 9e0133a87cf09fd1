/**
 * One simulation benchmark run in a fresh process:
 * `node --import tsx bench/simulate-workload.ts <file> <export> <params-json> <behaviours> <depth> <seed>`.
 * Prints one JSON line with the behaviours, steps, states, the simulation's own seconds and CPU.
 */
import path from "node:path";
import { checkSource } from "../src/parallel/check-source.ts";

const [file, exportName, paramsJson, behaviours, depth, seed] = process.argv.slice(2);
const started = process.hrtime.bigint();
const result = await checkSource(
  { file: path.resolve(file), exportName, params: JSON.parse(paramsJson ?? "{}") },
  { strategy: "simulation", coverage: true, simulation: { behaviours: Number(behaviours), depth: Number(depth), seed: Number(seed) } },
);
const sim = result.simulation!;
process.stdout.write(
  `${JSON.stringify({
    result: result.result,
    behaviours: sim.behaviours,
    steps: sim.steps,
    distinct: result.stats.distinctStates,
    generated: result.stats.statesGenerated,
    simS: result.stats.durationMs / 1000,
    wallS: Number(process.hrtime.bigint() - started) / 1e9,
    cpuS: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  })}\n`,
);
