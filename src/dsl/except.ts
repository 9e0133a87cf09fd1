/**
 * TLA+'s `[f EXCEPT ![k] = v]` for records, maps and arrays: a copy of `value` with one entry
 * replaced, keeping the precise type (a spread with a computed key would widen literals).
 *
 * ```ts
 * pc: except(s.pc, p, "cs")          // t.map(t.int(1, 3), t.enum("idle", "cs"))
 * ```
 */
export function except<T extends object, K extends keyof T>(value: T, key: K, entry: T[K]): T {
  if (Array.isArray(value)) return value.with(key as number, entry) as T;
  return { ...value, [key]: entry };
}
