import { SpecError } from "../model/spec-error.ts";
import { nodeAt, type Layout, type LayoutNode } from "../state/layout.ts";
import { describeSchema, scalarValues, type Scalar, type Schema } from "../state/schema.ts";

/**
 * A domain of interchangeable values (a scalarset). An enum domain's values are atoms, like
 * TLC's model values: a permutation renames them wherever they occur (in any enum field that
 * lists them, as map keys, inside set elements). An int domain is a type: only the parts of the
 * state declared with that very domain object (its `schema`) hold its values; `arrays` names
 * fixed arrays indexed by it (index i ↔ the domain's i-th value).
 */
export interface SymmetricDomain {
  readonly schema: Schema;
  /** Field paths of fixed arrays indexed by the domain (`pc`, `cpus[0].flags`). */
  readonly arrays?: readonly string[];
}

/** One element of the symmetry group: for each symmetric domain, the image of its i-th value. */
export type Perm = readonly (readonly number[])[];

/** A symmetric domain resolved against the state: its values and how to tell where they occur. */
export interface Resolved {
  readonly kind: "enum" | "int";
  readonly schema: Schema;
  readonly values: readonly Scalar[];
  readonly arrays: ReadonlySet<LayoutNode>;
}

/**
 * Checks the declared domains against the state's layout (ids only, at least two values, enum
 * domains with disjoint values, declared arrays of the right length) and resolves them.
 * Throws an `invalid-spec` SpecError naming the domain or field otherwise.
 */
export function resolveDomains(domains: readonly SymmetricDomain[], layout: Layout): Resolved[] {
  const atoms = new Map<Scalar, Schema>();
  return domains.map((d) => {
    const { schema } = d;
    if (schema.kind !== "enum" && schema.kind !== "int") {
      throw new SpecError("invalid-spec", `symmetry: ${describeSchema(schema)} is not an enum or int domain; only ids (scalarsets) can be interchangeable`);
    }
    const values = scalarValues(schema)!;
    if (values.length < 2) throw new SpecError("invalid-spec", `symmetry: the domain ${describeSchema(schema)} has fewer than two values, nothing to interchange`);
    if (schema.kind === "enum") {
      for (const v of values) {
        const other = atoms.get(v);
        if (other) throw new SpecError("invalid-spec", `symmetry: ${JSON.stringify(v)} belongs to two symmetric domains (${describeSchema(other)} and ${describeSchema(schema)})`);
        atoms.set(v, schema);
      }
    }
    const arrays = new Set<LayoutNode>();
    for (const path of d.arrays ?? []) {
      let node: LayoutNode;
      try {
        node = nodeAt(layout, path);
      } catch (e) {
        throw new SpecError("invalid-spec", `symmetry: ${(e as Error).message}`);
      }
      if (node.kind !== "tuple" || node.items.length !== values.length) {
        throw new SpecError("invalid-spec", `symmetry: ${path} is not a fixed array of ${values.length} elements, one per value of ${describeSchema(schema)}`);
      }
      arrays.add(node);
    }
    return { kind: schema.kind, schema, values, arrays };
  });
}

/** All permutations of 0..n-1, the identity first. */
export function permutationsOf(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutationsOf(n - 1)) {
    for (let at = rest.length; at >= 0; at--) out.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  }
  return out;
}

/** The product of the groups: every combination of one permutation per domain, the identity first. */
export function product(groups: readonly number[][][]): Perm[] {
  let out: Perm[] = [[]];
  for (const g of groups) out = out.flatMap((p) => g.map((q) => [...p, q]));
  return out;
}
