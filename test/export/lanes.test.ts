import { describe, expect, it } from "vitest";
import { assignLanes, laneNames } from "../../src/export/lanes.ts";

const first = { caller: { pc: "a", call: 0 }, handler: { 1: { pc: "idle" }, 2: { pc: "idle" } }, data: { refs: 0 } };

describe("lanes", () => {
  it("finds the actors automatically: records with a pc, and each key of a map of them", () => {
    expect(laneNames(first)).toEqual(["caller", "handler[1]", "handler[2]"]);
    expect(laneNames(first, ["handler"])).toEqual(["handler[1]", "handler[2]"]);
    expect(laneNames({ n: 0 })).toEqual([]);
    expect(() => laneNames(first, ["nope"])).toThrow('--lanes: no field "nope" in the state');
  });

  it("puts each step in the lane whose fields it changed; a tie goes to the lane its binding names", () => {
    const names = laneNames(first);
    const steps = [
      { binding: null, state: first },
      { binding: null, state: { ...first, caller: { pc: "b", call: 1 } } },
      { binding: { cpu: 2 }, state: { ...first, caller: { pc: "b", call: 1 }, handler: { 1: { pc: "go" }, 2: { pc: "go" } } } },
      { binding: null, state: { ...first, caller: { pc: "b", call: 1 }, handler: { 1: { pc: "go" }, 2: { pc: "go" } }, data: { refs: 1 } } },
    ];
    expect(assignLanes(names, steps).ofStep).toEqual([-1, 0, 2, -1]);
  });
});
