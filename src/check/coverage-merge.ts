import { DistinctValues } from "../state/distinct-values.ts";
import { HyperLogLog } from "../state/hll.ts";
import { fieldCoverage, type Coverage } from "./coverage.ts";

/**
 * The coverage of several runs of one model together (swarm shards): per-action counts and
 * states per depth summed (a state two shards both discovered counts twice there), distinct
 * values per field and distinct states from the union of the runs' sketches — exactly the
 * sketches of the union. Throws RangeError naming what does not match: runs of different models,
 * or a coverage without sketches (only simulations keep them).
 */
export function mergeCoverage(parts: readonly Coverage[]): Coverage {
  if (parts.length === 0) throw new RangeError("no coverage to merge");
  const [first] = parts;
  const names = first.actions.map((a) => a.action).join(", ");
  const paths = first.fields.map((f) => f.path).join(", ");
  for (const c of parts) {
    if (c.actions.map((a) => a.action).join(", ") !== names) throw new RangeError(`the runs have different actions (${names} and ${c.actions.map((a) => a.action).join(", ")})`);
    if (c.fields.map((f) => f.path).join(", ") !== paths) throw new RangeError("the runs have different state fields");
    if (!c.sketches) throw new RangeError("a coverage without sketches cannot be merged (only simulations keep them)");
  }
  const actions = first.actions.map((a, i) => ({
    action: a.action,
    enabled: sum(parts.map((c) => c.actions[i].enabled)),
    fired: sum(parts.map((c) => c.actions[i].fired)),
    discovered: sum(parts.map((c) => c.actions[i].discovered)),
  }));
  const depths: number[] = [];
  for (const c of parts) c.depths.forEach((n, d) => (depths[d] = (depths[d] ?? 0) + n));
  const values = first.fields.map((_, i) => {
    const union = new DistinctValues();
    for (const c of parts) union.merge(DistinctValues.fromBase64(c.sketches!.fields[i]));
    return union;
  });
  const states = HyperLogLog.fromBase64(first.sketches!.states);
  for (const c of parts.slice(1)) states.merge(HyperLogLog.fromBase64(c.sketches!.states));
  return {
    actions,
    fields: first.fields.map((f, i) => fieldCoverage({ path: f.path, size: f.domain ?? Infinity }, values[i])),
    depths,
    states: { estimate: Math.round(states.estimate()), relativeError: states.relativeError },
    sketches: { states: states.toBase64(), fields: values.map((v) => v.toBase64()) },
  };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
