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

/** A short, readable rendering of any value for error messages. */
export function showValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[VALUE_SET] === true) {
    return `{${[...(value as Iterable<unknown>)].map(showValue).join(", ")}}`;
  }
  if (value instanceof Set) return `Set(${showValue([...value])})`;
  if (value instanceof Map) return `Map(${showValue([...value])})`;
  try {
    const text = JSON.stringify(value, (_k, v) => (v instanceof Set ? [...v] : v === undefined ? null : v));
    if (text === undefined) return String(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return String(value);
  }
}
