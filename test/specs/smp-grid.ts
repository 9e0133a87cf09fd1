import { check, compile, type ParamOverrides, type Spec } from "interleave-spec";
import * as processes from "../../specs/smp-call-function-many.ts";
import * as handCoded from "../fixtures/specs/smp-hand-coded.ts";

/** The three variants, in both writings of the flagship. */
export const VARIANTS = ["original", "seedFix", "upstreamFix"] as const;

/**
 * The flagship's parameter grid for the given cpus and calls: every foreignWalks 0..3 and
 * minTargets 0..cpus-1 (larger values mean the same: the mask is capped at the other CPUs).
 */
export function grid(cpus: readonly number[], callCounts: readonly number[] = [1, 2, 3]): ParamOverrides[] {
  const out: ParamOverrides[] = [];
  for (const c of cpus) for (const calls of callCounts) for (let foreignWalks = 0; foreignWalks <= 3; foreignWalks++) {
    for (let minTargets = 0; minTargets <= c - 1; minTargets++) out.push({ cpus: c, calls, foreignWalks, minTargets });
  }
  return out;
}

/**
 * Each property's verdict, deciding them all in one search: "holds", or "violated" with the
 * shortest trace's length for a safety property (a lasso's length depends on the state
 * representation, so a liveness violation is compared by verdict alone).
 */
export async function verdicts(spec: Spec<any, any>, params: ParamOverrides): Promise<Record<string, string>> {
  const result = await check(compile(spec, params), { continue: true });
  const out: Record<string, string> = Object.fromEntries(result.properties.map((p) => [p, "holds"]));
  if (result.result === "violation") {
    for (const v of result.violations) out[v.property] = v.kind === "liveness" ? "violated" : `violated (${v.trace.length} states)`;
  }
  if (result.result === "incomplete" || (result.result === "violation" && result.stoppedBy)) throw new Error(`search stopped early for ${JSON.stringify(params)}`);
  return out;
}

/** The verdicts of both writings of `variant` with `params`. */
export async function bothWritings(variant: (typeof VARIANTS)[number], params: ParamOverrides) {
  return { processes: await verdicts(processes[variant], params), handCoded: await verdicts(handCoded[variant], params) };
}
