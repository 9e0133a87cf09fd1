/**
 * The name of a function's parameter at `index`, read from its source text, so that
 * `exists(d, (s, cpu) => …)` can show `cpu = 1` in traces. Returns undefined for destructuring
 * patterns or unreadable sources.
 */
export function parameterName(fn: Function, index: number): string | undefined {
  const source = Function.prototype.toString.call(fn);
  let start = 0;
  let end: number;
  if (/^\s*(async\s+)?[A-Za-z_$][\w$]*\s*=>/.test(source)) {
    // single-parameter arrow without parentheses
    const m = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)/.exec(source);
    return index === 0 ? m?.[1] : undefined;
  }
  start = source.indexOf("(");
  if (start < 0) return undefined;
  const params: string[] = [];
  let depth = 0;
  let current = "";
  for (end = start + 1; end < source.length; end++) {
    const c = source[end];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) break;
      depth--;
    } else if (c === "," && depth === 0) {
      params.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  params.push(current);
  const param = params[index]?.replace(/\/\*[\s\S]*?\*\//g, "").replace(/=.*$/s, "").trim();
  return param && /^[A-Za-z_$][\w$]*$/.test(param) ? param : undefined;
}
