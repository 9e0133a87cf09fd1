import type { StopReason } from "./result.ts";

/**
 * Where a run is: loading the spec (type-checking it, importing it, compiling it), computing the
 * initial states, exploring, deciding temporal properties after the search, or reporting.
 */
export const PHASES = ["start", "typecheck", "import", "compile", "init", "explore", "liveness", "report"] as const;
export type Phase = (typeof PHASES)[number];

const STOPS: readonly StopReason[] = ["max-states", "max-depth", "timeout", "interrupted", "memory"];

/** A snapshot of a {@link LiveStatus}. */
export interface LiveSnapshot {
  readonly phase: Phase;
  /** Index of the action being run in the current state (into the model's actions), or -1. */
  readonly action: number;
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly queue: number;
  readonly depth: number;
  /** When the current phase began (ms since the epoch). */
  readonly phaseStartedAt: number;
  /**
   * The other spec code being run on a state, if any, as registered with {@link LiveStatus.label}:
   * `invariant "safe"`, `the constraint` (evaluated on the successors an action emits).
   */
  readonly inside?: string;
}

const FLAGS = 6; // phase, action, stop request, current label, labels registered, spare (keeps the counts 8-byte aligned)
const COUNTS = 5; // distinct, generated, queue, depth, phase start
const LABELS = 64; // registered labels (a label beyond these is not published)
const LABEL_BYTES = 96; // UTF-8 bytes of one label, the first its length
const BYTES = FLAGS * 4 + COUNTS * 8 + LABELS * LABEL_BYTES;

/**
 * What a running search publishes — phase, counters, the action it is in — and the stop request
 * it obeys, in a few typed-array slots. Backed by a SharedArrayBuffer, it is read and written by
 * two threads at once: the search updates it after every explored state (a handful of stores)
 * and checks the stop request there, while a supervising thread prints progress, asks it to
 * stop, and — when the spec's own code never returns — reports these counters as the partial
 * statistics after ending the thread.
 */
export class LiveStatus {
  private readonly flags: Int32Array;
  private readonly counts: Float64Array;
  private readonly labels: Uint8Array;
  /** Labels this thread registered, by text (a label is written to shared memory once). */
  private readonly labelIds = new Map<string, number>();

  /** A status over `buffer` (as received from another thread), or over new shared memory. */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(BYTES)) {
    this.flags = new Int32Array(buffer, 0, FLAGS);
    this.counts = new Float64Array(buffer, FLAGS * 4, COUNTS);
    this.labels = new Uint8Array(buffer, FLAGS * 4 + COUNTS * 8, LABELS * LABEL_BYTES);
  }

  /** Back to the start: no phase, no counters, no stop request (before the next task). */
  reset(): void {
    this.flags.fill(0);
    this.counts.fill(0);
    this.labelIds.clear();
  }

  /** Enters `phase` (and resets the action). */
  enter(phase: Phase): void {
    Atomics.store(this.flags, 0, PHASES.indexOf(phase));
    Atomics.store(this.flags, 1, -1);
    Atomics.store(this.flags, 3, 0);
    this.counts[4] = Date.now();
  }

  /** The search's counters after a state (single stores: a reader may see a mix of two updates). */
  publish(distinctStates: number, statesGenerated: number, queue: number, depth: number): void {
    this.counts[0] = distinctStates;
    this.counts[1] = statesGenerated;
    this.counts[2] = queue;
    this.counts[3] = depth;
  }

  /** The action about to run (an index into the model's actions), -1 for none. */
  inAction(index: number): void {
    this.flags[1] = index;
  }

  /**
   * Registers `text` (what {@link LiveSnapshot.inside} shows, e.g. `invariant "safe"`) once, ahead
   * of the search, and returns the id to pass to {@link inside} for every evaluation; 0 (nothing
   * published) once the table is full. Registered by the one thread that runs the search.
   */
  label(text: string): number {
    const known = this.labelIds.get(text);
    if (known !== undefined) return known;
    const slot = this.flags[4];
    if (slot >= LABELS) return 0;
    const bytes = new TextEncoder().encode(text).subarray(0, LABEL_BYTES - 1);
    this.labels[slot * LABEL_BYTES] = bytes.length;
    this.labels.set(bytes, slot * LABEL_BYTES + 1);
    Atomics.store(this.flags, 4, slot + 1);
    this.labelIds.set(text, slot + 1);
    return slot + 1;
  }

  /** Spec code other than the action, registered as `id` by {@link label}, runs now (0: none). */
  inside(id: number): void {
    this.flags[3] = id;
  }

  /** Asks the search to stop, with `reason` as its `stoppedBy` (the first request wins). */
  requestStop(reason: StopReason): void {
    Atomics.compareExchange(this.flags, 2, 0, STOPS.indexOf(reason) + 1);
  }

  /**
   * The stop the search has been asked for, if any. A plain read, cheap enough for every state:
   * the request, written atomically by another thread, is seen within a state or two.
   */
  get stopRequest(): StopReason | undefined {
    const r = this.flags[2];
    return r === 0 ? undefined : STOPS[r - 1];
  }

  snapshot(): LiveSnapshot {
    const inside = Atomics.load(this.flags, 3);
    return {
      ...(inside > 0 && inside <= Atomics.load(this.flags, 4) ? { inside: this.labelText(inside) } : {}),
      phase: PHASES[Atomics.load(this.flags, 0)] ?? "start",
      action: Atomics.load(this.flags, 1),
      distinctStates: this.counts[0],
      statesGenerated: this.counts[1],
      queue: this.counts[2],
      depth: this.counts[3],
      phaseStartedAt: this.counts[4],
    };
  }

  private labelText(id: number): string {
    const at = (id - 1) * LABEL_BYTES;
    // Copied out of shared memory: TextDecoder does not read a SharedArrayBuffer view.
    return new TextDecoder().decode(this.labels.slice(at + 1, at + 1 + this.labels[at]));
  }
}
