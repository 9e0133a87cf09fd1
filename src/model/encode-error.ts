/** Thrown by a codec when a value lies outside its schema; `path` names the field, e.g. `pc[2]`. */
export class EncodeError extends Error {
  constructor(
    readonly path: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${path || "state"} = ${showValue(value)} is outside the schema (expected ${expected})`);
    this.name = "EncodeError";
  }
}

/** The brand of value sets (`state/value-set.ts`), so that they show as `{a, b}`. */
const VALUE_SET = Symbol.for("interleave.value-set");

/**
 * A short, readable rendering of any value for error messages, close to how the user wrote it:
 * `1n` for a bigint, `{a, b}` for a value set, `Set([1,2])`, `[Circular]` for a value
 * containing itself. Never throws, whatever the value (a getter that throws, an object without
 * a prototype, a Proxy).
 */
export function showValue(value: unknown): string {
  try {
    const text = render(value, []);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return "(a value that cannot be shown)";
  }
}

function render(value: unknown, ancestors: readonly object[]): string {
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "function":
      return "a function";
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "number":
      return String(value);
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (ancestors.includes(value)) return "[Circular]";
      const inner = [...ancestors, value];
      if ((value as Record<symbol, unknown>)[VALUE_SET] === true) return `{${[...(value as Iterable<unknown>)].map((v) => render(v, inner)).join(", ")}}`;
      if (value instanceof Set) return `Set(${render([...value], inner)})`;
      if (value instanceof Map) return `Map(${render([...value], inner)})`;
      if (Array.isArray(value)) return `[${value.map((v) => render(v, inner)).join(",")}]`;
      const entries = Object.keys(value).map((k) => {
        let field: string;
        try {
          field = render((value as Record<string, unknown>)[k], inner);
        } catch {
          field = "(throws when read)";
        }
        return `${JSON.stringify(k)}:${field}`;
      });
      return `{${entries.join(",")}}`;
    }
  }
}
