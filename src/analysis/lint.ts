import { existsSync, statSync } from "node:fs";
import { Node, SyntaxKind, tsMorph, type SourceFile } from "./ts-morph.ts";
import type { Diagnostic } from "./diagnostic.ts";
import { findSpecs, parseFile, type FunctionNode, type SpecMember, type SpecSyntax } from "./spec-syntax.ts";
import { checkProcesses } from "./process-lint.ts";
import { checkReferenceEquality } from "./reference-equality.ts";

/** The lint rules, by code. `fast` rules run before every `check`; their errors refuse the check. */
export const LINT_RULES = {
  "state-mutation": { severity: "error", fast: true },
  nondeterminism: { severity: "error", fast: true },
  "module-state": { severity: "error", fast: true },
  "reference-equality": { severity: "error", fast: true },
  "unused-binding": { severity: "warning", fast: false },
  "unwritten-field": { severity: "warning", fast: false },
  "unread-field": { severity: "warning", fast: false },
  "invariant-reads-no-state": { severity: "warning", fast: false },
  "process-state-write": { severity: "warning", fast: false },
  "unreached-label": { severity: "warning", fast: false },
  "step-never-enabled": { severity: "warning", fast: false },
} as const satisfies Record<string, { severity: Diagnostic["severity"]; fast: boolean }>;

export type LintCode = keyof typeof LINT_RULES;

export interface LintOptions {
  /** Only the rules marked `fast` (what `check` runs first). */
  readonly fastOnly?: boolean;
}

const MUTATORS = new Set(["push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin", "add", "delete", "clear", "set"]);
const NONDETERMINISTIC: readonly [RegExp, string][] = [
  [/^Math\.random$/, "Math.random() gives a different successor each time the state is expanded"],
  [/^(Date\.now|performance\.now|process\.hrtime(\.bigint)?)$/, "the clock differs between expansions of the same state"],
  [/^crypto\.(randomUUID|getRandomValues|randomInt|randomBytes)$/, "random values differ between expansions of the same state"],
  [/^(console|process|fs|fetch|require)(\.|$)/, "I/O runs once per expansion, in an order the checker chooses"],
  [/^(readFileSync|writeFileSync|readFile|writeFile|setTimeout|setInterval)$/, "I/O and timers run once per expansion, in an order the checker chooses"],
];

/**
 * Finds mistakes in a spec file that the type checker cannot see, each with its position and a
 * fix hint: mutating the current state in an action or property; `Math.random`, clocks, I/O or
 * module-level mutable state used in one; an `exists` binding the body ignores; a state field
 * no action writes or nothing reads; an invariant that reads no state; a search or comparison of
 * an object literal by reference (`xs.includes({ … })`, `=== { … }`); for processes, a write to
 * another process's pc or locals, a label no step reaches, a step that can never be enabled
 * (process steps also get every rule actions get). Syntax only (ts-morph,
 * no type checking). Never throws on user input: an unreadable file gives one diagnostic.
 *
 * Limits: only same-file code is followed (helpers imported from elsewhere are not inspected);
 * aliases of the state (`const a = s.arr; a.push(1)`) are not tracked.
 */
export function lintSpecFile(file: string, options: LintOptions = {}): Diagnostic[] {
  const source = parseFile(file);
  if (!source) {
    const why = !existsSync(file) ? "no such file" : statSync(file).isDirectory() ? "is a directory, not a spec file" : "the file could not be read or parsed";
    return [{ code: "unreadable", severity: "error", file, line: 1, column: 1, message: why }];
  }
  const syntax = syntaxErrors(source, file);
  if (syntax.length > 0) return syntax;
  try {
    return lintSource(source, file, options);
  } catch (e) {
    return [{ code: "lint-failed", severity: "warning", file, line: 1, column: 1, message: `lint stopped early: ${(e as Error).message}` }];
  }
}

