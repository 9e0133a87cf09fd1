import { readFileSync } from "node:fs";
import path from "node:path";
import { Node, tsMorph, type ObjectLiteralExpression, type SourceFile } from "./ts-morph.ts";

/** A function-valued member of `actions:` or `invariants:` as written in the source. */
export interface SpecMember {
  readonly name: string;
  /** Where the member is defined: its name, or the same-file declaration a shorthand names. */
  readonly anchor: Node;
  /** The function implementing it, when it can be found in this file (`holds` for `{ holds, message }`). */
  readonly fn?: FunctionNode;
  /** What the member is set to: its initializer, or the same-file declaration a shorthand names. */
  readonly value?: Node;
}

/** Arrow functions, function expressions and declarations, methods. */
export type FunctionNode = Node & { getParameters(): Node[]; getBody(): Node | undefined };

/** One `defineSpec({...})` call as written. */
export interface SpecSyntax {
  readonly call: Node;
  readonly definition: ObjectLiteralExpression;
  readonly name?: string;
  readonly actions: readonly SpecMember[];
  readonly invariants: readonly SpecMember[];
  /**
   * Members of the definition's other object-valued sections (e.g. `sometimes:`, temporal
   * properties), keyed by section: properties that later front-end features add.
   */
  readonly sections: ReadonlyMap<string, readonly SpecMember[]>;
  /** The object literal of `state:` (inline, or returned by `state: (p) => ({ … })`). */
  readonly state?: ObjectLiteralExpression;
  /** Other state functions: `deadlock.terminal`, `constraint`, `actionConstraint`, a `view` function (they read state too). */
  readonly readers: readonly FunctionNode[];
  /** The process types `processes: ({ process }) => ({ name: process({ … }) })` declares. */
  readonly processes: readonly ProcessSyntax[];
}

/** One `name: process({ ids, locals, steps })` as written. */
export interface ProcessSyntax {
  readonly name: string;
  readonly anchor: Node;
  /** The names of its locals, when `locals` is an object literal (inline, or returned by a function). */
  readonly locals: readonly string[];
  /** Its labelled steps in order: `name` is the label, `fn` the step function (`step` of `{ code, step }`). */
  readonly steps: readonly SpecMember[];
  /** `forever: true` is written. */
  readonly forever: boolean;
}

/**
 * Parses a file with ts-morph (syntax only). Returns undefined when it cannot be read. The last
 * parse is reused while the file's text is the same: `check` lints and locates one file several
 * times over, and the callers only read the tree.
 */
export function parseFile(file: string): SourceFile | undefined {
  try {
    const text = readFileSync(file, "utf8");
    if (lastParse?.file === file && lastParse.text === text) return lastParse.source;
    const project = new (tsMorph().Project)({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { noLib: true, types: [] } });
    const source = project.createSourceFile(file, text, { overwrite: true });
    lastParse = { file, text, source };
    return source;
  } catch {
    return undefined;
  }
}
let lastParse: { readonly file: string; readonly text: string; readonly source: SourceFile } | undefined;

/**
 * Every `defineSpec({ … })` call in the file (also inside factory functions), with its actions,
 * invariants and state fields resolved through same-file consts, shorthand and spread members.
 */
export function findSpecs(source: SourceFile): SpecSyntax[] {
  const out: SpecSyntax[] = [];
  // `import { defineSpec as spec } from "interleave-spec"` calls it `spec`.
  const names = new Set(["defineSpec"]);
  for (const i of source.getImportDeclarations()) {
    for (const n of i.getNamedImports()) if (n.getName() === "defineSpec" && n.getAliasNode()) names.add(n.getAliasNode()!.getText());
  }
  source.forEachDescendant((n) => {
    if (!Node.isCallExpression(n)) return;
    const callee = n.getExpression();
    const calleeName = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    if (!names.has(calleeName)) return;
    const definition = objectOf(n.getArguments()[0]);
    if (!definition) return;
    const nameValue = memberValue(definition, "name");
    const readers: FunctionNode[] = [];
    const deadlock = objectOf(memberValue(definition, "deadlock"));
    const terminal = deadlock && functionOf(memberValue(deadlock, "terminal") ?? deadlock.getProperty("terminal"));
    if (terminal) readers.push(terminal);
    for (const section of ["constraint", "actionConstraint", "view"]) {
      const reader = functionOf(memberValue(definition, section) ?? definition.getProperty(section));
      if (reader) readers.push(reader);
    }
    out.push({
      call: n,
      definition,
      ...(nameValue && (Node.isStringLiteral(nameValue) || Node.isNoSubstitutionTemplateLiteral(nameValue)) ? { name: nameValue.getLiteralText() } : {}),
      actions: members(objectOf(memberValue(definition, "actions")), false),
      invariants: members(objectOf(memberValue(definition, "invariants")), true),
      sections: otherSections(definition),
      processes: processesOf(memberValue(definition, "processes") ?? definition.getProperty("processes")),
      ...(objectOrReturned(memberValue(definition, "state")) ? { state: objectOrReturned(memberValue(definition, "state"))! } : {}),
      readers,
    });
  });
  return out;
}

