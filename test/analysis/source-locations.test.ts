import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compile, type Model } from "interleave-spec";
import { locateSpec, NO_LOCATIONS, withLocations } from "../../src/analysis/source-locations.ts";
import { strict } from "../fixtures/ci/styles.ts";

const styles = new URL("../fixtures/ci/styles.ts", import.meta.url).pathname;

describe("locateSpec", () => {
  it("finds every action and invariant whatever the style it is written in", () => {
    const at = locateSpec(styles, undefined, "styles.ts");
    const lines = (m: ReadonlyMap<string, { line: number }>) => Object.fromEntries([...m].map(([k, v]) => [k, v.line]));
    expect(lines(at.actions)).toEqual({
      toggle: 22, // inline arrow in a factory's defineSpec
      tick: 8, // shorthand → same-file function declaration
      "jump-two": 24, // quoted method
      reset: 13, // spread of a same-file const
    });
    expect(lines(at.invariants)).toEqual({ sharedInv: 5, belowLimit: 31, "named-object": 32 });
    expect(at.deadlock).toEqual({ file: "styles.ts", line: 37, column: 5 });
    expect(at.spec).toEqual({ file: "styles.ts", line: 17, column: 10 });
    expect(at.invariants.get("belowLimit")).toEqual({ file: "styles.ts", line: 31, column: 7 });
  });

  it("fills Action.location and Invariant.location on the model without changing behaviour", () => {
    const model = withLocations(compile(strict) as Model<unknown>, locateSpec(styles, strict.name, "styles.ts"));
    expect(model.actions.map((a) => a.location?.line)).toEqual([22, 8, 24, 13]);
    expect(model.properties.map((p) => [p.name, p.location?.line])).toEqual([
      ["sharedInv", 5],
      ["belowLimit", 31],
      ["named-object", 32],
    ]);
    const successors: unknown[] = [];
    model.actions[0].next({ n: 0, on: false }, (s) => successors.push(s));
    expect(successors).toEqual([{ n: 0, on: true }]);
  });

  it("also locates members of other property sections (sometimes, temporal) by name, through an aliased defineSpec", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-loc-"));
    const file = path.join(dir, "spec.ts");
    writeFileSync(
      file,
      [
        'import { defineSpec as spec, t } from "interleave-spec";',
        "export default spec({",
        '  name: "x",',
        "  state: { n: t.int(0, 1) },",
        "  init: { n: 0 },",
        "  actions: { inc: (s) => ({ n: 1 }) },",
        "  sometimes: {",
        "    // a comment line",
        "    reachesOne: (s) => s.n === 1,",
        "  },",
        "});",
      ].join("\n"),
    );
    expect(locateSpec(file).properties?.get("reachesOne")).toEqual({ file, line: 9, column: 5 });
  });

  it("returns no locations, without throwing, for a file it cannot read", () => {
    expect(locateSpec("/no/such/file.ts")).toBe(NO_LOCATIONS);
  });
});
