import type { CheckStats, Violation } from "../check/result.ts";
import { SIMULATION_DEFAULTS } from "../check/simulation-defaults.ts";
import type { SimulationSummary } from "../check/simulation-options.ts";

const n = (x: number): string => x.toLocaleString("en-US");

/** `seed 7, shard 2/4` */
export function seedText(sim: SimulationSummary<unknown>): string {
  return `seed ${sim.seed}${sim.shard ? `, shard ${sim.shard.index}/${sim.shard.count}` : ""}`;
}

/** The flags that replay behaviour `behaviour` of a simulation: `--seed 7 --shard 2/4 --behaviour 31`. */
export function replayFlags(sim: SimulationSummary<unknown>, behaviour: number): string {
  return [
    `--seed ${sim.seed}`,
    ...(sim.shard ? [`--shard ${sim.shard.index}/${sim.shard.count}`] : []),
    ...(sim.depth !== SIMULATION_DEFAULTS.depth ? [`--depth ${sim.depth}`] : []),
    `--behaviour ${behaviour}`,
  ].join(" ");
}

/** Where a simulation found a violation, and how to replay it. */
export function foundBy(sim: SimulationSummary<unknown>, v: Violation<unknown>): string {
  if (v.behaviour === undefined) return "";
  return `  found by behaviour ${v.behaviour} (${seedText(sim)}); replay it: ${replayFlags(sim, v.behaviour)}`;
}

/**
 * A simulation's statistics, without wall time (the same seed prints the same bytes):
 * `1,000 behaviours · 43,210 steps · 522 distinct states · 114,912 generated · longest behaviour 54 states · …`
 */
export function simulationStats(stats: CheckStats, sim: SimulationSummary<unknown>): string {
  const lines = [
    [
      `${n(sim.behaviours)} behaviour${sim.behaviours === 1 ? "" : "s"} (${seedText(sim)}, at most ${n(sim.depth)} states each)`,
      `${n(sim.steps)} steps`,
      `${n(stats.distinctStates)} distinct states`,
      `${n(stats.statesGenerated)} generated`,
      `longest behaviour ${n(stats.depth)} states`,
      `fingerprint collision probability ${stats.fingerprintCollisionProbability.toExponential(1)}`,
    ].join(" · "),
  ];
  const b = sim.bitstate;
  if (b) {
    lines.push(
      `bitstate ${n(b.bytes)} bytes, ${b.hashes} hash${b.hashes === 1 ? "" : "es"}: ${(b.fill * 100).toFixed(2)} % of bits set · ` +
        `a new state is now taken as seen by mistake with probability ${b.omissionProbability.toExponential(1)} · ` +
        `expected coverage ${(b.expectedCoverage * 100).toFixed(4)} % of the distinct states met`,
    );
  }
  return lines.join("\n  ");
}

/** The verdict of a simulation that found nothing: never "holds". */
export function noViolationText(name: string, sim: SimulationSummary<unknown>, checked: string): string {
  return `… ${name}: no violation found in ${n(sim.behaviours)} behaviour${sim.behaviours === 1 ? "" : "s"} — a simulation never shows that a property holds (${checked})`;
}
