import { formatPath } from "../model/field-path.ts";
import { SpecError } from "../model/spec-error.ts";
import { unreachable } from "../model/unreachable.ts";
import { codecLayout, widthOf, type LayoutNode } from "../state/layout.ts";
import { describeSchema, scalarValues, type Scalar, type Schema } from "../state/schema.ts";
import type { ValueSet } from "../state/value-set.ts";

import { permutationsOf, product, resolveDomains, type Perm, type Resolved, type SymmetricDomain } from "./symmetric-domains.ts";

export type { SymmetricDomain } from "./symmetric-domains.ts";

/**
 * The permutations of a state vector induced by renaming the values of symmetric domains: the
 * product of the full symmetric groups of the domains, applied to a vector through the codec's
 * layout (value slots, map blocks, bitset positions, array positions), so that equal states
 * give equal images. Used for symmetry reduction: the least image over the group is a state's
 * orbit representative.
 */
export class StatePermutations {
  /** Number of group elements (the identity first). */
  readonly size: number;
  readonly width: number;
  readonly description: string;
  private readonly plan: Op[];
  /** `tables[p][t]`: table `t` of the plan for group element `p`. */
  private readonly tables: Int32Array[][];

  constructor(schema: Schema, domains: readonly SymmetricDomain[]) {
    const layout = codecLayout(schema);
    const symmetric = resolveDomains(domains, layout);
    this.width = layout.width;
    const perms = product(symmetric.map((d) => permutationsOf(d.values.length)));
    this.size = perms.length;
    const builder = new PlanBuilder(symmetric);
    this.plan = builder.plan(layout.root, 0);
    for (const d of symmetric) {
      for (const a of d.arrays) {
        if (!builder.arrays.has(a)) throw new SpecError("invalid-spec", `symmetry: the array ${formatPath(a.path)} lies inside a map, sequence or optional; only arrays reached through record fields and array positions can be indexed by a symmetric domain`);
      }
    }
    for (const d of symmetric) {
      if (!builder.used.has(d)) {
        throw new SpecError("invalid-spec", `symmetry: the domain ${describeSchema(d.schema)} occurs nowhere in the state${d.kind === "int" ? " (declare the state's fields with the same domain object, or list its arrays)" : ""}`);
      }
    }
    this.tables = perms.map((perm) => builder.tables.map((table) => table(perm)));
    this.description = `symmetry over ${symmetric.map((d) => describeSchema(d.schema)).join(" and ")} (${this.size} permutations)`;
  }

  /** Writes the image of the state at `vector[offset ..]` under group element `p` into `out[0 .. width)`. */
  apply(p: number, vector: Int32Array, offset: number, out: Int32Array): void {
    run(this.plan, this.tables[p], vector, offset, out, 0);
  }
}

/** The steps that permute a block of the vector; offsets are relative to the block's start. */
type Op =
  | { readonly op: "copy"; readonly at: number; readonly width: number }
  | { readonly op: "slot"; readonly at: number; readonly base: number; readonly table: number }
  | { readonly op: "blocks"; readonly at: number; readonly width: number; readonly count: number; readonly table: number; readonly block: Op[] }
  | { readonly op: "bits"; readonly at: number; readonly words: number; readonly table: number }
  | { readonly op: "optional"; readonly at: number; readonly width: number; readonly inner: Op[] }
  | { readonly op: "seq"; readonly at: number; readonly width: number; readonly max: number; readonly item: Op[] };

/** Builds the plan for a layout, and the tables (one function of the group element each) it refers to. */
class PlanBuilder {
  readonly tables: ((perm: Perm) => Int32Array)[] = [];
  readonly used = new Set<Resolved>();
  /** The declared arrays the plan permutes (one inside a map, sequence or optional would not be). */
  readonly arrays = new Set<LayoutNode>();

  constructor(private readonly domains: readonly Resolved[]) {}

