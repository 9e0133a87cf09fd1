import type { CodecField, Model } from "../model/model.ts";
import { DistinctValues } from "../state/distinct-values.ts";
import { fingerprint, fp } from "../state/fingerprint.ts";
import { HyperLogLog } from "../state/hll.ts";

/**
 * What the successor pipeline counts per action while it expands states, when coverage is
 * asked for (nothing otherwise). Plain typed arrays, so that worker threads send theirs back.
 */
export interface ActionCounts {
  /** `enabled[a]`: expansions of a state in which action `a` produced at least one successor. */
  readonly enabled: Float64Array;
  /** `fired[a]`: successors action `a` produced, duplicates included (TLC's states generated, per action). */
  readonly fired: Float64Array;
}

/** Zeroed {@link ActionCounts} for `actions` actions. */
export function actionCounts(actions: number): ActionCounts {
  return { enabled: new Float64Array(actions), fired: new Float64Array(actions) };
}

/** Coverage of one action. */
export interface ActionCoverage {
  readonly action: string;
  /** States expanded in which the action produced a successor (a state expanded twice counts twice). */
  readonly enabled: number;
  /** Successors it produced, duplicates included. */
  readonly fired: number;
  /** Successors it produced that were new to the visited set: the states it discovered. */
  readonly discovered: number;
}

/** Coverage of one part of the state (see `CodecField`). */
export interface FieldCoverage {
  /** Its field path, as the spec reads it: `caller.pc`, `handler[1]`. */
  readonly path: string;
  /** Distinct values it took in the states stored (an estimate when `estimated`). */
  readonly distinct: number;
  /** Values of its domain; null past the largest double. */
  readonly domain: number | null;
  /** Present (true) when more than 1,024 values were seen: `distinct` is then a HyperLogLog estimate (±2.3 %). */
  readonly estimated?: true;
}

/** An estimate of a number of distinct states from a HyperLogLog sketch. */
export interface DistinctEstimate {
  readonly estimate: number;
  /** Relative standard error of the estimate (e.g. 0.0081: ±0.81 %). */
  readonly relativeError: number;
}

/**
 * How much a run covered: per action, per part of the state, per depth; for a simulation also
 * the distinct states it met, estimated by a mergeable sketch. Identical whatever the number of
 * worker threads of a breadth-first check.
 */
export interface Coverage {
  readonly actions: readonly ActionCoverage[];
  /** Per state variable and part of one (empty when the model's codec does not describe its fields). */
  readonly fields: readonly FieldCoverage[];
  /** `depths[d - 1]`: states stored at depth d (initial states are at depth 1). */
  readonly depths: readonly number[];
  /** Simulation: the distinct states met (generated), estimated by a HyperLogLog sketch. */
  readonly states?: DistinctEstimate;
  /** Simulation: the sketches behind `states` and `fields`, base64, so that `interleave merge` unites shards. */
  readonly sketches?: { readonly states: string; readonly fields: readonly string[] };
}

/**
 * Collects {@link Coverage}: a scheduler hands the pipeline {@link counts} and tells the
 * collector of every state new to the visited set. Field values are counted on the state's
 * encoding (a block that did not change since the previous state stored is skipped); the global
 * fingerprint slots `fp` are left as they were.
 */
export class CoverageCollector {
  readonly counts: ActionCounts;
  private readonly discovered: Float64Array;
  private readonly depths: number[] = [];
  private readonly fields: readonly CodecField[];
  private readonly values: DistinctValues[];
  private readonly previous: Int32Array;
  /** Per one-slot field, the slot values below {@link SEEN_SLOTS} already counted (a value is hashed once, not per state). */
  private readonly seen: (Uint8Array | undefined)[];
  private primed = false;
  private readonly states?: HyperLogLog;

  /** @param sketch keep a sketch of the distinct states met (for simulations, whose visited set may be lossy). */
  constructor(
    private readonly model: Model<any>,
    options: { readonly sketch?: boolean } = {},
  ) {
    this.counts = actionCounts(model.actions.length);
    this.discovered = new Float64Array(model.actions.length);
    this.fields = model.codec.fields ?? [];
    this.values = this.fields.map(() => new DistinctValues());
    this.seen = this.fields.map((f) => (f.width === 1 ? new Uint8Array(SEEN_SLOTS) : undefined));
    this.previous = new Int32Array(model.codec.width);
    if (options.sketch) this.states = new HyperLogLog();
  }

  /** A state new to the visited set, encoded at `vector[offset ..]`, at `depth`, produced by action `action` (-1: initial). */
  stored(vector: Int32Array, offset: number, depth: number, action: number): void {
    if (action >= 0) this.discovered[action]++;
    while (this.depths.length < depth) this.depths.push(0);
    this.depths[depth - 1]++;
    const { fields, values, previous } = this;
    if (fields.length === 0) return;
    const hi = fp[0];
    const lo = fp[1];
    for (let f = 0; f < fields.length; f++) {
      const { offset: at, width } = fields[f];
      if (this.primed && same(vector, offset + at, previous, at, width)) continue;
      const seen = this.seen[f];
      if (seen) {
        // A one-slot field whose slot value was counted already: its hash is in `values[f]`.
        const slot = vector[offset + at] >>> 0;
        if (slot < SEEN_SLOTS) {
          if (seen[slot] === 1) continue;
          seen[slot] = 1;
        }
      }
      fingerprint(vector, offset + at, width);
      values[f].add(fp[0], fp[1]);
    }
    for (let i = 0; i < previous.length; i++) previous[i] = vector[offset + i];
    this.primed = true;
    fp[0] = hi;
    fp[1] = lo;
  }

  /** A state met, new or not, by its fingerprint `(hi, lo)` (for the distinct-states sketch). */
  met(hi: number, lo: number): void {
    this.states?.add(hi, lo);
  }

  /** Adds the counts of another pipeline (a worker thread's slice of a level). */
  addCounts(counts: ActionCounts): void {
    for (let a = 0; a < this.counts.enabled.length; a++) {
      this.counts.enabled[a] += counts.enabled[a];
      this.counts.fired[a] += counts.fired[a];
    }
  }

  /** The coverage so far, as data. */
  result(): Coverage {
    const { counts, discovered, states } = this;
    return {
      actions: this.model.actions.map((a, i) => ({ action: a.name, enabled: counts.enabled[i], fired: counts.fired[i], discovered: discovered[i] })),
      fields: this.fields.map((f, i) => fieldCoverage(f, this.values[i])),
      depths: [...this.depths],
      ...(states
        ? {
            states: { estimate: Math.round(states.estimate()), relativeError: states.relativeError },
            sketches: { states: states.toBase64(), fields: this.values.map((v) => v.toBase64()) },
          }
        : {}),
    };
  }
}

/** The coverage of a field from its distinct-value counter (an estimate never exceeds the domain). */
export function fieldCoverage(field: { readonly path: string; readonly size: number }, values: DistinctValues): FieldCoverage {
  const domain = Number.isFinite(field.size) ? field.size : null;
  const count = Math.round(values.count);
  return {
    path: field.path,
    distinct: domain === null ? count : Math.min(count, domain),
    domain,
    ...(values.estimated ? { estimated: true as const } : {}),
  };
}

/** One-slot fields remember the slot values below this one they counted. */
const SEEN_SLOTS = 1024;

function same(a: Int32Array, at: number, b: Int32Array, bt: number, width: number): boolean {
  for (let i = 0; i < width; i++) if (a[at + i] !== b[bt + i]) return false;
  return true;
}
