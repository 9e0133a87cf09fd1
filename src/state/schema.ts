import { unreachable } from "../model/unreachable.ts";

/** A literal value usable in enums and as map keys. */
export type Scalar = string | number | boolean;

/**
 * The structure of a finite domain, independent of its TypeScript type. The DSL builds these;
 * the codec, enumeration and `--set` parsing work from them.
 */
export type Schema =
  | { readonly kind: "bool" }
  | { readonly kind: "int"; readonly min: number; readonly max: number }
  | { readonly kind: "enum"; readonly values: readonly Scalar[] }
  | { readonly kind: "record"; readonly fields: readonly (readonly [string, Schema])[] }
  | { readonly kind: "tuple"; readonly items: readonly Schema[] }
  | { readonly kind: "map"; readonly key: Schema; readonly value: Schema }
  | { readonly kind: "set"; readonly element: Schema }
  | { readonly kind: "seq"; readonly element: Schema; readonly maxLength: number }
  | { readonly kind: "optional"; readonly inner: Schema };

/** Number of values in the domain (may be a float beyond 2^53 for huge domains). */
export function sizeOf(schema: Schema): number {
  switch (schema.kind) {
    case "bool":
      return 2;
    case "int":
      return schema.max - schema.min + 1;
    case "enum":
      return schema.values.length;
    case "record":
      return schema.fields.reduce((n, [, f]) => n * sizeOf(f), 1);
    case "tuple":
      return schema.items.reduce((n, item) => n * sizeOf(item), 1);
    case "map":
      return sizeOf(schema.value) ** sizeOf(schema.key);
    case "set":
      return 2 ** sizeOf(schema.element);
    case "seq": {
      const e = sizeOf(schema.element);
      let total = 0;
      for (let len = 0; len <= schema.maxLength; len++) total += e ** len;
      return total;
    }
    case "optional":
      return 1 + sizeOf(schema.inner);
    default:
      return unreachable(schema);
  }
}

/** Keys of a map domain, in canonical order. Map keys must be scalars (int, enum, bool). */
export function scalarValues(schema: Schema): readonly Scalar[] | undefined {
  switch (schema.kind) {
    case "bool":
      return [false, true];
    case "int": {
      const out: number[] = [];
      for (let v = schema.min; v <= schema.max; v++) out.push(v);
      return out;
    }
    case "enum":
      return schema.values;
    default:
      return undefined;
  }
}

/** Human description for error messages, e.g. `int 0..3`, `"idle" | "busy"`. */
export function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case "bool":
      return "boolean";
    case "int":
      return `an integer in ${schema.min}..${schema.max}`;
    case "enum":
      return schema.values.map((v) => JSON.stringify(v)).join(" | ");
    case "record":
      return `{ ${schema.fields.map(([k, f]) => `${k}: ${describeSchema(f)}`).join(", ")} }`;
    case "tuple":
      return `a tuple of ${schema.items.length}`;
    case "map":
      return `a map from ${describeSchema(schema.key)} to ${describeSchema(schema.value)}`;
    case "set":
      return `a value set of ${describeSchema(schema.element)}`;
    case "seq":
      return `an array of at most ${schema.maxLength} of ${describeSchema(schema.element)}`;
    case "optional":
      return `${describeSchema(schema.inner)} or undefined`;
    default:
      return unreachable(schema);
  }
}
