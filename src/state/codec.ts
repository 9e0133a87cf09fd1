import type { Codec } from "../model/model.ts";
import { unreachable } from "../model/unreachable.ts";
import type { CodecNode } from "./codec-node.ts";
import { MAX_SET_ELEMENTS, optionalNode, seqNode, setNode } from "./codec-collections.ts";
import { mapNode, recordNode, tupleNode } from "./codec-product.ts";
import { boolNode, enumNode, intNode } from "./codec-scalar.ts";
import { compileNode } from "./compiled-codec.ts";
import { compileOrdinal, SWITCH_CASES } from "./compiled-ordinal.ts";
import type { Schema } from "./schema.ts";

export { MAX_SET_ELEMENTS };
export type { CodecNode };

/**
 * Compiles a schema into a node; throws a plain Error naming the problem for an unusable
 * schema. Records and maps must be exactly their fields and keys (an unknown or missing one is
 * outside the schema); sets are value sets (`ValueSet`).
 */
export function codecNode(schema: Schema): CodecNode {
  let node = nodes.get(schema);
  if (node === undefined) {
    node = interpretedNode(schema);
    // Structured domains (and enums) get a compiled ordinal: value-set membership computes one per call.
    if (compiledOrdinal(schema)) node = { ...node, ordinal: compileOrdinal(schema, codecNode) };
    nodes.set(schema, node);
  }
  return node;
}

/** Nodes by schema object (schemas are immutable): each is compiled once, however many domains share it. */
const nodes = new WeakMap<Schema, CodecNode>();

/** Whether a compiled ordinal beats the interpreted one: not for scalars that are one test already, nor large enums (a map). */
function compiledOrdinal(schema: Schema): boolean {
  switch (schema.kind) {
    case "bool":
    case "int":
    case "set":
      return false;
    case "enum":
      return schema.values.length <= SWITCH_CASES;
    case "record":
    case "tuple":
    case "map":
    case "seq":
    case "optional":
      return true;
    default:
      return unreachable(schema);
  }
}

/**
 * The node of `schema` with every function interpreted (its children are {@link codecNode}s):
 * the reference the compiled functions are tested against.
 */
export function interpretedNode(schema: Schema): CodecNode {
  switch (schema.kind) {
    case "bool":
      return boolNode(schema);
    case "int":
      return intNode(schema);
    case "enum":
      return enumNode(schema);
    case "record":
      return recordNode(schema, codecNode);
    case "tuple":
      return tupleNode(schema, codecNode);
    case "map":
      return mapNode(schema, codecNode);
    case "set":
      return setNode(schema, codecNode);
    case "seq":
      return seqNode(schema, codecNode);
    case "optional":
      return optionalNode(schema, codecNode);
    default:
      return unreachable(schema);
  }
}

/** The codec of a state whose schema is `schema` (normally a record). */
export function compileCodec<S>(schema: Schema): Codec<S> {
  const node = codecNode(schema);
  const compiled = compileNode(node, codecNode);
  return {
    width: node.width,
    encode: compiled.encode as Codec<S>["encode"],
    encodeSuccessor: compiled.encodeSuccessor as Codec<S>["encodeSuccessor"],
    decode: compiled.decode as Codec<S>["decode"],
    toJson: node.toJson as Codec<S>["toJson"],
  };
}
