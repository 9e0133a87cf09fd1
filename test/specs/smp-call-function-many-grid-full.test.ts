/**
 * The largest part of the flagship's parameter grid: 4 CPUs with 3 calls, and 5 CPUs with 1 to 3
 * calls, both writings of every variant with every property decided (`npm run test:grid`; tens
 * of minutes on 2 cores, so not part of CI — the smaller grids run in `npm test` and
 * `npm run test:large`).
 */
import { describe, expect, it } from "vitest";
import { bothWritings, grid, VARIANTS } from "./smp-grid.ts";

describe.each(VARIANTS)("%s: same verdicts with processes as hand-coded", (variant) => {
  it.each([...grid([4], [3]), ...grid([5])])("%o", async (params) => {
    const { processes, handCoded } = await bothWritings(variant, params);
    expect(processes).toEqual(handCoded);
  });
});
