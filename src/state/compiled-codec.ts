import { unreachable } from "../model/unreachable.ts";
import type { CodecNode } from "./codec.ts";
import type { Schema } from "./schema.ts";

/**
 * Specialises a codec node into straight-line JavaScript (`new Function`): one encoder and one
 * decoder per schema, with every field offset, bound and enum value inlined, so that encoding
 * a state costs a few comparisons and stores per slot and decoding builds object literals of a
 * fixed shape. Schema kinds without a flat layout (sets, sequences, optionals) call their
 * interpreted node. The generated encoder only detects a value outside the schema; it then
 * re-runs the interpreted encoder, which throws the EncodeError with the value's path.
 */
export interface CompiledCodec {
  encode(value: unknown, out: Int32Array, offset: number): void;
  decode(vector: Int32Array, offset: number): unknown;
}

export function compileNode(root: CodecNode, nodeOf: (schema: Schema) => CodecNode): CompiledCodec {
  const constants: unknown[] = [];
  const constant = (value: unknown): string => {
    constants.push(value);
    return `k[${constants.length - 1}]`;
  };
  let fresh = 0;
  const name = (): string => `v${fresh++}`;

  /** Statements that encode the value in variable `v` at `off + at`; `bad` escapes to the slow path. */
  function encoder(schema: Schema, v: string, at: number): string {
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
        let code = `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v}) || ${v} instanceof Set) return bad(value, o, off);\n`;
        let offset = at;
        for (const [key, field] of schema.fields) {
          const f = name();
          code += `const ${f} = ${v}[${JSON.stringify(key)}];\n` + encoder(field, f, offset);
          offset += nodeOf(field).width;
        }
        return code;
      }
      case "tuple": {
        let code = `if (!Array.isArray(${v}) || ${v}.length !== ${schema.items.length}) return bad(value, o, off);\n`;
        let offset = at;
        schema.items.forEach((item, i) => {
          const f = name();
          code += `const ${f} = ${v}[${i}];\n` + encoder(item, f, offset);
          offset += nodeOf(item).width;
        });
        return code;
      }
      case "map": {
        const keys = [...nodeOf(schema.key).values()];
        const w = nodeOf(schema.value).width;
        let code = `if (typeof ${v} !== "object" || ${v} === null || ${v} instanceof Set) return bad(value, o, off);\n`;
        keys.forEach((key, i) => {
          const f = name();
          code += `const ${f} = ${v}[${JSON.stringify(String(key))}];\n` + encoder(schema.value, f, at + i * w);
        });
        return code;
      }
      case "set":
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
          const part = `${literalKey(key)}: ${decoder(field, offset)}`;
          offset += nodeOf(field).width;
          return part;
        });
        return `{ ${parts.join(", ")} }`;
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
        return `{ ${keys.map((key, i) => `${literalKey(String(key))}: ${decoder(schema.value, at + i * w)}`).join(", ")} }`;
      }
      case "set":
      case "seq":
      case "optional":
        return `${constant(nodeOf(schema))}.decode(o, off + ${at})`;
      default:
        return unreachable(schema);
    }
  }

  const encodeBody = encoder(root.schema, "value", 0);
  const decodeBody = `return ${decoder(root.schema, 0)};`;
  const bad = (value: unknown, out: Int32Array, offset: number): void => root.encode(value, out, offset);
  const encode = new Function("k", "bad", `return function encode(value, o, off) {\n${encodeBody}};`)(constants, bad);
  const decode = new Function("k", `return function decode(o, off) {\n${decodeBody}\n};`)(constants);
  return { encode, decode };
}

/** A property name in generated object-literal code; `"__proto__": v` would set the prototype, `["__proto__"]: v` defines the key. */
function literalKey(key: string): string {
  return key === "__proto__" ? `["__proto__"]` : JSON.stringify(key);
}