function lintSource(source: SourceFile, file: string, options: LintOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (code: LintCode, node: Node, message: string) => {
    if (options.fastOnly && !LINT_RULES[code].fast) return;
    const { line, column } = source.getLineAndColumnAtPos(node.getStart());
    if (out.some((d) => d.code === code && d.line === line && d.column === column)) return;
    out.push({ code, severity: LINT_RULES[code].severity, file, line, column, message });
  };
  const moduleLets = moduleMutableNames(source);
  const declared = moduleDeclaredNames(source);
  for (const spec of findSpecs(source)) {
    const fns = [
      ...spec.actions.map((m) => ({ what: `action "${m.name}"`, fn: m.fn })),
      ...spec.invariants.map((m) => ({ what: `invariant "${m.name}"`, fn: m.fn })),
      ...spec.readers.map((fn) => ({ what: "the spec", fn })),
      ...steps(spec).map((m) => ({ what: `step ${m.name}`, fn: m.fn })),
    ];
    for (const { what, fn } of fns) {
      if (!fn) continue;
      const stateName = paramName(fn, 0);
      if (stateName) checkMutation(fn, stateName, what, report);
      checkImpurity(fn, what, moduleLets, declared, report);
      checkReferenceEquality(fn, what, (node, message) => report("reference-equality", node, message));
      checkExistsBindings(fn, report);
    }
    for (const m of spec.invariants) {
      if (!m.fn) continue;
      const stateParam = m.fn.getParameters()[0];
      const reads = stateParam && (Node.isParameterDeclaration(stateParam) && !Node.isIdentifier(stateParam.getNameNode()) ? true : usesName(m.fn, paramName(m.fn, 0)));
      if (!reads) {
        report(
          "invariant-reads-no-state",
          m.anchor,
          `invariant "${m.name}" reads no state, so it is the same in every state (vacuous or always violated). Fix: take the state, e.g. (s) => s.x <= max`,
        );
      }
    }
    checkFields(spec, report);
    checkProcesses(spec, report);
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

type Report = (code: LintCode, node: Node, message: string) => void;

/** The steps of every process type, named `type.label`: they read and write state as actions do. */
function steps(spec: SpecSyntax): SpecMember[] {
  return spec.processes.flatMap((p) => p.steps.map((m) => ({ ...m, name: `${p.name}.${m.name}` })));
}

function paramName(fn: FunctionNode, index: number): string | undefined {
  const p = fn.getParameters()[index];
  if (!p || !Node.isParameterDeclaration(p)) return undefined;
  const name = p.getNameNode();
  return Node.isIdentifier(name) ? name.getText() : undefined;
}

/** True when the expression is `s`, `s.x`, `s.x[i]`, `s["x"].y`… for the state parameter `s`. */
function rootedAt(node: Node, name: string): boolean {
  let at: Node = node;
  while (Node.isPropertyAccessExpression(at) || Node.isElementAccessExpression(at) || Node.isNonNullExpression(at) || Node.isParenthesizedExpression(at)) {
    at = at.getExpression();
  }
  return Node.isIdentifier(at) && at.getText() === name && !shadowed(at, name);
}

/** Whether `name` at `node` refers to a binding other than the outer function's parameter (a nested function's own). */
function shadowed(node: Node, name: string): boolean {
  for (let p = node.getParent(); p; p = p.getParent()) {
    if (Node.isArrowFunction(p) || Node.isFunctionExpression(p) || Node.isFunctionDeclaration(p) || Node.isMethodDeclaration(p)) {
      if (p.getParameters().some((q) => q.getName() === name)) return !isOutermost(p);
    }
  }
  return false;
}

const outermost = new WeakSet<Node>();
function isOutermost(fn: Node): boolean {
  return outermost.has(fn);
}

function checkMutation(fn: FunctionNode, state: string, what: string, report: Report): void {
  outermost.add(fn);
  fn.forEachDescendant((n) => {
    if (Node.isBinaryExpression(n) && isAssignment(n.getOperatorToken().getKind())) {
      const target = n.getLeft();
      if ((Node.isPropertyAccessExpression(target) || Node.isElementAccessExpression(target)) && rootedAt(target, state)) {
        report(
          "state-mutation",
          n,
          `${what} assigns to ${target.getText()}, mutating the current state (other actions and the checker still see it). Fix: return a new state, e.g. { ...${state}, ${fieldOf(target, state)}: … }`,
        );
      }
    } else if ((Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n)) && [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(n.getOperatorToken())) {
      const target = n.getOperand();
      if ((Node.isPropertyAccessExpression(target) || Node.isElementAccessExpression(target)) && rootedAt(target, state)) {
        report("state-mutation", n, `${what} updates ${target.getText()} in place. Fix: return { ...${state}, ${fieldOf(target, state)}: ${target.getText()} + 1 }`);
      }
    } else if (Node.isDeleteExpression(n) && rootedAt(n.getExpression(), state)) {
      report("state-mutation", n, `${what} deletes from the current state. Fix: build a new object without the key`);
    } else if (Node.isCallExpression(n)) {
      const callee = n.getExpression();
      if (Node.isPropertyAccessExpression(callee) && MUTATORS.has(callee.getName()) && rootedAt(callee.getExpression(), state)) {
        const obj = callee.getExpression().getText();
        const hint = ["add", "delete", "clear"].includes(callee.getName())
          ? `the value set's immutable operations, e.g. ${obj}.${callee.getName() === "add" ? "with" : "without"}(x), which return a new set`
          : `a copy, e.g. [...${obj}, x] or ${obj}.with(i, x) / .toSorted() / .toSpliced()`;
        report("state-mutation", n, `${what} calls ${callee.getName()}() on ${obj}, mutating the current state. Fix: use ${hint}`);
      } else if (Node.isPropertyAccessExpression(callee) && /^Object\.(assign|defineProperty)$/.test(callee.getText()) && n.getArguments()[0] && rootedAt(n.getArguments()[0], state)) {
        report("state-mutation", n, `${what} writes into the current state with ${callee.getText()}. Fix: Object.assign({}, ${state}, …) or { ...${state}, … }`);
      }
    }
  });
}

function isAssignment(kind: SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

function fieldOf(target: Node, state: string): string {
  let at: Node = target;
  let field = "x";
  while (Node.isPropertyAccessExpression(at) || Node.isElementAccessExpression(at)) {
    const inner = at.getExpression();
    if (Node.isIdentifier(inner) && inner.getText() === state) field = Node.isPropertyAccessExpression(at) ? at.getName() : "x";
    at = inner;
  }
  return field;
}

function checkImpurity(fn: FunctionNode, what: string, moduleLets: ReadonlySet<string>, declared: ReadonlySet<string>, report: Report): void {
  const locals = new Set<string>();
  fn.forEachDescendant((n) => {
    if (Node.isParameterDeclaration(n) || Node.isVariableDeclaration(n) || Node.isBindingElement(n)) {
      const name = n.getNameNode();
      if (Node.isIdentifier(name)) locals.add(name.getText());
    }
  });
  fn.forEachDescendant((n) => {
    if (Node.isNewExpression(n) && n.getExpression().getText() === "Date") {
      report("nondeterminism", n, `${what} uses new Date(): the clock differs between expansions of the same state, so the state graph is not a function of the spec. Fix: model time as a state field or a parameter`);
    }
    if (Node.isCallExpression(n)) {
      const callee = n.getExpression().getText();
      for (const [pattern, why] of NONDETERMINISTIC) {
        // A name the file declares or imports itself (a helper called `process`) is not the global.
        const root = callee.split(".")[0];
        if (pattern.test(callee) && !locals.has(root) && !declared.has(root)) {
          report("nondeterminism", n, `${what} calls ${callee}(): ${why}. Fix: choose values with exists(domain, (v) => …) or keep them in the state`);
          break;
        }
      }
    }
    if (Node.isIdentifier(n) && moduleLets.has(n.getText()) && !locals.has(n.getText()) && isReference(n)) {
      report(
        "module-state",
        n,
        `${what} uses module-level mutable ${n.getText()}: its value depends on what ran before, not on the state. Fix: make it a state field, a parameter, or a const`,
      );
    }
  });
}

function isReference(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return true;
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return false;
  if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) return false;
  return true;
}

/** Names the file declares at module level or imports (functions, classes, variables, imports). */
function moduleDeclaredNames(source: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const f of source.getFunctions()) if (f.getName()) names.add(f.getName()!);
  for (const c of source.getClasses()) if (c.getName()) names.add(c.getName()!);
  for (const d of source.getVariableDeclarations()) names.add(d.getName());
  for (const i of source.getImportDeclarations()) {
    if (i.getDefaultImport()) names.add(i.getDefaultImport()!.getText());
    if (i.getNamespaceImport()) names.add(i.getNamespaceImport()!.getText());
    for (const n of i.getNamedImports()) names.add((n.getAliasNode() ?? n.getNameNode()).getText());
  }
  return names;
}

/** Names declared with `let`/`var` at module level (and not only initialised): mutable state outside the spec. */
function moduleMutableNames(source: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of source.getVariableStatements()) {
    const kind = st.getDeclarationKind();
    if (kind === "let" || kind === "var") for (const d of st.getDeclarations()) names.add(d.getName());
  }
  return names;
}

