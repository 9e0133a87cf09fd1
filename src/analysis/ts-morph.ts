import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

/**
 * ts-morph, loaded on first use. It bundles the whole TypeScript compiler (about half a second
 * to load), which `check` needs only to lint and locate properties and `--typecheck` to
 * type-check: importing the CLI or the library must not pay for it. ts-morph is CommonJS, so a
 * synchronous `require` at first use keeps the analysis functions synchronous.
 */
export function tsMorph(): typeof TsMorph {
  return (loaded ??= createRequire(import.meta.url)("ts-morph") as typeof TsMorph);
}
let loaded: typeof TsMorph | undefined;

/** Whether this thread has loaded ts-morph already (analysis here then costs no load). */
export function tsMorphLoaded(): boolean {
  return loaded !== undefined;
}

/** ts-morph's `Node` (its static type guards, `Node.isCallExpression(n)`…), loaded on first use. */
export const Node: typeof TsMorph.Node = lazyMember(() => tsMorph().Node);
/** ts-morph's `SyntaxKind` enum, loaded on first use. */
export const SyntaxKind: typeof TsMorph.SyntaxKind = lazyMember(() => tsMorph().SyntaxKind);

/** ts-morph's node type. */
export type Node = TsMorph.Node;
/** ts-morph's syntax kinds. */
export type SyntaxKind = TsMorph.SyntaxKind;
export type { ObjectLiteralExpression, SourceFile } from "ts-morph";

/** An object whose properties are read from `target()` when first needed. */
function lazyMember<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
  });
}
