import { formatPath, parsePath, type PathSegment } from "../model/field-path.ts";
import { unreachable } from "../model/unreachable.ts";
import { codecNode } from "./codec.ts";
import { scalarValues, type Scalar, type Schema } from "./schema.ts";

/**
 * Where the codec (`compileCodec`) puts every part of a state in its Int32 vector: the
 * description model options work from (a view selects slots, symmetry permutes them) without
 * decoding states. It mirrors `codec.ts` exactly:
 * - `scalar`: one slot — a boolean as 0/1, an integer as itself, an enum value as its index;
 * - `record`, `tuple`: the parts one after another;
 * - `map`: one block per key, keys in the domain's order;
 * - `set`: a bitset of `words` slots, bit `o` set when the element whose ordinal is `o` is in;
 * - `seq`: the length, then `maxLength` item blocks (unused ones all 0);
 * - `optional`: 1 when present, then the value's block (all 0 when absent).
 */
export type LayoutNode =
  | { readonly kind: "scalar"; readonly schema: Schema & { kind: "bool" | "int" | "enum" }; readonly offset: number; readonly path: readonly PathSegment[] }
  | { readonly kind: "record"; readonly schema: Schema & { kind: "record" }; readonly offset: number; readonly path: readonly PathSegment[]; readonly fields: readonly LayoutNode[] }
  | { readonly kind: "tuple"; readonly schema: Schema & { kind: "tuple" }; readonly offset: number; readonly path: readonly PathSegment[]; readonly items: readonly LayoutNode[] }
  | {
      readonly kind: "map";
      readonly schema: Schema & { kind: "map" };
      readonly offset: number;
      readonly path: readonly PathSegment[];
      readonly keys: readonly Scalar[];
      /** `entries[i]` holds the value of `keys[i]`. */
      readonly entries: readonly LayoutNode[];
    }
  | {
      readonly kind: "set";
      readonly schema: Schema & { kind: "set" };
      readonly offset: number;
      readonly path: readonly PathSegment[];
      readonly words: number;
      /** The element domain's values in ordinal order (bit `o` ↔ `elements()[o]`), listed on demand. */
      readonly elements: () => readonly unknown[];
      /** The ordinal of an element value, -1 outside the element domain. */
      readonly ordinal: (value: unknown) => number;
    }
  | { readonly kind: "seq"; readonly schema: Schema & { kind: "seq" }; readonly offset: number; readonly path: readonly PathSegment[]; readonly items: readonly LayoutNode[] }
  | { readonly kind: "optional"; readonly schema: Schema & { kind: "optional" }; readonly offset: number; readonly path: readonly PathSegment[]; readonly inner: LayoutNode };

/** The layout of a state schema: its root node and its width in slots. */
export interface Layout {
  readonly root: LayoutNode;
  readonly width: number;
}

/** The layout of the codec `compileCodec(schema)` builds. */
export function codecLayout(schema: Schema): Layout {
  return { root: layoutOf(schema, 0, []), width: widthOf(schema) };
}

/** Number of slots a value of `schema` takes. */
export function widthOf(schema: Schema): number {
  return codecNode(schema).width;
}

function layoutOf(schema: Schema, offset: number, path: readonly PathSegment[]): LayoutNode {
  switch (schema.kind) {
    case "bool":
    case "int":
    case "enum":
      return { kind: "scalar", schema, offset, path };
    case "record": {
      let at = offset;
      const fields = schema.fields.map(([key, field]) => {
        const node = layoutOf(field, at, [...path, key]);
        at += widthOf(field);
        return node;
      });
      return { kind: "record", schema, offset, path, fields };
    }
    case "tuple": {
      let at = offset;
      const items = schema.items.map((item, i) => {
        const node = layoutOf(item, at, [...path, String(i)]);
        at += widthOf(item);
        return node;
      });
      return { kind: "tuple", schema, offset, path, items };
    }
    case "map": {
      const keys = scalarValues(schema.key) ?? [];
      const w = widthOf(schema.value);
      const entries = keys.map((key, i) => layoutOf(schema.value, offset + i * w, [...path, String(key)]));
      return { kind: "map", schema, offset, path, keys, entries };
    }
    case "set": {
      const element = codecNode(schema.element);
      let listed: unknown[] | undefined;
      return {
        kind: "set",
        schema,
        offset,
        path,
        words: widthOf(schema),
        elements: () => (listed ??= [...element.values()]),
        ordinal: (value) => element.ordinal(value),
      };
    }
    case "seq": {
      const w = widthOf(schema.element);
      const items = Array.from({ length: schema.maxLength }, (_, i) => layoutOf(schema.element, offset + 1 + i * w, [...path, String(i)]));
      return { kind: "seq", schema, offset, path, items };
    }
    case "optional":
      return { kind: "optional", schema, offset, path, inner: layoutOf(schema.inner, offset + 1, path) };
    default:
      return unreachable(schema);
  }
}

/**
 * The node at a field path (`pc[1]`, `caller.pc`, `maxValue.r1`; see `formatPath`): through
 * record fields, tuple and sequence indices and map keys. Throws RangeError naming the path and
 * the fields that exist when it leads nowhere; an optional's value is reached through the optional.
 */
export function nodeAt(layout: Layout, path: string): LayoutNode {
  let node = layout.root;
  for (const segment of parsePath(path)) {
    const here = formatPath(node.path) || "the state";
    while (node.kind === "optional") node = node.inner;
    const next = child(node, segment);
    if (!next) {
      const known = children(node).map((c) => formatPath(c.path));
      throw new RangeError(
        `field path "${path}": ${here} has no part "${segment}"${known.length ? ` (it has ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""})` : ""}`,
      );
    }
    node = next;
  }
  return node;
}

function children(node: LayoutNode): readonly LayoutNode[] {
  switch (node.kind) {
    case "record":
      return node.fields;
    case "tuple":
    case "seq":
      return node.items;
    case "map":
      return node.entries;
    case "optional":
      return children(node.inner);
    case "scalar":
    case "set":
      return [];
    default:
      return unreachable(node);
  }
}

function child(node: LayoutNode, segment: PathSegment): LayoutNode | undefined {
  return children(node).find((c) => c.path[c.path.length - 1] === segment);
}
