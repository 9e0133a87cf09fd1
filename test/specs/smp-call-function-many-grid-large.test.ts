/** The rest of the flagship's parameter grid (3 calls with 2 or 3 CPUs; 4 and 5 CPUs): see smp-call-function-many-grid.test.ts. */
import { describe, expect, it } from "vitest";
import { bothWritings, grid, VARIANTS } from "./smp-grid.ts";

describe.each(VARIANTS)("%s: same verdicts with processes as hand-coded", (variant) => {
  it.each([...grid([2, 3], [3]), ...grid([4, 5])])("%o", async (params) => {
    const { processes, handCoded } = await bothWritings(variant, params);
    expect(processes).toEqual(handCoded);
  });
});
