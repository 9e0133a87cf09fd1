import { describe, expect, it } from "vitest";
import { check, compile } from "interleave-spec";
import { itfValue, toItf } from "../../src/export/itf.ts";
import { shapeSchema } from "../../src/dsl/compile.ts";
import kinds from "../fixtures/ci/kinds.ts";

describe("toItf", () => {
  it("writes the counterexample as an ITF trace (golden)", async () => {
    const result = await check(compile(kinds));
    if (result.result !== "violation") throw new Error("expected a violation");
    const schema = shapeSchema(kinds.definition.state, "state");
    const itf = toItf(schema, result.violation.trace, { source: "test/fixtures/ci/kinds.ts", description: "violation of countSmall" });
    expect(itf.vars).toEqual(["flag", "count", "mode", "owners", "seen", "pair", "log", "rec"]);
    const states = itf.states as { "#meta": { index: number } }[];
    expect(states.map((s) => s["#meta"].index)).toEqual([0, 1, 2]);
    await expect(`${JSON.stringify(itf, null, 2)}\n`).toMatchFileSnapshot("../golden/kinds.itf.json");
  });

  it("encodes each kind as ITF requires", () => {
    expect(itfValue({ kind: "set", element: { kind: "int", min: 0, max: 9 } }, new Set([5, 2]))).toEqual({ "#set": [{ "#bigint": "2" }, { "#bigint": "5" }] });
    expect(itfValue({ kind: "map", key: { kind: "enum", values: ["a", "b"] }, value: { kind: "bool" } }, { a: true, b: false })).toEqual({
      "#map": [["a", true], ["b", false]],
    });
    expect(itfValue({ kind: "tuple", items: [{ kind: "int", min: 0, max: 1 }, { kind: "bool" }] }, [1, true])).toEqual({ "#tup": [{ "#bigint": "1" }, true] });
    expect(itfValue({ kind: "int", min: -5, max: 5 }, -3)).toEqual({ "#bigint": "-3" });
    expect(itfValue({ kind: "enum", values: ["a", 2] }, "a")).toBe("a");
    expect(itfValue({ kind: "optional", inner: { kind: "int", min: 0, max: 1 } }, undefined)).toEqual({ tag: "None", value: { "#tup": [] } });
  });
});