const KNOWN_SECTIONS = new Set(["name", "params", "state", "init", "actions", "invariants", "deadlock", "constraint", "actionConstraint", "view", "symmetry", "expect", "processes"]);

function otherSections(definition: ObjectLiteralExpression): Map<string, SpecMember[]> {
  const out = new Map<string, SpecMember[]>();
  for (const p of definition.getProperties()) {
    if (!Node.isPropertyAssignment(p) && !Node.isShorthandPropertyAssignment(p)) continue;
    const name = p.getName();
    if (KNOWN_SECTIONS.has(name)) continue;
    // `properties: (ops) => ({ … })` (the recommended form) names its members in the returned object.
    const object = objectOrReturned(Node.isPropertyAssignment(p) ? p.getInitializer() : p);
    if (object) out.set(name, members(object, true));
  }
  return out;
}

/** The process types of `processes: ({ process }) => ({ name: process({ … }), … })`. */
function processesOf(node: Node | undefined): ProcessSyntax[] {
  const declared = objectOrReturned(node);
  if (!declared) return [];
  const out: ProcessSyntax[] = [];
  for (const member of declared.getProperties()) {
    if (!Node.isPropertyAssignment(member)) continue;
    const name = memberName(member.getNameNode());
    const call = member.getInitializer();
    if (name === undefined || !call || !Node.isCallExpression(call) || !/(^|\.)process$/.test(call.getExpression().getText())) continue;
    const def = objectOf(call.getArguments()[0]);
    if (!def) continue;
    const steps = objectOf(memberValue(def, "steps"));
    const locals = objectOrReturned(memberValue(def, "locals"));
    const forever = memberValue(def, "forever");
    out.push({
      name,
      anchor: member.getNameNode(),
      locals: locals ? locals.getProperties().flatMap((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? [p.getName()] : [])) : [],
      steps: steps ? stepMembers(steps) : [],
      forever: forever !== undefined && forever.getText() === "true",
    });
  }
  return out;
}

/** The steps of a `steps: { … }` object: functions, or `{ code, step }`. */
function stepMembers(steps: ObjectLiteralExpression): SpecMember[] {
  return members(steps, false).map((m) => {
    if (m.fn) return m;
    const inner = objectOf(m.value);
    const fn = inner && functionOf(memberValue(inner, "step") ?? inner.getProperty("step"));
    return fn ? { ...m, fn } : m;
  });
}

/** The object literal a section denotes: written directly, or returned by a function (`(params) => ({ … })`). */
function objectOrReturned(node: Node | undefined): ObjectLiteralExpression | undefined {
  const direct = objectOf(node);
  if (direct) return direct;
  const fn = functionOf(node);
  const body = fn?.getBody();
  if (!body) return undefined;
  if (!Node.isBlock(body)) return objectOf(body);
  const ret = body.getStatements().find((st) => Node.isReturnStatement(st));
  return ret && Node.isReturnStatement(ret) ? objectOf(ret.getExpression()) : undefined;
}

function members(object: ObjectLiteralExpression | undefined, predicates: boolean, seen = new Set<Node>(), out: SpecMember[] = []): SpecMember[] {
  if (!object || seen.has(object)) return out;
  seen.add(object);
  for (const member of object.getProperties()) {
    if (Node.isSpreadAssignment(member)) {
      // `...more`, or `...(flag ? { a } : {})`: the members of each branch.
      let spread: Node = member.getExpression();
      while (Node.isParenthesizedExpression(spread)) spread = spread.getExpression();
      const branches = Node.isConditionalExpression(spread) ? [spread.getWhenTrue(), spread.getWhenFalse()] : [spread];
      for (const branch of branches) members(objectOf(branch), predicates, seen, out);
      continue;
    }
    if (!(Node.isPropertyAssignment(member) || Node.isShorthandPropertyAssignment(member) || Node.isMethodDeclaration(member))) continue;
    const name = memberName(member.getNameNode());
    if (name === undefined || out.some((m) => m.name === name)) continue;
    const declared = Node.isShorthandPropertyAssignment(member) ? sameFileDeclaration(member.getNameNode()) : undefined;
    let fn: FunctionNode | undefined;
    const value = Node.isMethodDeclaration(member) ? member : Node.isPropertyAssignment(member) ? member.getInitializer() : declared;
    if (Node.isMethodDeclaration(member)) fn = member as unknown as FunctionNode;
    else {
      fn = functionOf(value);
      const obj = predicates && !fn ? objectOf(value) : undefined;
      if (obj) fn = functionOf(memberValue(obj, "holds") ?? obj.getProperty("holds"));
    }
    out.push({ name, anchor: declared ?? member.getNameNode(), ...(fn ? { fn } : {}), ...(value ? { value } : {}) });
  }
  return out;
}

