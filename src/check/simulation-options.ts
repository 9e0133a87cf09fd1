import type { Trace } from "../graph/trace.ts";

/** How a simulation (`strategy: "simulation"`) runs; every member has a default. */
export interface SimulationOptions {
  /** The seed, a non-negative safe integer (default 0): the same seed gives the same behaviours. */
  readonly seed?: number;
  /** How many behaviours to run (default 1000). */
  readonly behaviours?: number;
  /** The most states a behaviour has, its initial state included (TLC's `-depth`; default 100). */
  readonly depth?: number;
  /** Run only the behaviour with this index (from 0): how a violation's behaviour is replayed. */
  readonly behaviour?: number;
  /**
   * This run is shard `index` (1 ≤ index ≤ count) of a swarm of `count`: its behaviours come
   * from its own random stream, it favours its own random half of the actions (shard 1 favours
   * none), and its bitstate hashes are salted by the shard.
   */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Keep the visited set in a bit array of `bytes` with `hashes` hash functions (default 3) instead of exactly. */
  readonly bitstate?: { readonly bytes: number; readonly hashes?: number };
  /**
   * How many states the search that shortens each invariant or deadlock trace may expand
   * (default 100,000; 0 keeps the behaviour's own trace).
   */
  readonly shortenBudget?: number;
}

/** The bitstate visited set of a run, and what it may have missed. */
export interface BitstateSummary {
  readonly bytes: number;
  readonly hashes: number;
  /** Share of the bits set at the end. */
  readonly fill: number;
  /** Probability that a new state met at the end was wrongly taken as seen (never judged): `fill^hashes`. */
  readonly omissionProbability: number;
  /** Expected share of the distinct states met that were judged and counted. */
  readonly expectedCoverage: number;
}

/** What a simulation did: enough to reproduce it, and what it covered. */
export interface SimulationSummary<S> {
  readonly seed: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /** Behaviours run (the last one possibly cut short by a violation or a limit). */
  readonly behaviours: number;
  /** Steps taken along the behaviours (transitions chosen). */
  readonly steps: number;
  /** The most states a behaviour may have. */
  readonly depth: number;
  readonly bitstate?: BitstateSummary;
  /** When one behaviour was replayed (`behaviour`): its index and its states. */
  readonly replayed?: { readonly index: number; readonly trace: Trace<S> };
}