  plan(node: LayoutNode, base: number): Op[] {
    const at = node.offset - base;
    if (!this.affects(node.schema) && !this.hasArray(node)) return [{ op: "copy", at, width: widthOf(node.schema) }];
    switch (node.kind) {
      case "scalar":
        return [{ op: "slot", at, base: node.schema.kind === "int" ? node.schema.min : 0, table: this.table((perm) => this.scalarTable(node.schema, perm)) }];
      case "record":
        return node.fields.flatMap((f) => this.plan(f, base));
      case "tuple": {
        const indexedBy = this.domains.find((d) => d.arrays.has(node));
        if (indexedBy) {
          this.used.add(indexedBy);
          const k = this.domains.indexOf(indexedBy);
          this.arrays.add(node);
          return this.blocks(node.items, at, (perm) => Int32Array.from(perm[k]));
        }
        return node.items.flatMap((item) => this.plan(item, base));
      }
      case "map": {
        const keyDomain = this.domainOf(node.schema.key);
        if (!keyDomain) return node.entries.flatMap((e) => this.plan(e, base));
        return this.blocks(node.entries, at, (perm) => Int32Array.from(node.keys, (key) => node.keys.indexOf(this.rename(node.schema.key, key, perm) as Scalar)));
      }
      case "set": {
        const element = node.schema.element;
        return [
          {
            op: "bits",
            at,
            words: node.words,
            table: this.table((perm) => Int32Array.from(node.elements(), (e) => node.ordinal(this.permute(element, e, perm)))),
          },
        ];
      }
      case "seq": {
        const w = widthOf(node.schema.element);
        return [{ op: "seq", at, width: w, max: node.items.length, item: node.items.length ? this.plan(node.items[0], node.items[0].offset) : [] }];
      }
      case "optional":
        return [{ op: "optional", at, width: widthOf(node.schema.inner), inner: this.plan(node.inner, node.inner.offset) }];
      default:
        return unreachable(node);
    }
  }

  /** Equal blocks moved to the positions `destination(perm)` gives, each permuted inside. */
  private blocks(items: readonly LayoutNode[], at: number, destination: (perm: Perm) => Int32Array): Op[] {
    const width = items.length ? widthOf(items[0].schema) : 0;
    const block = items.length ? this.plan(items[0], items[0].offset) : [];
    return [{ op: "blocks", at, width, count: items.length, table: this.table(destination), block }];
  }

  private table(make: (perm: Perm) => Int32Array): number {
    this.tables.push(make);
    return this.tables.length - 1;
  }

  /** The symmetric domain a scalar schema belongs to: an int domain by identity, an enum by its atoms. */
  private domainOf(schema: Schema): Resolved | undefined {
    if (schema.kind === "int") {
      const d = this.domains.find((x) => x.kind === "int" && x.schema === schema);
      if (d) this.used.add(d);
      return d;
    }
    if (schema.kind !== "enum") return undefined;
    for (const d of this.domains) {
      if (d.kind !== "enum") continue;
      const present = d.values.filter((v) => schema.values.includes(v));
      if (present.length === 0) continue;
      if (present.length < d.values.length) {
        const missing = d.values.filter((v) => !schema.values.includes(v));
        throw new SpecError(
          "invalid-spec",
          `symmetry: the enum ${describeSchema(schema)} holds some values of the symmetric domain ${describeSchema(d.schema)} but not ${missing.map((v) => JSON.stringify(v)).join(", ")}, so renaming them could leave the schema`,
        );
      }
      this.used.add(d);
      return d;
    }
    return undefined;
  }

  /** Whether a permutation can change a value of `schema` (this also checks enums against the domains). */
  private affects(schema: Schema): boolean {
    switch (schema.kind) {
      case "bool":
        return false;
      case "int":
      case "enum":
        return this.domainOf(schema) !== undefined;
      case "record":
        return schema.fields.map(([, f]) => this.affects(f)).some(Boolean);
      case "tuple":
        return schema.items.map((i) => this.affects(i)).some(Boolean);
      case "map":
        return [this.affects(schema.key), this.affects(schema.value)].some(Boolean);
      case "set":
      case "seq":
        return this.affects(schema.element);
      case "optional":
        return this.affects(schema.inner);
      default:
        return unreachable(schema);
    }
  }