function memberName(nameNode: Node): string | undefined {
  if (Node.isIdentifier(nameNode)) return nameNode.getText();
  if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode) || Node.isNumericLiteral(nameNode)) return nameNode.getLiteralText();
  if (Node.isComputedPropertyName(nameNode)) {
    const inner = nameNode.getExpression();
    if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralText();
  }
  return undefined;
}

/** The function an expression denotes: inline, a method, or a same-file function/const. */
export function functionOf(node: Node | undefined, depth = 0): FunctionNode | undefined {
  if (!node || depth > 8) return undefined;
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node)) {
    return node as unknown as FunctionNode;
  }
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) return functionOf(node.getExpression(), depth + 1);
  if (Node.isPropertyAssignment(node)) return functionOf(node.getInitializer(), depth + 1);
  if (Node.isShorthandPropertyAssignment(node)) return functionOf(sameFileDeclaration(node.getNameNode()), depth + 1);
  if (Node.isIdentifier(node)) return functionOf(sameFileDeclaration(node), depth + 1);
  if (Node.isVariableDeclaration(node)) return functionOf(node.getInitializer(), depth + 1);
  return undefined;
}

/** The object literal an expression denotes: inline, parenthesised, `as const`, or a same-file const. */
export function objectOf(node: Node | undefined, depth = 0): ObjectLiteralExpression | undefined {
  if (!node || depth > 8) return undefined;
  if (Node.isObjectLiteralExpression(node)) return node;
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) {
    return objectOf(node.getExpression(), depth + 1);
  }
  if (Node.isPropertyAssignment(node)) return objectOf(node.getInitializer(), depth + 1);
  if (Node.isShorthandPropertyAssignment(node)) return objectOf(sameFileDeclaration(node.getNameNode()), depth + 1);
  if (Node.isIdentifier(node)) return objectOf(sameFileDeclaration(node), depth + 1);
  if (Node.isVariableDeclaration(node)) return objectOf(node.getInitializer(), depth + 1);
  return undefined;
}

function memberValue(object: ObjectLiteralExpression, name: string): Node | undefined {
  const p = object.getProperty(name);
  if (!p) return undefined;
  if (Node.isPropertyAssignment(p)) return p.getInitializer();
  if (Node.isShorthandPropertyAssignment(p) || Node.isMethodDeclaration(p)) return p;
  return undefined;
}

/** The variable or function declaration an identifier names, by name in the same file (no type checker needed). */
export function sameFileDeclaration(identifier: Node): Node | undefined {
  const name = identifier.getText();
  const source = identifier.getSourceFile();
  return (
    source.getVariableDeclaration(name) ??
    source.getFunction(name) ??
    source
      .getDescendants()
      .find((n) => (Node.isVariableDeclaration(n) || Node.isFunctionDeclaration(n)) && n.getName() === name && n !== identifier.getParent())
  );
}

/**
 * The spec file and every file it imports through relative specifiers, transitively (what
 * `--watch` must watch). Syntax only; unresolvable imports are skipped. Never throws.
 */
export function localImportGraph(file: string): string[] {
  const seen = new Set<string>();
  const visit = (at: string) => {
    if (seen.has(at) || seen.size > 500) return;
    seen.add(at);
    const source = parseFile(at);
    if (!source) return;
    const specifiers = [
      ...source.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
      ...source.getExportDeclarations().map((d) => d.getModuleSpecifierValue() ?? ""),
    ];
    for (const spec of specifiers) {
      if (!spec.startsWith(".")) continue;
      const base = path.resolve(path.dirname(at), spec);
      const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, path.join(base, "index.ts")];
      const fs = source.getProject().getFileSystem();
      const found = candidates.find((c) => fs.fileExistsSync(c));
      if (found) visit(found);
    }
  };
  visit(path.resolve(file));
  return [...seen];
}
