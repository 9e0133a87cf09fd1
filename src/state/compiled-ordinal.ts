import { unreachable } from "../model/unreachable.ts";
import type { CodecNode } from "./codec-node.ts";
import { GeneratedCode } from "./generated-code.ts";
import type { Schema } from "./schema.ts";
import { isValueSet, ValueSet, universeFor } from "./value-set.ts";

/** Largest enum whose ordinal is a `switch`. */
export const SWITCH_CASES = 16;

/**
 * The ordinal function of a schema, specialised into straight-line JavaScript (`new Function`):
 * the number of `value` among the domain's values in canonical order, or -1 when it is not one
 * of them — exactly {@link CodecNode.ordinal} of the interpreted node, without its closures and
 * maps. Membership in a value set of records (`s.msgs.has(m)`, `s.msgs.with(m)`) computes an
 * element's ordinal, so specs whose sets hold records spend much of their time here: a record's
 * ordinal is one key count plus an inlined test per field (a `switch` for an enum, two
 * comparisons for an integer), with no allocation.
 */
export function compileOrdinal(schema: Schema, nodeOf: (schema: Schema) => CodecNode): (value: unknown) => number {
  const gen = new GeneratedCode();
  const constant = (value: unknown): string => gen.constant(value);
  const name = (): string => gen.name();

  /** Statements that set `out` to the ordinal of the value in `v`, or return -1. */
  function ordinal(s: Schema, v: string, out: string): string {
    switch (s.kind) {
      case "bool":
        return `if (${v} === false) ${out} = 0; else if (${v} === true) ${out} = 1; else return -1;\n`;
      case "int":
        return `if (typeof ${v} !== "number" || !Number.isInteger(${v}) || ${v} < ${s.min} || ${v} > ${s.max}) return -1;\n${out} = ${v} - ${s.min};\n`;
      case "enum": {
        // A switch compares with ===, a Map with SameValueZero: they differ on NaN only. A long
        // switch is a chain of comparisons: large enums keep their map.
        if (s.values.length > SWITCH_CASES || s.values.some((x) => Number.isNaN(x))) return `${out} = ${constant(nodeOf(s))}.ordinal(${v}); if (${out} < 0) return -1;\n`;
        const cases = s.values.map((x, i) => `case ${JSON.stringify(x)}: ${out} = ${i}; break;`).join(" ");
        return `switch (${v}) { ${cases} default: return -1; }\n`;
      }
      case "record":
        return product(v, out, s.fields.map(([key, field]) => [key, field] as const), plainObject(v, s.fields.length));
      case "map": {
        const keys = [...nodeOf(s.key).values()].map(String);
        return product(v, out, keys.map((key) => [key, s.value] as const), plainObject(v, keys.length));
      }
      case "tuple": {
        let code = `if (!Array.isArray(${v}) || ${v}.length !== ${s.items.length}) return -1;\n${out} = 0;\n`;
        s.items.forEach((item, i) => {
          const x = name();
          const o = name();
          code += `const ${x} = ${v}[${i}]; let ${o};\n${ordinal(item, x, o)}${out} = ${out} * ${nodeOf(item).size} + ${o};\n`;
        });
        return code;
      }
      case "set": {
        const element = nodeOf(s.element);
        if (element.size > 30) return "return -1;\n";
        const words = name();
        return (
          `if (!${constant(isValueSet)}(${v})) return -1;\n` +
          `const ${words} = ${constant(ValueSet.wordsIn)}(${v}, ${constant(universeFor(element))});\n` +
          `if (${words} !== undefined) ${out} = ${words}[0] >>> 0;\n` +
          `else { ${out} = ${constant(nodeOf(s))}.ordinal(${v}); if (${out} < 0) return -1; }\n`
        );
      }
      case "seq": {
        const e = nodeOf(s.element).size;
        const first: number[] = [0];
        for (let len = 1; len <= s.maxLength; len++) first.push(first[len - 1] + e ** (len - 1));
        const i = name();
        const x = name();
        const o = name();
        return (
          `if (!Array.isArray(${v}) || ${v}.length > ${s.maxLength}) return -1;\n${out} = 0;\n` +
          `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { const ${x} = ${v}[${i}]; let ${o};\n${ordinal(s.element, x, o)}${out} = ${out} * ${e} + ${o}; }\n` +
          `${out} += ${constant(first)}[${v}.length];\n`
        );
      }
      case "optional": {
        const o = name();
        return `if (${v} === undefined) ${out} = 0; else { let ${o};\n${ordinal(s.inner, v, o)}${out} = 1 + ${o}; }\n`;
      }
      default:
        return unreachable(s);
    }
  }

  /** A plain object (prototype Object.prototype or null) with exactly `count` enumerable keys. */
  function plainObject(v: string, count: number): string {
    const c = name();
    const proto = name();
    return (
      `if (typeof ${v} !== "object" || ${v} === null) return -1;\n` +
      `const ${proto} = Object.getPrototypeOf(${v}); if (${proto} !== Object.prototype && ${proto} !== null) return -1;\n` +
      `let ${c} = 0; for (const _ in ${v}) ${c}++; if (${c} !== ${count}) return -1;\n`
    );
  }

  /** The mixed-radix ordinal of an object's fields, first field most significant. */
  function product(v: string, out: string, fields: readonly (readonly [string, Schema])[], check: string): string {
    let code = `${check}${out} = 0;\n`;
    for (const [key, field] of fields) {
      const x = name();
      const o = name();
      const k = JSON.stringify(key);
      // An undefined field must be an own key (an absent optional), not a missing one.
      code += `const ${x} = ${v}[${k}]; let ${o};\n`;
      code += `if (${x} === undefined && !Object.prototype.hasOwnProperty.call(${v}, ${k})) return -1;\n`;
      code += `${ordinal(field, x, o)}${out} = ${out} * ${nodeOf(field).size} + ${o};\n`;
    }
    return code;
  }

  const body = `let r;\n${ordinal(schema, "value", "r")}return r;`;
  return new Function("k", `return function ordinal(value) {\n${body}\n};`)(gen.constants) as (value: unknown) => number;
}
