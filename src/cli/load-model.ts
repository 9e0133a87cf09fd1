import { compile, resolveParams } from "../dsl/compile.ts";
import type { Spec } from "../dsl/define-spec.ts";
import type { Json, Model } from "../model/model.ts";
import { isSpecError } from "../model/spec-error.ts";
import { loadSpec } from "./load-spec.ts";
import { parseSetOptions } from "./params.ts";
import { UsageError } from "./usage-error.ts";

export interface LoadedModel<S> {
  readonly spec: Spec;
  readonly model: Model<S>;
  /** The parameter values in use (defaults, then `--set`). */
  readonly params: { readonly [name: string]: Json };
}

/**
 * Loads a spec file and compiles it with `--set` overrides. A bad `--set` is a UsageError
 * (exit 3); any other fault a SpecError (exit 2).
 */
export async function loadModel(
  file: string,
  options: { readonly exportName?: string; readonly set?: readonly string[]; readonly typecheck?: boolean; readonly cwd?: string },
) {
  const loaded = await loadSpec(file, { exportName: options.exportName, typecheck: options.typecheck, cwd: options.cwd });
  const { overrides, params } = resolveSetParams(loaded.spec, options.set);
  return loadedModel({ spec: loaded.spec, model: compile(loaded.spec, overrides), params });
}

/** Types a loaded model by its state type (inferred from the spec's schema). */
function loadedModel<S>(loaded: LoadedModel<S>): LoadedModel<S> {
  return loaded;
}

/**
 * The `--set` overrides of a spec and the parameter values they give (defaults, then the
 * overrides). A malformed or out-of-range `--set` is a UsageError (exit 3).
 */
export function resolveSetParams(spec: Spec, set: readonly string[] = []): { overrides: Record<string, unknown>; params: { [name: string]: Json } } {
  const declared = spec.definition.params ?? {};
  const overrides = parseSetOptions(set, declared);
  try {
    return { overrides, params: resolveParams(declared, overrides) as { [name: string]: Json } };
  } catch (e) {
    if (isSpecError(e) && e.code === "invalid-param" && e.details.param !== undefined && e.details.param in overrides) {
      throw new UsageError(`--set ${e.message}`);
    }
    throw e;
  }
}
