import { describe, expect, it } from "vitest";
import { check, codecLayout, compile, formatPath, parsePath, type LayoutNode } from "interleave-spec";
import { shapeSchema } from "../../src/dsl/compile.ts";
import { nodeAt } from "../../src/state/layout.ts";
import kinds from "../fixtures/ci/kinds.ts";

/** The value at a node's path in a decoded state (through optionals, which share their value's path). */
function valueAt(state: unknown, node: LayoutNode): unknown {
  return node.path.reduce<unknown>((v, key) => (v === undefined ? undefined : (v as Record<string, unknown>)[key]), state);
}

/** Every node of a layout, depth first. */
function nodes(node: LayoutNode): LayoutNode[] {
  switch (node.kind) {
    case "record":
      return [node, ...node.fields.flatMap(nodes)];
    case "tuple":
    case "seq":
      return [node, ...node.items.flatMap(nodes)];
    case "map":
      return [node, ...node.entries.flatMap(nodes)];
    case "optional":
      return [node, ...nodes(node.inner)];
    default:
      return [node];
  }
}

describe("the codec's layout", () => {
  const schema = shapeSchema(kinds.definition.state, "state");
  const layout = codecLayout(schema);
  const model = compile(kinds);

  it("says where the codec puts every scalar and every set element, on every reachable state of a spec using each kind", async () => {
    const vectors: Int32Array[] = [];
    await check(model, { observer: { state: (_id, v) => vectors.push(v.slice()) } });
    expect(layout.width).toBe(model.codec.width);
    expect(vectors.length).toBeGreaterThan(2);
    for (const vector of vectors) {
      const state = model.codec.decode(vector, 0);
      for (const node of nodes(layout.root)) {
        const value = valueAt(state, node);
        if (value === undefined) continue; // an absent optional or an unused sequence item: all 0
        if (node.kind === "scalar") {
          const schema = node.schema;
          const expected = schema.kind === "bool" ? Number(value) : schema.kind === "int" ? value : schema.values.indexOf(value as string);
          expect(vector[node.offset], formatPath(node.path)).toBe(expected);
        } else if (node.kind === "set") {
          const members = node.elements().filter((_e, o) => (vector[node.offset + (o >>> 5)] >>> (o & 31)) & 1);
          // Both in canonical (ordinal) order: the bits set, and the value set's iteration.
          expect(members, formatPath(node.path)).toEqual([...(value as Iterable<unknown>)]);
        }
      }
    }
  });

  it("resolves field paths in the one path vocabulary, the old dotted form too", () => {
    expect(nodeAt(layout, "owners[1]").offset).toBe(nodeAt(layout, "owners.1").offset);
    expect(formatPath(nodeAt(layout, "rec.x").path)).toBe("rec.x");
    expect(formatPath(nodeAt(layout, "pair.0").path)).toBe("pair[0]");
    expect(() => nodeAt(layout, "rec.y")).toThrow(/field path "rec.y": rec has no part "y" \(it has rec.x\)/);
  });

  it("formats and parses paths as JavaScript accessors", () => {
    expect(formatPath(["cpus", "1", "pc"])).toBe("cpus[1].pc");
    expect(formatPath(["queue", "a b"])).toBe('queue["a b"]');
    expect(parsePath("cpus[1].pc")).toEqual(["cpus", "1", "pc"]);
    expect(parsePath("cpus.1.pc")).toEqual(["cpus", "1", "pc"]);
    expect(parsePath('queue["a b"]')).toEqual(["queue", "a b"]);
    expect(() => parsePath("pc[x]")).toThrow(/field path "pc\[x\]": expected an index or a "quoted key"/);
  });
});
