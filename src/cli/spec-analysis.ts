import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "../analysis/diagnostic.ts";
import { lintSpecFile } from "../analysis/lint.ts";
import { locateSpec, NO_LOCATIONS, type SpecLocations } from "../analysis/source-locations.ts";
import { findSpecs, parseFile } from "../analysis/spec-syntax.ts";
import { tsMorphLoaded } from "../analysis/ts-morph.ts";
import type { SourceLocation } from "../model/model.ts";
import { cacheRoot } from "../loader/transform.ts";

/**
 * The syntax-only analysis `check` runs besides the search — the fast lint rules that may refuse
 * the check, and the source line of each action and property — computed with ts-morph (whose
 * TypeScript compiler takes about half a second to load) or read from a cache.
 *
 * Both results depend on the spec file's text alone (the lint rules and the locator follow only
 * same-file code), so they are cached under the SHA-256 of that text and this package's version:
 * an unchanged spec is checked without loading the TypeScript compiler at all. The cache is a
 * directory of small JSON files, written atomically, shared by the processes of one user; a
 * missing, unreadable or corrupt entry is recomputed, never trusted. Running from the sources
 * (a checkout) there is no cache, as the analysis code itself may have changed.
 *
 * Otherwise the analysis runs in a worker thread, so that loading the compiler overlaps loading
 * the spec (`inThread` runs it here instead: what `--watch` wants, to keep the compiler loaded
 * for its re-runs).
 */
export class SpecAnalysis {
  private constructor(
    private readonly file: string,
    private readonly result: AnalysisResult,
  ) {}

  /** Analyses `file` (or reads the cache); `cacheDir` defaults to {@link defaultCacheDir}, `null` turns caching off. */
  static async run(
    file: string,
    options: { readonly lint: boolean; readonly inThread?: boolean; readonly cacheDir?: string | null },
  ): Promise<SpecAnalysis> {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return new SpecAnalysis(file, { locations: {} }); // the loader reports a missing or unreadable file
    }
    const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : (options.cacheDir ?? undefined);
    const cacheFile = cacheDir && path.join(cacheDir, `${createHash("sha256").update(`${VERSION}\0${text}`).digest("hex")}.json`);
    const cached = cacheFile ? readEntry(cacheFile) : undefined;
    if (cached && (cached.lint !== undefined || !options.lint)) return new SpecAnalysis(file, cached);
    const inThread = options.inThread || import.meta.url.endsWith(".ts") || tsMorphLoaded();
    // A thread that cannot start or dies (resource limits) leaves the analysis to this thread.
    const result = inThread ? analyseSpecFile(file, options.lint) : await inWorker(file, options.lint).catch(() => analyseSpecFile(file, options.lint));
    if (cacheFile) writeEntry(cacheFile, result);
    return new SpecAnalysis(file, result);
  }

  /** The fast lint rules' findings (what `check` runs before exploring), with this file's path. */
  lint(): Diagnostic[] {
    return (this.result.lint ?? []).map((d) => ({ ...d, file: this.file }));
  }

  /** Where the spec named `specName` defines its actions and properties, shown as `displayFile`. */
  locations(specName: string, displayFile: string): SpecLocations {
    const stored = Object.hasOwn(this.result.locations, specName) ? this.result.locations[specName] : this.result.fallback;
    return stored ? fromStored(stored, displayFile) : NO_LOCATIONS;
  }
}

/** What the analysis of one file finds: lint diagnostics (when asked), locations per `defineSpec` name. */
export interface AnalysisResult {
  readonly lint?: readonly Diagnostic[];
  readonly locations: { readonly [specName: string]: StoredLocations };
  /** For a spec whose name no `defineSpec` call in the file spells out. */
  readonly fallback?: StoredLocations;
}

/** The analysis itself, in this thread (what the worker thread runs too). */
export function analyseSpecFile(file: string, lint: boolean): AnalysisResult {
  const source = parseFile(file);
  const names = source ? [...new Set(findSpecs(source).flatMap((s) => (s.name === undefined ? [] : [s.name])))] : [];
  return {
    ...(lint ? { lint: lintSpecFile(file, { fastOnly: true }) } : {}),
    locations: Object.fromEntries(names.map((n) => [n, toStored(locateSpec(file, n, ""))])),
    fallback: toStored(locateSpec(file, undefined, "")),
  };
}

function inWorker(file: string, lint: boolean): Promise<AnalysisResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./analysis-worker.js", import.meta.url), { workerData: { file, lint } });
    worker.once("message", (m: { result?: AnalysisResult; error?: string }) => {
      void worker.terminate();
      if (m.result) resolve(m.result);
      else reject(new Error(`the spec analysis failed: ${m.error}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the spec analysis thread exited with code ${code}`)));
  });
}

/** This package's version: part of every cache key, so that an upgrade never reads old results. */
const VERSION = (() => {
  try {
    return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
})();

/** `<cacheRoot>/analysis` (see `cacheRoot`); undefined when running from the sources. */
export function defaultCacheDir(): string | undefined {
  return import.meta.url.endsWith(".ts") ? undefined : path.join(cacheRoot(), "analysis");
}

type Place = readonly [line: number, column: number];

/** Locations without the file name (the cache is shared by copies of a file), as JSON. */
export interface StoredLocations {
  readonly spec?: Place;
  readonly actions: readonly (readonly [string, Place])[];
  readonly invariants: readonly (readonly [string, Place])[];
  readonly properties: readonly (readonly [string, Place])[];
  readonly deadlock?: Place;
}

function readEntry(file: string): AnalysisResult | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as AnalysisResult;
    const valid = typeof entry === "object" && entry !== null && typeof entry.locations === "object" && entry.locations !== null && (entry.lint === undefined || Array.isArray(entry.lint));
    return valid ? entry : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, entry: AnalysisResult): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next run the analysis again.
  }
}

function toStored(l: SpecLocations): StoredLocations {
  const place = (s: SourceLocation): Place => [s.line, s.column];
  const entries = (m: ReadonlyMap<string, SourceLocation> | undefined) => [...(m ?? new Map<string, SourceLocation>())].map(([k, v]) => [k, place(v)] as const);
  return {
    ...(l.spec ? { spec: place(l.spec) } : {}),
    actions: entries(l.actions),
    invariants: entries(l.invariants),
    properties: entries(l.properties),
    ...(l.deadlock ? { deadlock: place(l.deadlock) } : {}),
  };
}

function fromStored(s: StoredLocations, file: string): SpecLocations {
  const at = ([line, column]: Place): SourceLocation => ({ file, line, column });
  const map = (entries: readonly (readonly [string, Place])[]) => new Map(entries.map(([k, p]) => [k, at(p)]));
  return {
    ...(s.spec ? { spec: at(s.spec) } : {}),
    actions: map(s.actions),
    invariants: map(s.invariants),
    properties: map(s.properties),
    ...(s.deadlock ? { deadlock: at(s.deadlock) } : {}),
  };
}
