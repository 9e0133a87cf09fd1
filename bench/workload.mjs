/**
 * One benchmark run in a fresh process (so that peak RSS belongs to this workload alone):
 * `node bench/workload.mjs <file> <export> <params-json> <workers> [properties]`.
 * Runs the built package (`dist/`, `npm run build`), as a user's install runs: the spec is
 * compiled by the package's own loader, not by the tsx of a checkout.
 * Prints one JSON line with the counts, wall time and peak RSS.
 */
import path from "node:path";
import { checkSource } from "../dist/parallel/check-source.js";

const [file, exportName, paramsJson, workersArg, propertiesArg] = process.argv.slice(2);
const workers = Number(workersArg ?? "1");
const started = process.hrtime.bigint();
const result = await checkSource(
  { file: path.resolve(file), exportName, params: JSON.parse(paramsJson ?? "{}") },
  { workers, ...(propertiesArg ? { properties: propertiesArg.split(",") } : {}) },
);
const wallS = Number(process.hrtime.bigint() - started) / 1e9;
const { stats } = result;
process.stdout.write(
  `${JSON.stringify({
    result: result.result,
    distinct: stats.distinctStates,
    generated: stats.statesGenerated,
    depth: stats.depth,
    checkS: stats.durationMs / 1000,
    wallS,
    cpuS: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    collisionProbability: stats.fingerprintCollisionProbability,
  })}\n`,
);
