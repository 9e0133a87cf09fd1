import { describe, expect, it } from "vitest";
import { fieldsOf, renderValue, resolvePath } from "../../src/graph/fields.ts";

describe("fieldsOf", () => {
  it("flattens records and arrays of records into paths (pc[1], cpus[1].pc), keeping scalar arrays whole", () => {
    const state = { caller: { pc: "lock", mask: [1, 2] }, cpus: [{ pc: "idle", ran: 0 }, { pc: "ipi", ran: 1 }], refs: 2, seen: [] };
    expect(fieldsOf(state)).toEqual([
      ["caller.pc", "lock"],
      ["caller.mask", "[1, 2]"],
      ["cpus[0].pc", "idle"],
      ["cpus[0].ran", "0"],
      ["cpus[1].pc", "ipi"],
      ["cpus[1].ran", "1"],
      ["refs", "2"],
      ["seen", "[]"],
    ]);
  });

  it("renders values compactly: strings bare, null, nested records", () => {
    expect(renderValue(null)).toBe("null");
    expect(renderValue({ a: [true, "x"], b: {} })).toBe("{a: [true, x], b: {}}");
  });
});

describe("resolvePath", () => {
  it("follows record keys and array indices, undefined where the path leads nowhere", () => {
    const state = { cpus: [{ pc: "idle" }, { pc: "ipi" }], refs: 2, owner: { "1": "a" } };
    expect(resolvePath(state, "cpus[1].pc")).toBe("ipi");
    expect(resolvePath(state, "cpus.1.pc")).toBe("ipi"); // the dotted form is accepted too
    expect(resolvePath(state, "owner[1]")).toBe("a");
    expect(() => resolvePath(state, "cpus[x]")).toThrow(RangeError);
    expect(resolvePath(state, "cpus.1")).toEqual({ pc: "ipi" });
    expect(resolvePath(state, "cpus.2.pc")).toBeUndefined();
    expect(resolvePath(state, "cpus.x")).toBeUndefined();
    expect(resolvePath(state, "refs.0")).toBeUndefined();
  });
});
