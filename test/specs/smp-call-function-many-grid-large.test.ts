/**
 * More of the flagship's parameter grid than `npm test` covers (see smp-call-function-many-grid.test.ts):
 * 3 calls with 2 or 3 CPUs, and 4 CPUs with 1 or 2 calls. The rest (4 CPUs with 3 calls, 5 CPUs)
 * takes longer than CI's budget on 2 cores and runs with `npm run test:grid`
 * (smp-call-function-many-grid-full.test.ts).
 */
import { describe, expect, it } from "vitest";
import { bothWritings, grid, VARIANTS } from "./smp-grid.ts";

describe.each(VARIANTS)("%s: same verdicts with processes as hand-coded", (variant) => {
  it.each([...grid([2, 3], [3]), ...grid([4], [1, 2])])("%o", async (params) => {
    const { processes, handCoded } = await bothWritings(variant, params);
    expect(processes).toEqual(handCoded);
  });
});
