import { formatPath } from "../model/field-path.ts";
import type { CodecField } from "../model/model.ts";
import { unreachable } from "../model/unreachable.ts";
import { widthOf, type Layout, type LayoutNode } from "./layout.ts";
import { sizeOf } from "./schema.ts";

/** At most this many fields are listed for coverage (whole levels of the state's tree). */
export const FIELD_BUDGET = 64;

/**
 * The parts of a state that coverage counts values of, read from the codec's layout: every
 * state variable, then their parts level by level — record fields, tuple items, map entries —
 * as long as a whole level fits within `budget` fields. Sets, sequences and optionals count as
 * whole values (a sequence's unused item slots would otherwise count as values). Each part is a
 * contiguous block of the vector whose contents are canonical: two states agree on the part
 * exactly when the blocks are equal.
 */
export function codecFields(layout: Layout, budget = FIELD_BUDGET): CodecField[] {
  const out: CodecField[] = [];
  let level = children(layout.root);
  while (level.length > 0 && out.length + level.length <= budget) {
    for (const node of level) {
      const size = sizeOf(node.schema);
      out.push({ path: formatPath(node.path), offset: node.offset, width: widthOf(node.schema), size });
    }
    level = level.flatMap(children);
  }
  return out;
}

function children(node: LayoutNode): readonly LayoutNode[] {
  switch (node.kind) {
    case "record":
      return node.fields;
    case "tuple":
      return node.items;
    case "map":
      return node.entries;
    case "scalar":
    case "set":
    case "seq":
    case "optional":
      return [];
    default:
      return unreachable(node);
  }
}
