/**
 * The one vocabulary for a field inside a state, in traces, diagrams, `--view`, `--cluster`,
 * the `view` model option and JSON: a JavaScript accessor, as the spec itself reads the field.
 * Record fields and identifier-like map keys follow a dot (`caller.pc`, `maxValue.r1`), array
 * indices and integer map keys are bracketed (`pc[1]`, `cpus[1].pc`), any other key is a
 * bracketed JSON string (`queue["a b"]`). Parsing also accepts a dot before an integer
 * (`pc.1`, `cpus.1.pc`), as earlier versions wrote them.
 */

/** One step into a value: a record field or map key, or an array index (as a non-negative integer string). */
export type PathSegment = string;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const INDEX = /^(0|[1-9]\d*)$/;

/** `["cpus", "1", "pc"]` → `cpus[1].pc`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const raw of segments) {
    const segment = String(raw);
    if (INDEX.test(segment)) out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `cpus[1].pc`, `cpus.1.pc`, `m["a b"]` → the segments; throws RangeError naming the path when it is malformed. */
export function parsePath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let at = 0;
  const fail = (why: string): never => {
    throw new RangeError(`field path "${text}": ${why} at character ${at + 1} (write e.g. pc[1], cpus[1].pc or caller.pc)`);
  };
  while (at < text.length) {
    if (text[at] === "[") {
      const close = text.indexOf("]", at);
      if (close < 0) fail("unclosed [");
      const inner = text.slice(at + 1, close).trim();
      if (INDEX.test(inner)) segments.push(inner);
      else if (inner.startsWith('"')) {
        try {
          segments.push(String(JSON.parse(inner)));
        } catch {
          fail(`bad quoted key ${inner}`);
        }
      } else fail(`expected an index or a "quoted key" in [${inner}]`);
      at = close + 1;
    } else {
      if (segments.length > 0) {
        if (text[at] !== ".") fail(`expected . or [`);
        at++;
      }
      const match = /^[^.[\]]+/.exec(text.slice(at));
      if (!match) fail("expected a field name");
      segments.push(match![0].trim());
      at += match![0].length;
    }
  }
  if (segments.length === 0) fail("empty path");
  return segments;
}
