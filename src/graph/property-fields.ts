import { formatPath } from "../model/field-path.ts";
import type { Model, TemporalFormula } from "../model/model.ts";
import { unreachable } from "../model/unreachable.ts";

/**
 * The field paths a property reads (`listFault`, `cfd.refs`, `caller[0].pc`), found by
 * evaluation tracking: the property's state predicates are evaluated on `states` (e.g. the
 * states of its counterexample) through a proxy that records every record field and array
 * index they look up. A field enumerated as a whole (`Object.keys(s.ran)`) counts whole. Values
 * that are not plain objects or arrays (sets, maps of the DSL) are leaves: reading one reads its
 * path. Step predicates and `enabled` are not evaluated (they need a step); a property that
 * reads no state field — deadlock freedom — gives `[]`. A predicate that throws on the proxy
 * contributes what it read until then.
 */
export function propertyFields<S>(model: Model<S>, property: string, states: readonly S[]): string[] {
  const found = model.properties.find((p) => p.name === property);
  if (!found) return [];
  const predicates: ((s: S) => unknown)[] = [];
  switch (found.kind) {
    case "invariant":
    case "sometimes":
      predicates.push((s) => found.holds(s));
      break;
    case "temporal":
      collectStatePredicates(found.formula, predicates);
      break;
    case "deadlock":
      break;
    default:
      return unreachable(found);
  }
  const reads = new ReadSet();
  for (const state of states) {
    for (const predicate of predicates) {
      try {
        predicate(tracked(state, [], reads) as S);
      } catch {
        // What it read before throwing still counts; the checker reports the fault itself.
      }
    }
  }
  return reads.paths();
}

/** The state predicates of a temporal formula (its `state` atoms and the shorthands' p, q). */
function collectStatePredicates<S>(formula: TemporalFormula<S>, out: ((s: S) => unknown)[]): void {
  switch (formula.op) {
    case "state":
      out.push((s) => formula.holds(s));
      return;
    case "step":
    case "unchanged":
    case "enabled":
      return;
    case "not":
    case "always":
      collectStatePredicates(formula.arg, out);
      return;
    case "and":
    case "or":
      for (const arg of formula.args) collectStatePredicates(arg, out);
      return;
    case "implies":
      for (const arg of formula.args) collectStatePredicates(arg, out);
      return;
    case "eventually":
      if ("arg" in formula) collectStatePredicates(formula.arg, out);
      else out.push((s) => formula.p(s));
      return;
    case "leadsTo":
      if ("args" in formula) for (const arg of formula.args) collectStatePredicates(arg, out);
      else out.push((s) => formula.p(s), (s) => formula.q(s));
      return;
    case "alwaysEventually":
    case "eventuallyAlways":
      out.push((s) => formula.p(s));
      return;
    default:
      return unreachable(formula);
  }
}

/** Paths read (segments joined by NUL) and paths read whole. */
class ReadSet {
  private readonly read = new Set<string>();
  private readonly whole = new Set<string>();

  add(path: readonly string[], whole: boolean): void {
    const key = path.join("\u0000");
    (whole ? this.whole : this.read).add(key);
  }

  /** Leaves of what was read: a path read whole, or read without reading anything inside it. */
  paths(): string[] {
    const all = [...this.whole, ...this.read].filter((k) => k !== "");
    const inside = (k: string, outer: string) => k.startsWith(`${outer}\u0000`);
    const kept = [...new Set(all)].filter(
      (k) => ![...this.whole].some((w) => w !== "" && inside(k, w)) && (this.whole.has(k) || !all.some((o) => inside(o, k))),
    );
    return kept.map((k) => formatPath(k.split("\u0000")));
  }
}

/** Plain records and arrays are looked into; anything else (a set, a map value type) is a leaf. */
function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function tracked(value: unknown, path: readonly string[], reads: ReadSet): unknown {
  if (!isPlain(value)) return value;
  // A copy as the proxy's target: a frozen state's fields could not be answered with proxies.
  const copy: object = Array.isArray(value) ? [...value] : Object.assign(Object.create(Object.getPrototypeOf(value)), value);
  return new Proxy(copy, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== "string" || !Object.prototype.hasOwnProperty.call(target, key)) return v;
      const at = [...path, key];
      reads.add(at, false);
      return tracked(v, at, reads);
    },
    has(target, key) {
      if (typeof key === "string") reads.add([...path, key], false);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      reads.add(path, true);
      return Reflect.ownKeys(target);
    },
  });
}