  /** Whether a declared array lies within `node`'s slots. */
  private hasArray(node: LayoutNode): boolean {
    const end = node.offset + widthOf(node.schema);
    return this.domains.some((d) => [...d.arrays].some((a) => a.offset >= node.offset && a.offset < end));
  }

  /** For a scalar slot: the encoded value → the encoded value of its image. */
  private scalarTable(schema: Schema & { kind: "bool" | "int" | "enum" }, perm: Perm): Int32Array {
    const values = scalarValues(schema)!;
    return Int32Array.from(values, (v) => {
      const image = this.rename(schema, v, perm);
      return schema.kind === "int" ? (image as number) : values.indexOf(image);
    });
  }

  /** The image of a scalar value of `schema`. */
  private rename(schema: Schema, value: Scalar, perm: Perm): Scalar {
    const d = this.domainOf(schema);
    if (!d) return value;
    const i = d.values.indexOf(value);
    return i < 0 ? value : d.values[perm[this.domains.indexOf(d)][i]];
  }

  /** The image of any value of `schema` (set elements are whole values: records, tuples, …). */
  permute(schema: Schema, value: unknown, perm: Perm): unknown {
    switch (schema.kind) {
      case "bool":
        return value;
      case "int":
      case "enum":
        return this.rename(schema, value as Scalar, perm);
      case "record": {
        const out: Record<string, unknown> = {};
        for (const [k, f] of schema.fields) out[k] = this.permute(f, (value as Record<string, unknown>)[k], perm);
        return out;
      }
      case "tuple":
        return schema.items.map((item, i) => this.permute(item, (value as unknown[])[i], perm));
      case "map": {
        const out: Record<string, unknown> = {};
        for (const key of scalarValues(schema.key)!) {
          out[String(this.rename(schema.key, key, perm))] = this.permute(schema.value, (value as Record<string, unknown>)[String(key)], perm);
        }
        return out;
      }
      case "set":
        // A value set maps into its own universe (the element domain is closed under renaming).
        return (value as ValueSet<unknown>).map((e) => this.permute(schema.element, e, perm));
      case "seq":
        return (value as unknown[]).map((e) => this.permute(schema.element, e, perm));
      case "optional":
        return value === undefined ? undefined : this.permute(schema.inner, value, perm);
      default:
        return unreachable(schema);
    }
  }
}

/** Runs a plan: `out[outAt ..]` becomes the image of the block at `vector[inAt ..]`. */
function run(plan: readonly Op[], tables: readonly Int32Array[], vector: Int32Array, inAt: number, out: Int32Array, outAt: number): void {
  for (const step of plan) {
    const i = inAt + step.at;
    const o = outAt + step.at;
    switch (step.op) {
      case "copy":
        for (let k = 0; k < step.width; k++) out[o + k] = vector[i + k];
        break;
      case "slot":
        out[o] = tables[step.table][vector[i] - step.base];
        break;
      case "blocks": {
        const dest = tables[step.table];
        for (let b = 0; b < step.count; b++) run(step.block, tables, vector, i + b * step.width, out, o + dest[b] * step.width);
        break;
      }
      case "bits": {
        const map = tables[step.table];
        for (let w = 0; w < step.words; w++) out[o + w] = 0;
        for (let w = 0; w < step.words; w++) {
          let bits = vector[i + w];
          while (bits !== 0) {
            const low = bits & -bits;
            const target = map[w * 32 + 31 - Math.clz32(low)];
            out[o + (target >>> 5)] |= 1 << (target & 31);
            bits ^= low;
          }
        }
        break;
      }
      case "optional":
        out[o] = vector[i];
        if (vector[i] === 1) run(step.inner, tables, vector, i + 1, out, o + 1);
        else for (let k = 1; k <= step.width; k++) out[o + k] = 0;
        break;
      case "seq": {
        const length = vector[i];
        out[o] = length;
        for (let b = 0; b < length; b++) run(step.item, tables, vector, i + 1 + b * step.width, out, o + 1 + b * step.width);
        for (let k = 1 + length * step.width; k <= step.max * step.width; k++) out[o + k] = 0;
        break;
      }
      default:
        unreachable(step);
    }
  }
}
