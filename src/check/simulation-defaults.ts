/** The defaults of a simulation's options (seed, behaviours, depth, shortening budget, bitstate hashes). */
export const SIMULATION_DEFAULTS = { seed: 0, behaviours: 1000, depth: 100, shortenBudget: 100_000, hashes: 3 } as const;
