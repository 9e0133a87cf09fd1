/**
 * interleave: TLA+-style specs in TypeScript, checked by exhaustive breadth-first search.
 *
 * ```ts
 * import { defineSpec, t, exists } from "interleave";
 * ```
 */
export { t, Domain, type Infer, type InferShape, type Shape } from "./dsl/domain.ts";
export {
  defineSpec,
  isSpec,
  type Spec,
  type SpecDefinition,
  type StateOf,
  type ParamShape,
  type ParamValues,
  type ActionDef,
  type InvariantDef,
  type InitDef,
  type DeadlockDef,
  type Successors,
} from "./dsl/define-spec.ts";
export { exists, type Choice } from "./dsl/exists.ts";
export { mod, div } from "./dsl/math.ts";
export { compile, resolveParams, type ParamOverrides } from "./dsl/compile.ts";
export type {
  Model,
  Codec,
  Action,
  Binding,
  Invariant,
  DeadlockFreedom,
  Property,
  Json,
  SourceLocation,
} from "./model/model.ts";
export { SpecError, isSpecError, type SpecErrorCode, type SpecErrorDetails } from "./model/spec-error.ts";
export { check, type CheckOptions, type ExplorationObserver } from "./check/check.ts";
export type {
  CheckResult,
  CheckStats,
  Progress,
  StopReason,
  Trace,
  TraceStep,
  Violation,
  ViolationKind,
} from "./check/result.ts";
export { checkSource, checkModel, loadModel, type ModelSource, type SourceCheckOptions } from "./parallel/check-source.ts";
