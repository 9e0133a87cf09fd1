import { compile } from "../dsl/compile.ts";
import { isSpec, type Spec } from "../dsl/define-spec.ts";
import type { Model } from "../model/model.ts";
import { SpecError } from "../model/spec-error.ts";
import { importSpecFile } from "../loader/import-spec.ts";

/**
 * Which model to check, described as data so that a worker thread can build the same model by
 * itself: a spec file, the export holding the spec, and its parameter values.
 */
export interface ModelSource {
  /** Absolute path of the spec file (TypeScript or JavaScript, ES module or CommonJS). */
  readonly file: string;
  /** The export holding the spec; default `default`. */
  readonly exportName?: string;
  /** Parameter overrides, as `compile` takes them. */
  readonly params?: { readonly [name: string]: unknown };
}

/** Imports the spec file and compiles the selected export with the given parameters. */
export async function loadModel(source: ModelSource): Promise<Model<unknown>> {
  const module = await importSpecFile(source.file);
  const name = source.exportName ?? "default";
  // A CommonJS spec's `module.exports` sits under `default` when imported.
  const spec = [module[name], (module.default as Record<string, unknown> | undefined)?.[name]].find(isSpec);
  if (!isSpec(spec)) throw new SpecError("export-not-found", `${source.file} has no spec exported as "${name}"`, { file: source.file });
  return compile(spec as Spec, source.params ?? {}) as Model<unknown>;
}
