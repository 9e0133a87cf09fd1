/**
 * What the code generators of this folder (compiled codecs, compiled ordinals) share: the
 * constants a generated function refers to (passed to it as `k`) and fresh variable names.
 */
export class GeneratedCode {
  /** The values the generated code reads as `k[i]`. */
  readonly constants: unknown[] = [];
  private fresh = 0;

  /** An expression for `value`, passed to the generated function among its constants. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  /** A variable name not used before in this code. */
  name(): string {
    return `v${this.fresh++}`;
  }
}
