// Running from the TypeScript sources (a checkout of the repository, not the built package):
// lets this thread import TypeScript (tsx), and resolves the package's own name to src/ — the
// package's exports point at dist/, which a checkout need not have built. Imported by
// bin/interleave.js and by the worker threads' source bootstrap.
import { readFileSync } from "node:fs";
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

const src = new URL("../src/", import.meta.url).href;
const { name } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const entries = { [name]: `${src}index.ts`, [`${name}/vitest`]: `${src}vitest.ts` };
const hooks = `
const entries = ${JSON.stringify(entries)};
export async function resolve(specifier, context, next) {
  const url = entries[specifier];
  return url ? { url, shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
registerTsx();
