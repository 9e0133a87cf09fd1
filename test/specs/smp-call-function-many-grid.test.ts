/**
 * The flagship written with processes gives the verdicts of the hand-coded flagship it replaced
 * (test/fixtures/specs/smp-hand-coded.ts), property by property, with the same shortest trace
 * lengths, on the parameter grid for 2 and 3 CPUs and 1 or 2 calls; `npm run test:large`
 * covers the rest of the grid, 3 calls and 4 or 5 CPUs (smp-call-function-many-grid-large.test.ts).
 */
import { describe, expect, it } from "vitest";
import { bothWritings, grid, VARIANTS } from "./smp-grid.ts";

describe.each(VARIANTS)("%s: same verdicts with processes as hand-coded", (variant) => {
  it.each(grid([2, 3], [1, 2]))("%o", async (params) => {
    const { processes, handCoded } = await bothWritings(variant, params);
    expect(processes).toEqual(handCoded);
  });
});
