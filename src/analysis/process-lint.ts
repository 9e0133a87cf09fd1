import { Node, SyntaxKind, type ObjectLiteralExpression } from "./ts-morph.ts";
import { functionOf, sameFileDeclaration, type FunctionNode, type ProcessSyntax, type SpecSyntax } from "./spec-syntax.ts";

/** How a process-lint finding is reported: its code, where, and the message. */
export type ProcessReport = (code: "process-state-write" | "unreached-label" | "step-never-enabled", node: Node, message: string) => void;

/**
 * What a step (or action) can return, read from its source: a state object literal, `true`
 * (no change), a disabled outcome (`false`, `null`, `undefined`), something that may be `true`
 * or `false` (a comparison), or something the analysis cannot follow (a helper's result).
 */
type Leaf =
  | { readonly kind: "object"; readonly node: ObjectLiteralExpression }
  | { readonly kind: "true" | "disabled" | "maybe" }
  | { readonly kind: "unknown" };

/**
 * The lint rules that know processes, all warnings: a step or an action that writes the state
 * of another process (`process-state-write`), a label no step can reach (`unreached-label`), and
 * a step that can never be enabled (`step-never-enabled`). Syntax only, same-file code; a step
 * whose outcomes cannot be followed (built by a helper) makes the reachability rule say nothing
 * about its process.
 */
export function checkProcesses(spec: SpecSyntax, report: ProcessReport): void {
  const processes = spec.processes;
  if (processes.length === 0) return;
  const names = new Set(processes.map((p) => p.name));
  for (const action of spec.actions) {
    if (!action.fn) continue;
    for (const leaf of outcomes(action.fn)) {
      if (leaf.kind !== "object") continue;
      for (const [key, node] of properties(leaf.node)) {
        if (names.has(key)) {
          report("process-state-write", node, `action "${action.name}" writes ${key}, the program counters and locals of process ${key}: only ${key}'s own steps should change them (this skips its program order). Fix: share the value through a state field, or make the action a step of ${key}`);
        }
      }
    }
  }
  for (const p of processes) {
    const othersLocals = new Map<string, string>();
    for (const q of processes) if (q !== p) for (const l of q.locals) if (!p.locals.includes(l)) othersLocals.set(l, q.name);
    for (const step of p.steps) {
      if (!step.fn) continue;
      const leaves = outcomes(step.fn);
      for (const leaf of leaves) {
        if (leaf.kind !== "object") continue;
        for (const [key, node] of properties(leaf.node)) {
          const owner = names.has(key) ? key : othersLocals.get(key);
          if (owner !== undefined && owner !== p.name) {
            report("process-state-write", node, `step ${p.name}.${step.name} writes ${key === owner ? key : `${key}, a local of process ${owner}`}: a process's pc and locals belong to its own steps (at run time this is an outside-schema error). Fix: share the value through a state field`);
          }
        }
      }
      if (leaves.length > 0 && leaves.every((l) => l.kind === "disabled")) {
        report("step-never-enabled", step.anchor, `step ${p.name}.${step.name} can never be enabled: every outcome it returns is false, null or undefined, so its process stops here for good. Fix: return the next state, true (no change) or an await condition`);
      }
    }
    checkReachability(p, report);
  }
}

/** Warns for each label of `p` that neither a jump nor the step before it can reach. */
function checkReachability(p: ProcessSyntax, report: ProcessReport): void {
  const labels = p.steps.map((s) => s.name);
  const edges = new Map<string, Set<string>>();
  for (const [i, step] of p.steps.entries()) {
    if (!step.fn) return;
    const next = i + 1 < labels.length ? labels[i + 1] : p.forever ? labels[0] : undefined;
    const targets = new Set<string>();
    for (const leaf of outcomes(step.fn)) {
      if (leaf.kind === "unknown") return; // a helper's outcome may go anywhere: say nothing
      if (leaf.kind === "true" || leaf.kind === "maybe") {
        if (next) targets.add(next);
        continue;
      }
      if (leaf.kind !== "object") continue;
      const jumps = gotoTargets(leaf.node);
      if (jumps === undefined) return;
      if (jumps.length === 0 && next) targets.add(next);
      for (const j of jumps) targets.add(j);
    }
    edges.set(step.name, targets);
  }
  const reached = new Set<string>([labels[0]]);
  const queue = [labels[0]];
  while (queue.length > 0) {
    for (const to of edges.get(queue.pop()!) ?? []) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  for (const step of p.steps) {
    if (!reached.has(step.name)) {
      report("unreached-label", step.anchor, `label ${p.name}.${step.name} is never reached: no step jumps to it (goto), and the step before it always jumps elsewhere. Fix: jump to it, or remove it`);
    }
  }
}

/**
 * The labels an outcome object jumps to (`goto: "x"`, `goto: c ? "x" : "y"`, also through a
 * spread of a same-file const; `"Done"` included): [] when it has no `goto` (it falls through),
 * undefined when a target cannot be read.
 */
function gotoTargets(object: ObjectLiteralExpression): string[] | undefined {
  const out: string[] = [];
  for (const member of object.getProperties()) {
    if (Node.isSpreadAssignment(member)) {
      const spread = member.getExpression();
      const declared = Node.isIdentifier(spread) && !isParameter(spread) ? localDeclaration(spread) : undefined;
      if (!declared) continue; // the state, or a parameter: no goto
      for (const leaf of expressionLeaves(declared)) {
        if (leaf.kind !== "object") continue;
        const inner = gotoTargets(leaf.node);
        if (inner === undefined) return undefined;
        out.push(...inner);
      }
    } else if (Node.isPropertyAssignment(member) && member.getName() === "goto") {
      const strings = stringLiterals(member.getInitializer());
      if (strings.length === 0) return undefined;
      out.push(...strings);
    }
  }
  return out;
}

function stringLiterals(node: Node | undefined): string[] {
  if (!node) return [];
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return [node.getLiteralText()];
  if (Node.isAsExpression(node) || Node.isParenthesizedExpression(node) || Node.isSatisfiesExpression(node)) return stringLiterals(node.getExpression());
  if (Node.isConditionalExpression(node)) return [...stringLiterals(node.getWhenTrue()), ...stringLiterals(node.getWhenFalse())];
  return [];
}

/** The direct properties of an outcome object, with their nodes (spreads and computed names skipped). */
function properties(object: ObjectLiteralExpression): [string, Node][] {
  return object.getProperties().flatMap((p): [string, Node][] => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? [[p.getName(), p.getNameNode()]] : []));
}

