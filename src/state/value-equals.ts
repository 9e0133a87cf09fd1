import { isValueSet } from "./value-set.ts";

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/**
 * TLA+'s `=` for state values: structural equality of records, maps, tuples, sequences and
 * value sets, whatever object identity the two sides have. For two values of one domain it
 * holds exactly when their encodings are equal.
 *
 * ```ts
 * s.queue.some((m) => equals(m, { kind: "req", from: 0 }))   // not s.queue.includes(…)
 * equals(s.last, s.queue[0])                                 // not ===
 * ```
 */
export function equals<T>(a: T, b: NoInfer<T>): boolean {
  return same(a, b);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (isValueSet(a)) return isValueSet(b) && a.equals(b);
  if (isValueSet(b)) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k in x) {
    if (!hasOwn(x, k)) continue;
    if (!hasOwn(y, k) || !same(x[k], y[k])) return false;
    count++;
  }
  for (const k in y) if (hasOwn(y, k)) count--;
  return count === 0;
}
