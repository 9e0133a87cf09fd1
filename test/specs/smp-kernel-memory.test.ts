import { describe, expect, it } from "vitest";
import type { MemoryState } from "interleave-spec/memory";
import { modelKernel, type Loc } from "../../specs/smp-kernel-memory.ts";
import { ok } from "../memory/helpers.ts";

type Mem = MemoryState<Loc>;

describe("specs/smp-kernel-memory under ra: which IPI a handler takes", () => {
  const K = modelKernel("ra", { cpus: 3, calls: 2, unlock: "one-way", bound: 10, promises: 1 });
  const M = K.memory!;
  const write = (mem: Mem, loc: Loc, val: number) => ok(M.store(mem, 0, loc, val));
  /** CPU 0 stores the cpumask, reads it back (as smp_call_function_many does) and sends its IPIs to it. */
  const send = (mem: Mem, mask: number): Mem => {
    const read = M.loads(write(mem, "cpumask", mask), 0, "cpumask").at(-1)!.memory;
    return ok(K.sendIpi({ mem: read })).mem;
  };
  const funcAfterTake = (mem: Mem, cpu: number) => M.loads(K.takeIpi({ mem }, cpu).mem, cpu, "func").map((l) => l.val);

  it("a handler is ordered after the newest send that targeted it, not after a later send to other CPUs", () => {
    // Call 1 sends to CPU 1; func=1 is stored; call 2 sends to CPU 2 only.
    const mem = send(write(send(M.init(), 0b01), "func", 1), 0b10);
    expect(funcAfterTake(mem, 2)).toEqual([1]);
    // CPU 1's IPI came from call 1, sent before func=1: it may still read the older func.
    expect(funcAfterTake(mem, 1)).toEqual([0, 1]);
  });

  it("a send merged into a pending IPI still orders the handler that takes it", () => {
    // Both sends target CPU 1; its IPI from the first is still pending at the second.
    const mem = send(write(send(M.init(), 0b01), "func", 1), 0b01);
    expect(funcAfterTake(mem, 1)).toEqual([1]);
  });
});