/** What a step or action function returns (see {@link Leaf}). */
function outcomes(fn: FunctionNode): Leaf[] {
  const body = fn.getBody();
  if (!body) return [{ kind: "unknown" }];
  if (!Node.isBlock(body)) return expressionLeaves(body);
  const out: Leaf[] = [];
  body.forEachDescendant((n, traversal) => {
    if (Node.isArrowFunction(n) || Node.isFunctionExpression(n) || Node.isFunctionDeclaration(n)) return traversal.skip();
    if (Node.isReturnStatement(n)) {
      const e = n.getExpression();
      out.push(...(e ? expressionLeaves(e) : [{ kind: "disabled" as const }]));
    }
    return undefined;
  });
  // A block that may end without `return` gives undefined: disabled, which adds no outcome.
  return out.length > 0 ? out : [{ kind: "disabled" }];
}

function expressionLeaves(node: Node, depth = 0): Leaf[] {
  if (depth > 20) return [{ kind: "unknown" }];
  const next = (n: Node) => expressionLeaves(n, depth + 1);
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isNonNullExpression(node)) return next(node.getExpression());
  if (Node.isObjectLiteralExpression(node)) return [{ kind: "object", node }];
  if (Node.isArrayLiteralExpression(node)) return node.getElements().flatMap(next);
  if (Node.isConditionalExpression(node)) return [...next(node.getWhenTrue()), ...next(node.getWhenFalse())];
  if (Node.isTrueLiteral(node)) return [{ kind: "true" }];
  if (Node.isFalseLiteral(node) || Node.isNullLiteral(node) || (Node.isIdentifier(node) && node.getText() === "undefined")) return [{ kind: "disabled" }];
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getText();
    if (op === "&&") return Node.isFalseLiteral(node.getLeft()) ? [{ kind: "disabled" }] : next(node.getRight());
    if (op === "||" || op === "??") return [...next(node.getLeft()), ...next(node.getRight())];
    if (["===", "!==", "==", "!=", "<", "<=", ">", ">=", "in", "instanceof"].includes(op)) return [{ kind: "maybe" }];
    return [{ kind: "unknown" }];
  }
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) return [{ kind: "maybe" }];
  if (Node.isCallExpression(node) && /(^|\.)exists$/.test(node.getExpression().getText())) {
    const body = functionOf(node.getArguments()[1]);
    return body ? outcomes(body) : [{ kind: "unknown" }];
  }
  if (Node.isIdentifier(node)) {
    // The state itself (`s`): no change; another parameter (an exists binding): unknown.
    if (isParameter(node)) return [{ kind: isStateParameter(node) ? "true" : "unknown" }];
    const declared = localDeclaration(node);
    return declared ? next(declared) : [{ kind: "unknown" }];
  }
  return [{ kind: "unknown" }];
}

/** Whether an identifier names a parameter of a function around it. */
function isParameter(identifier: Node): boolean {
  return parameterOwner(identifier) !== undefined;
}

/** Whether an identifier names the first parameter (the state or view) of the outermost function around it. */
function isStateParameter(identifier: Node): boolean {
  const owner = parameterOwner(identifier);
  if (!owner || owner.index !== 0) return false;
  for (let p = owner.fn.getParent(); p; p = p.getParent()) if (Node.isArrowFunction(p) || Node.isFunctionExpression(p)) return Node.isCallExpression(owner.fn.getParent()) ? false : true;
  return true;
}

function parameterOwner(identifier: Node): { readonly fn: Node; readonly index: number } | undefined {
  const name = identifier.getText();
  for (let p = identifier.getParent(); p; p = p.getParent()) {
    if (Node.isArrowFunction(p) || Node.isFunctionExpression(p) || Node.isFunctionDeclaration(p) || Node.isMethodDeclaration(p)) {
      const index = p.getParameters().findIndex((q) => q.getName() === name);
      if (index >= 0) return { fn: p, index };
    }
  }
  return undefined;
}

/** The initializer of the `const` an identifier names, when it is declared in the same file. */
function localDeclaration(identifier: Node): Node | undefined {
  const declared = sameFileDeclaration(identifier);
  return declared && Node.isVariableDeclaration(declared) ? declared.getInitializer() : undefined;
}
