// Measures the two ways to find where a spec's actions and properties are defined, over the
// several-styles fixture: (a) ts-morph over the spec file (what interleave uses), (b) V8's
// [[FunctionLocation]] read through the inspector at run time, mapped through tsx's source maps
// (the best a "capture at definition time" approach can do per member: a stack captured inside
// defineSpec only knows the defineSpec call). Run: node --import tsx scripts/measure-source-locations.ts
import { Session } from "node:inspector/promises";
import { findSourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import { locateSpec } from "../src/analysis/source-locations.ts";
import { loose } from "../test/fixtures/ci/styles.ts";

const file = fileURLToPath(new URL("../test/fixtures/ci/styles.ts", import.meta.url));
// Hand-checked: the line of each member's name (or of the declaration a shorthand names).
const truth: Record<string, number> = { toggle: 22, tick: 8, "jump-two": 24, reset: 13, sharedInv: 5, belowLimit: 31, "named-object": 32 };

let t0 = performance.now();
const located = locateSpec(file, loose.name);
const staticMs = performance.now() - t0;
const staticLines = new Map([...located.actions, ...located.invariants].map(([k, v]) => [k, v.line]));

const session = new Session();
session.connect();
const scripts = new Map<string, string>();
session.on("Debugger.scriptParsed", (m) => scripts.set(m.params.scriptId, m.params.url));
await session.post("Debugger.enable");
t0 = performance.now();
const runtimeLines = new Map<string, number | undefined>();
const members = { ...loose.definition.actions, ...loose.definition.invariants } as Record<string, unknown>;
for (const [name, member] of Object.entries(members)) {
  const fn = typeof member === "function" ? member : (member as { holds: unknown }).holds;
  (globalThis as Record<string, unknown>).__probe = fn;
  const { result } = await session.post("Runtime.evaluate", { expression: "globalThis.__probe" });
  const props = await session.post("Runtime.getProperties", { objectId: result.objectId!, ownProperties: true });
  const loc = props.internalProperties?.find((p) => p.name === "[[FunctionLocation]]")?.value?.value as
    | { scriptId: string; lineNumber: number; columnNumber: number }
    | undefined;
  const url = loc && scripts.get(loc.scriptId);
  const entry = url ? (findSourceMap(url)?.findEntry(loc!.lineNumber, loc!.columnNumber) as { originalLine?: number } | undefined) : undefined;
  runtimeLines.set(name, entry?.originalLine === undefined ? undefined : entry.originalLine + 1);
}
const runtimeMs = performance.now() - t0;
session.disconnect();

const score = (lines: Map<string, number | undefined>) => Object.entries(truth).filter(([k, v]) => lines.get(k) === v).length;
console.log(`member          truth  ts-morph  runtime`);
for (const [k, v] of Object.entries(truth)) console.log(`${k.padEnd(15)} ${String(v).padStart(5)}  ${String(staticLines.get(k)).padStart(8)}  ${String(runtimeLines.get(k)).padStart(7)}`);
console.log(`exact lines: ts-morph ${score(staticLines)}/${Object.keys(truth).length} in ${staticMs.toFixed(1)} ms; runtime ${score(runtimeLines)}/${Object.keys(truth).length} in ${runtimeMs.toFixed(1)} ms (source maps ${process.sourceMapsEnabled ? "on" : "off"})`);
