import { unreachable } from "../model/unreachable.ts";
import type { CodecNode } from "./codec-node.ts";
import { GeneratedCode } from "./generated-code.ts";
import type { Schema } from "./schema.ts";
import { ValueSet, universeFor } from "./value-set.ts";

/**
 * Specialises a codec node into straight-line JavaScript (`new Function`): one encoder and one
 * decoder per schema, with every field offset, bound and enum value inlined, so that encoding
 * a state costs a few comparisons and stores per slot and decoding builds object literals of a
 * fixed shape. Records and maps are checked to be exactly their keys (a `for…in` count, and an
 * own-key test for an undefined optional). Sets of the field's own universe are a copy of their
 * words; sequences, optionals and other sets call their interpreted node. The generated encoder
 * only detects a value outside the schema; it then re-runs the interpreted encoder, which
 * throws the EncodeError with the value's path.
 */
export interface CompiledCodec {
  encode(value: unknown, out: Int32Array, offset: number): void;
  /** {@link Codec.encodeSuccessor}: `out` holds the encoding of `parent`, the object `decode` built from it. */
  encodeSuccessor(value: unknown, parent: unknown, out: Int32Array, offset: number): void;
  decode(vector: Int32Array, offset: number): unknown;
}

export function compileNode(root: CodecNode, nodeOf: (schema: Schema) => CodecNode): CompiledCodec {
  const gen = new GeneratedCode();
  const constant = (value: unknown): string => gen.constant(value);
  const name = (): string => gen.name();

  /**
   * Statements that encode the value in variable `v` at `off + at`; `bad` escapes to the slow
   * path. With `p`, the variable holding the parent state's value at the same place (decoded
   * from the slots the output already holds), a value identical to it is skipped, and so are
   * the parts of a new object or array identical to the parent's.
   */
  function encoder(schema: Schema, v: string, at: number, p?: string): string {
    return p === undefined ? encoded(schema, v, at) : `if (${v} !== ${p}) {\n${encoded(schema, v, at, p)}}\n`;
  }

  function encoded(schema: Schema, v: string, at: number, p?: string): string {
    const slot = `o[off + ${at}]`;
    switch (schema.kind) {
      case "bool":
        return `if (${v} === true) ${slot} = 1; else if (${v} === false) ${slot} = 0; else return bad(value, o, off);\n`;
      case "int":
        return (
          `if (typeof ${v} !== "number" || (${v} | 0) !== ${v} || ${v} < ${schema.min} || ${v} > ${schema.max}) return bad(value, o, off);\n` +
          `${slot} = ${v};\n`
        );
      case "enum": {
        const cases = schema.values.map((e, i) => `case ${JSON.stringify(e)}: ${slot} = ${i}; break;`).join(" ");
        return `switch (${v}) { ${cases} default: return bad(value, o, off); }\n`;
      }
      case "record": {
        const fields = schema.fields;
        let code = exactObject(v, fields.length, position(schema, at));
        let offset = at;
        for (const [key, field] of fields) {
          code += fieldEncoder(v, key, field, offset, p);
          offset += nodeOf(field).width;
        }
        return code;
      }
      case "tuple": {
        let code = `if (!Array.isArray(${v}) || ${v}.length !== ${schema.items.length}) return bad(value, o, off);\n`;
        let offset = at;
        schema.items.forEach((item, i) => {
          const f = name();
          const pf = p && name();
          code += `const ${f} = ${v}[${i}];\n` + (pf ? `const ${pf} = ${p}[${i}];\n` : "") + encoder(item, f, offset, pf);
          offset += nodeOf(item).width;
        });
        return code;
      }
      case "map": {
        const keys = [...nodeOf(schema.key).values()];
        const w = nodeOf(schema.value).width;
        let code = exactObject(v, keys.length, position(schema, at), schema.key.kind === "int");
        keys.forEach((key, i) => (code += fieldEncoder(v, String(key), schema.value, at + i * w, p)));
        return code;
      }
      case "set": {
        const node = nodeOf(schema);
        const w = name();
        let code = `const ${w} = ${constant(ValueSet.wordsIn)}(${v}, ${constant(universeFor(nodeOf(schema.element)))});\n`;
        code += `if (${w} === undefined) { try { ${constant(node)}.encode(${v}, o, off + ${at}); } catch { return bad(value, o, off); } }\n`;
        code += `else { ${Array.from({ length: node.width }, (_, i) => `o[off + ${at + i}] = ${w}[${i}];`).join(" ")} }\n`;
        return code;
      }
      case "seq":
      case "optional":
        // On failure the whole value is re-encoded by the interpreted codec, for the error's full path.
        return `try { ${constant(nodeOf(schema))}.encode(${v}, o, off + ${at}); } catch { return bad(value, o, off); }\n`;
      default:
        return unreachable(schema);
    }
  }

  /** An expression that decodes the value at `off + at`. */
  function decoder(schema: Schema, at: number): string {
    const slot = `o[off + ${at}]`;
    switch (schema.kind) {
      case "bool":
        return `${slot} === 1`;
      case "int":
        return slot;
      case "enum":
        return schema.values.length === 1 ? JSON.stringify(schema.values[0]) : `${constant(schema.values)}[${slot}]`;
      case "record": {
        let offset = at;
        const parts = schema.fields.map(([key, field]) => {
          const part = `${JSON.stringify(key)}: ${decoder(field, offset)}`;
          offset += nodeOf(field).width;
          return part;
        });
        return `(d${position(schema, at)} = { ${parts.join(", ")} })`;
      }
      case "tuple": {
        let offset = at;
        const parts = schema.items.map((item) => {
          const part = decoder(item, offset);
          offset += nodeOf(item).width;
          return part;
        });
        return `[${parts.join(", ")}]`;
      }
      case "map": {
        const keys = [...nodeOf(schema.key).values()];
        const w = nodeOf(schema.value).width;
        // Keys are never "__proto__" (the nodes reject it), so a literal creates each as a field.
        return `(d${position(schema, at)} = { ${keys.map((key, i) => `${JSON.stringify(String(key))}: ${decoder(schema.value, at + i * w)}`).join(", ")} })`;
      }
      case "set":
      case "seq":
      case "optional":
        return `${constant(nodeOf(schema))}.decode(o, off + ${at})`;
      default:
        return unreachable(schema);
    }
  }

  /** Object positions (records and maps), by schema node and offset: one slot of the key-count cache each. */
  const schemaIds = new Map<Schema, number>();
  const slots = new Map<string, number>();
  const position = (schema: Schema, at: number): number => {
    let id = schemaIds.get(schema);
    if (id === undefined) schemaIds.set(schema, (id = schemaIds.size));
    const key = `${id}@${at}`;
    let slot = slots.get(key);
    if (slot === undefined) slots.set(key, (slot = slots.size));
    return slot;
  };

  /**
   * A plain object with exactly `count` enumerable keys (which ones: each field read checks its
   * own). Counting keys costs ~200-400 ns for an integer-keyed object, so each position
   * remembers two objects known to be exact: the one the decoder last built there (exact by
   * construction) and the one last counted. The fields a successor leaves unchanged are the
   * decoded state's own objects, so only the objects an action builds are counted.
   */
  function exactObject(v: string, count: number, slot: number, integerKeys = false): string {
    const c = name();
    // Integer keys are elements, which for…in enumerates slowly; Object.keys is faster for them.
    const counted = integerKeys ? `const ${c} = Object.keys(${v}).length;` : `let ${c} = 0; for (const _ in ${v}) ${c}++;`;
    return (
      `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return bad(value, o, off);\n` +
      `if (${v} !== d${slot} && ${v} !== l${slot}) { ${counted}\nif (${c} !== ${count}) return bad(value, o, off);\nl${slot} = ${v}; }\n`
    );
  }

  /**
   * Reads and encodes one field; an undefined value must be an own key (an absent optional, not
   * a missing field) — checked even when the parent's field is undefined too.
   */
  function fieldEncoder(v: string, key: string, field: Schema, at: number, p?: string): string {
    const f = name();
    const pf = p && name();
    const k = JSON.stringify(key);
    const own = field.kind === "optional" ? `if (${f} === undefined && !Object.prototype.hasOwnProperty.call(${v}, ${k})) return bad(value, o, off);\n` : "";
    return `const ${f} = ${v}[${k}];\n` + (pf ? `const ${pf} = ${p}[${k}];\n` : "") + own + encoder(field, f, at, pf);
  }

  const encodeBody = encoded(root.schema, "value", 0);
  const successorBody = encoder(root.schema, "value", 0, "parent");
  const decodeBody = `return ${decoder(root.schema, 0)};`;
  const bad = (value: unknown, out: Int32Array, offset: number): void => root.encode(value, out, offset);
  const cache = Array.from({ length: slots.size }, (_, i) => `d${i}, l${i}`);
  return new Function(
    "k",
    "bad",
    `${cache.length ? `let ${cache.join(", ")};\n` : ""}` +
      `function encode(value, o, off) {\n${encodeBody}}\n` +
      `function encodeSuccessor(value, parent, o, off) {\n${successorBody}}\n` +
      `function decode(o, off) {\n${decodeBody}\n}\n` +
      `return { encode, encodeSuccessor, decode };`,
  )(gen.constants, bad) as CompiledCodec;
}
