import type { Model } from "../model/model.ts";
import type { TraceStep } from "./result.ts";

/**
 * Encoded states with the step that produced each (action index, -1 for an initial state, and
 * instance) and an id, in one growing typed array: a behaviour's path, or the successors of the
 * state a simulation is expanding. Never one JS object per state.
 */
export class StepBuffer {
  private data: Int32Array;
  private readonly stride: number;
  count = 0;

  constructor(private readonly width: number, capacity = 64) {
    this.stride = width + 3;
    this.data = new Int32Array(Math.max(1, capacity) * this.stride);
  }

  clear(): void {
    this.count = 0;
  }

  /** Appends the state encoded at `vector[offset ..]`, produced by `action`/`instance`, with `id`. */
  push(vector: Int32Array, offset: number, action: number, instance: number, id: number): void {
    const at = this.count * this.stride;
    if (at + this.stride > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const data = this.data;
    data[at] = action;
    data[at + 1] = instance;
    data[at + 2] = id;
    for (let i = 0; i < this.width; i++) data[at + 3 + i] = vector[offset + i];
    this.count++;
  }

  /** Drops the entries from `count` on. */
  truncate(count: number): void {
    this.count = Math.min(this.count, count);
  }

  action(i: number): number {
    return this.data[i * this.stride];
  }

  instance(i: number): number {
    return this.data[i * this.stride + 1];
  }

  id(i: number): number {
    return this.data[i * this.stride + 2];
  }

  /** The whole array and the offset of entry `i`'s vector in it (valid until the next push). */
  get vectors(): Int32Array {
    return this.data;
  }

  offset(i: number): number {
    return i * this.stride + 3;
  }

  /** Copies entry `i` of `other` to the end of this buffer. */
  pushFrom(other: StepBuffer, i: number): void {
    this.push(other.data, other.offset(i), other.action(i), other.instance(i), other.id(i));
  }

  /** Entries `0 .. end` as a trace (states decoded, as stored). */
  trace<S>(model: Model<S>, end = this.count): TraceStep<S>[] {
    const out: TraceStep<S>[] = [];
    for (let i = 0; i < end; i++) out.push(this.step(model, i));
    return out;
  }

  /** Entry `i` as a trace step. */
  step<S>(model: Model<S>, i: number): TraceStep<S> {
    const a = this.action(i);
    const state = model.codec.decode(this.data, this.offset(i));
    if (a < 0) return { action: null, binding: null, state };
    const action = model.actions[a];
    return { action: action.name, binding: action.bindingOf(this.instance(i)), state };
  }
}
