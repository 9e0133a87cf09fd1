import type { StepSet, TemporalFormula } from "../model/model.ts";

/**
 * A short readable name for a predicate function: its name when it has one (`terminated`),
 * else its body (`s.n > 0` for `(s) => s.n > 0`), shortened to `max` characters.
 */
export function functionLabel(fn: unknown, max = 40): string {
  if (typeof fn !== "function") return "?";
  const name = fn.name;
  if (name && name !== "holds" && name !== "anonymous" && !/^(bound )?(p|q|predicate)$/.test(name)) return name;
  const text = Function.prototype.toString.call(fn).replace(/\s+/g, " ");
  const arrow = /=>\s*(.*)$/s.exec(text);
  let body = (arrow ? arrow[1] : text).trim();
  if (body.startsWith("{") && body.endsWith("}")) {
    const ret = /^\{\s*return\s+(.*?);?\s*\}$/s.exec(body);
    body = ret ? ret[1] : body;
  }
  if (body.startsWith("(") && body.endsWith(")")) body = body.slice(1, -1);
  return body.length > max ? `${body.slice(0, max - 1)}…` : body;
}

/** `send ∨ recv` for a step set's actions (`Next` for all), with ` (restricted)` when filtered. */
export function stepSetLabel(steps: StepSet<unknown>): string {
  const actions = steps.actions === undefined ? "Next" : steps.actions.length === 1 ? steps.actions[0] : `(${steps.actions.join(" ∨ ")})`;
  return `${actions}${steps.includes ? "|where" : ""}`;
}

/**
 * The formula in TLA+'s notation with Unicode operators, for messages:
 * `□(terminated ⇒ □terminated)`, `p ⤳ q`, `ENABLED ⟨send⟩`. Predicates show their labels.
 */
export function renderFormula(f: TemporalFormula<unknown>): string {
  if (typeof f !== "object" || f === null) return String(f);
  const wrap = (g: TemporalFormula<unknown>): string => {
    const text = renderFormula(g);
    const binary = g.op === "and" || g.op === "or" || g.op === "implies" || g.op === "leadsTo";
    const spacedAtom = (g.op === "state" || g.op === "step") && /\s/.test(text);
    return binary || spacedAtom ? `(${text})` : text;
  };
  switch (f.op) {
    case "state":
    case "step":
      return f.label ?? functionLabel(f.holds);
    case "unchanged":
      return f.label ?? (f.subscript ? `UNCHANGED ${functionLabel(f.subscript)}` : "UNCHANGED vars");
    case "enabled":
      return f.label ?? `ENABLED ${f.selfLoops ? stepSetLabel(f.steps) : `⟨${stepSetLabel(f.steps)}⟩`}`;
    case "not":
      return `¬${wrap(f.arg)}`;
    case "and":
    case "or":
      return Array.isArray(f.args) ? f.args.map(wrap).join(f.op === "and" ? " ∧ " : " ∨ ") : "?";
    case "implies":
      return Array.isArray(f.args) ? `${wrap(f.args[0])} ⇒ ${wrap(f.args[1])}` : "?";
    case "leadsTo":
      return "p" in f ? `${functionLabel(f.p)} ⤳ ${functionLabel(f.q)}` : Array.isArray(f.args) ? `${wrap(f.args[0])} ⤳ ${wrap(f.args[1])}` : "?";
    case "always":
      return `□${wrap(f.arg)}`;
    case "eventually":
      return "p" in f ? `◇${functionLabel(f.p)}` : `◇${wrap(f.arg)}`;
    case "alwaysEventually":
      return `□◇${functionLabel(f.p)}`;
    case "eventuallyAlways":
      return `◇□${functionLabel(f.p)}`;
    default:
      return String((f as { op: unknown }).op);
  }
}
