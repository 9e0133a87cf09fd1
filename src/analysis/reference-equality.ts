import { Node, SyntaxKind } from "./ts-morph.ts";
import type { FunctionNode } from "./spec-syntax.ts";

const SEARCHES = new Set(["includes", "indexOf", "lastIndexOf"]);
/** The equality operators, built on first use: ts-morph (and with it the TypeScript compiler) loads only when a lint runs. */
let equality: ReadonlySet<SyntaxKind> | undefined;
const EQUALITY = () => (equality ??= new Set([SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsToken]));

const isFreshObject = (n: Node | undefined): boolean =>
  !!n &&
  (Node.isObjectLiteralExpression(n) ||
    Node.isArrayLiteralExpression(n) ||
    ((Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n) || Node.isTypeAssertion(n)) && isFreshObject(n.getExpression())));

/**
 * JavaScript habits that compare state values by reference where TLA+ compares them by value,
 * visible in the syntax: `xs.includes({ … })` / `indexOf` / `lastIndexOf` of an object or array
 * literal (never found: the literal is a new object), and `===`/`!==` against a literal (always
 * false/true). Value sets' `has` is structural and is not reported. Calls `report(node, message)`.
 */
export function checkReferenceEquality(fn: FunctionNode, what: string, report: (node: Node, message: string) => void): void {
  fn.forEachDescendant((n) => {
    if (Node.isCallExpression(n)) {
      const callee = n.getExpression();
      if (Node.isPropertyAccessExpression(callee) && SEARCHES.has(callee.getName()) && isFreshObject(n.getArguments()[0])) {
        const list = callee.getExpression().getText();
        report(
          n,
          `${what} calls ${list}.${callee.getName()}(…) with an object literal: arrays compare elements by reference, so a fresh literal is never found. ` +
            `Fix: ${list}.some((x) => equals(x, …)) (or .findIndex), or keep the values in a value set (t.set) whose has() is structural`,
        );
      }
    } else if (Node.isBinaryExpression(n) && EQUALITY().has(n.getOperatorToken().getKind()) && (isFreshObject(n.getLeft()) || isFreshObject(n.getRight()))) {
      report(n, `${what} compares with ${n.getOperatorToken().getText()} against an object literal: JavaScript compares objects by reference, so this is constant. Fix: equals(a, b), TLA+'s =`);
    }
  });
}