function checkExistsBindings(fn: FunctionNode, report: Report): void {
  fn.forEachDescendant((n) => {
    if (!Node.isCallExpression(n) || !/(^|\.)exists$/.test(n.getExpression().getText())) return;
    const body = n.getArguments()[1];
    if (!body || !(Node.isArrowFunction(body) || Node.isFunctionExpression(body))) return;
    const p = body.getParameters()[0];
    if (!p) return;
    const nameNode = p.getNameNode();
    const names = Node.isIdentifier(nameNode)
      ? [nameNode]
      : nameNode.getDescendantsOfKind(SyntaxKind.BindingElement).map((el) => el.getNameNode()).filter((id) => Node.isIdentifier(id));
    for (const id of names) {
      const name = id.getText();
      if (name.startsWith("_")) continue;
      const used = body.getBody().getDescendantsOfKind(SyntaxKind.Identifier).some((u) => u.getText() === name && isReference(u));
      if (!used) {
        report(
          "unused-binding",
          id,
          `the exists binding ${name} is never used: every value of the domain gives the same successors (duplicated states, inflated counts). Fix: use ${name}, or drop the exists (name it _${name} if the duplication is intended)`,
        );
      }
    }
  });
}

function checkFields(spec: SpecSyntax, report: Report): void {
  if (!spec.state) return;
  const fields = spec.state
    .getProperties()
    .filter((p) => Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p))
    .map((p) => ({ name: (p as Node & { getName(): string }).getName(), node: p }));
  const actionFns = [...spec.actions, ...steps(spec)].map((m) => m.fn);
  // A member that cannot be followed (imported helper) could write or read anything: say nothing.
  if (actionFns.some((f) => !f) || spec.invariants.some((m) => !m.fn)) return;
  const written = new Set<string>();
  const read = new Set<string>();
  let opaqueWrite = false;
  for (const fn of actionFns) {
    fn!.forEachDescendant((n) => {
      if (Node.isObjectLiteralExpression(n)) {
        for (const p of n.getProperties()) {
          if (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) written.add(p.getName());
        }
      }
      // The state handed to a helper: the helper may build the successor, so say nothing about writes.
      if (Node.isCallExpression(n) && n.getArguments().some((arg) => Node.isIdentifier(arg) && arg.getText() === paramName(fn!, 0))) opaqueWrite = true;
    });
  }
  const readers = [...actionFns, ...spec.invariants.map((m) => m.fn), ...spec.readers];
  for (const fn of readers) {
    const state = paramName(fn!, 0);
    const param = fn!.getParameters()[0];
    if (param && Node.isParameterDeclaration(param) && Node.isObjectBindingPattern(param.getNameNode())) {
      for (const el of param.getNameNode().getDescendantsOfKind(SyntaxKind.BindingElement)) read.add(el.getPropertyNameNode()?.getText() ?? el.getName());
    }
    if (!state) continue;
    fn!.forEachDescendant((n) => {
      if (Node.isPropertyAccessExpression(n) && Node.isIdentifier(n.getExpression()) && n.getExpression().getText() === state) read.add(n.getName());
      if (Node.isElementAccessExpression(n) && Node.isIdentifier(n.getExpression()) && n.getExpression().getText() === state) {
        const arg = n.getArgumentExpression();
        if (arg && Node.isStringLiteral(arg)) read.add(arg.getLiteralText());
        else for (const f of fields) read.add(f.name);
      }
      if (Node.isIdentifier(n) && n.getText() === state && !Node.isPropertyAccessExpression(n.getParent()) && !Node.isElementAccessExpression(n.getParent()) && !Node.isSpreadAssignment(n.getParent()) && !Node.isParameterDeclaration(n.getParent())) {
        for (const f of fields) read.add(f.name); // the whole state escapes (passed to a helper, compared…)
      }
    });
  }
  for (const f of fields) {
    if (!opaqueWrite && !written.has(f.name)) {
      report("unwritten-field", f.node, `state field ${f.name} is never written by an action: it keeps its initial value. Fix: make it a parameter or a constant, or write it in the action that should change it`);
    }
    if (!read.has(f.name)) {
      report("unread-field", f.node, `state field ${f.name} is read by no action guard and no property: it only multiplies the state space. Fix: remove it, or check it in an invariant`);
    }
  }
}

function usesName(fn: FunctionNode, name: string | undefined): boolean {
  if (!name) return false;
  const body = fn.getBody();
  return !!body && body.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === name && isReference(id)) || (!!body && Node.isIdentifier(body) && body.getText() === name);
}

/**
 * The parser's errors (a file that does not parse is linted no further: its tree is a guess).
 * Read from the parsed file itself: asking the program for them builds a whole program, half a
 * second for a spec file, on the path of every `check`.
 */
function syntaxErrors(source: SourceFile, file: string): Diagnostic[] {
  const { ts } = tsMorph();
  const parsed = (source.compilerNode as { parseDiagnostics?: readonly import("ts-morph").ts.Diagnostic[] }).parseDiagnostics;
  const diagnostics = parsed ?? source.getProject().getProgram().compilerObject.getSyntacticDiagnostics(source.compilerNode);
  return diagnostics.map((d) => {
    const { line, column } = source.getLineAndColumnAtPos(d.start ?? 0);
    return { code: "syntax-error", severity: "error" as const, file, line, column, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
  });
}
