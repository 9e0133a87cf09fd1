/**
 * interleave: TLA+-style specs in TypeScript, checked by exhaustive breadth-first search.
 *
 * ```ts
 * import { defineSpec, t, exists } from "interleave-spec";
 * ```
 */
export { t, Domain, SetDomain, type Infer, type InferShape, type Shape, type Seq, type ArrayOf, type ComparedByReference } from "./dsl/domain.ts";
export { ValueSet, isValueSet, type SetTarget } from "./state/value-set.ts";
export { equals } from "./state/value-equals.ts";
export {
  defineSpec,
  isSpec,
  type Spec,
  type SpecDefinition,
  type StateOf,
  type SpecState,
  type PropertyName,
  type ParamOverridesOf,
  type NamedSection,
  type ParamShape,
  type ParamValues,
  type ActionDef,
  type InvariantDef,
  type InitDef,
  type DeadlockDef,
  type PropertiesDef,
  type Successors,
  type SymmetryDef,
  type SymmetricDomainDef,
} from "./dsl/define-spec.ts";
export { exists, type Choice } from "./dsl/exists.ts";
export {
  DONE,
  type Process,
  type ProcessOps,
  type ProcessDefinition,
  type ProcessFields,
  type ProcessState,
  type Processes,
  type StepDef,
  type StepFn,
  type StepOutcome,
} from "./dsl/process.ts";
export {
  always,
  eventually,
  leadsTo,
  alwaysEventually,
  eventuallyAlways,
  weak,
  strong,
  type TemporalDef,
  type TemporalOps,
  type StatePredicate,
  type FairnessOptions,
} from "./dsl/temporal.ts";
export { mod, div } from "./dsl/math.ts";
export { except } from "./dsl/except.ts";
export { compile, resolveParams, type ParamOverrides } from "./dsl/compile.ts";
export type {
  Model,
  Codec,
  Action,
  Binding,
  Invariant,
  DeadlockFreedom,
  Sometimes,
  Temporal,
  TemporalFormula,
  Fairness,
  Property,
  Json,
  ProcessStep,
  SourceLocation,
  Identity,
  StepContext,
} from "./model/model.ts";
export { formatPath, parsePath } from "./model/field-path.ts";
export {
  withStateConstraint,
  withActionConstraint,
  withView,
  withSymmetry,
  withModelOptions,
  type ActionStep,
  type ModelOptions,
  type SymmetricDomain,
} from "./model-options/model-options.ts";
export { codecLayout, type Layout, type LayoutNode } from "./state/layout.ts";
export { SpecError, isSpecError, type SpecErrorCode, type SpecErrorDetails } from "./model/spec-error.ts";
export { check, type CheckOptions, type ExplorationObserver, type Strategy } from "./check/check.ts";
export { LiveStatus, type LiveSnapshot, type Phase } from "./check/live-status.ts";
export type {
  CheckResult,
  CheckStats,
  Progress,
  StopReason,
  Trace,
  TraceStep,
  Violation,
  ViolationKind,
  CheckWarning,
  Witness,
} from "./check/result.ts";
export { StateGraph } from "./graph/state-graph.ts";
export type { Diagram, DiagramNode, DiagramEdge, DiagramViolation } from "./graph/diagram.ts";
export { buildDiagram, type DiagramOptions, type Counterexample } from "./graph/build-diagram.ts";
export { readableDiagram, READABLE_NODES, type ReadableDiagram } from "./graph/readable-diagram.ts";
export { propertyFields } from "./graph/property-fields.ts";
export type { Field } from "./graph/fields.ts";
export { toDot, type DotOptions } from "./export/dot.ts";
export { traceDiagram, type TraceDiagramOptions } from "./export/trace-diagram.ts";
export { checkVerdicts, type Expectation, type PropertyVerdict, type Verdicts } from "./check/verdicts.ts";
export { toGithubAnnotations, type AnnotationSubject } from "./export/github.ts";
export { toJunitXml, type JunitSubject } from "./export/junit.ts";
export { toItf, type ItfSubject } from "./export/itf.ts";
export { checkSource, checkModel, loadModel, type ModelSource, type SourceCheckOptions } from "./parallel/check-source.ts";
