/**
 * Several values of one field or variable as one short text: `0..4` for a run of three or
 * more consecutive integers, else the values (integers sorted) joined by `separator`, cut after
 * what fits in `width` characters with `... (n values)`.
 */
export function valueList(values: readonly string[], width: number, separator: string): string {
  const ints = values.every((v) => /^-?\d+$/.test(v)) ? values.map(Number).sort((a, b) => a - b) : undefined;
  if (ints && ints.length >= 3 && ints[ints.length - 1] - ints[0] === ints.length - 1) return `${ints[0]}..${ints[ints.length - 1]}`;
  const items = ints ? ints.map(String) : values;
  const all = items.join(separator);
  if (all.length <= width) return all;
  const kept: string[] = [];
  let length = 0;
  for (const item of items) {
    if (kept.length > 0 && length + item.length + separator.length > width) break;
    kept.push(item);
    length += item.length + separator.length;
  }
  return `${kept.join(separator)}${separator}... (${items.length} values)`;
}
