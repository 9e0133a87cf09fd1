/**
 * interleave-spec/memory: shared memory under a memory model (SC, x86-TSO, PSO) for specs whose
 * process steps are the loads, stores, barriers, atomics and locks of C code.
 *
 * ```ts
 * import { memory } from "interleave-spec/memory";
 * ```
 */
export {
  memory,
  MEMORY_MODELS,
  type Memory,
  type MemoryConfig,
  type MemoryModelName,
  type MemoryState,
  type Load,
  type Rmw,
  settled,
  type UnlockSemantics,
} from "./memory.ts";
export type { BufferEntry, BufferModel } from "./store-buffer.ts";
