/**
 * Every litmus test of the corpus as a spec, named after the test with each character that cannot
 * be in a name replaced by `_` (`MP+poonceonces` → `MP_poonceonces`), for the CLI:
 *
 * `interleave check litmus/specs.ts --spec MP_poonceonces --set memory=pso`
 *
 * shows the shortest trace to the test's condition (drains, stale reads and promises included).
 */
import type { Spec } from "interleave-spec";
import { corpus } from "./corpus.ts";
import { litmus } from "./litmus.ts";

/** The spec name of a litmus test. */
export const specName = (test: string): string => test.replace(/[^A-Za-z0-9_]/g, "_");

const specs: Record<string, Spec<any, any>> = {};
for (const { test } of corpus) {
  const name = specName(test.name);
  if (name in specs) throw new Error(`two litmus tests are both named ${name}`);
  specs[name] = litmus(test);
}

export default specs;
