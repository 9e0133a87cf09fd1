import path from "node:path";
import type { Node } from "./ts-morph.ts";
import { findSpecs, parseFile } from "./spec-syntax.ts";
import type { Action, Model, Property, SourceLocation } from "../model/model.ts";

/**
 * Where the elements of one spec are defined: the `defineSpec` call, each action under
 * `actions:` (and each process step, as the action `type.label`), each invariant under
 * `invariants:`, and `deadlock:` when it is given.
 */
export interface SpecLocations {
  readonly spec?: SourceLocation;
  readonly actions: ReadonlyMap<string, SourceLocation>;
  readonly invariants: ReadonlyMap<string, SourceLocation>;
  /** Members of other property sections (`sometimes:`, temporal properties, …) by name. */
  readonly properties?: ReadonlyMap<string, SourceLocation>;
  readonly deadlock?: SourceLocation;
}

/** Nothing located: what {@link locateSpec} returns for a file it cannot read. */
export const NO_LOCATIONS: SpecLocations = { actions: new Map(), invariants: new Map() };

/**
 * Finds the source lines of a spec's actions and properties by reading the spec file with
 * ts-morph (syntax only, no type checking: a few milliseconds for a spec file).
 *
 * Recognised: `defineSpec({ actions: { a: …, b(s) { … }, c, ...more }, invariants: { … } })`,
 * anywhere in the file (also inside a factory function that returns `defineSpec(…)` for several
 * exported variants), with `actions`/`invariants` written inline or as a same-file `const`, and
 * shorthand or spread members resolved to their same-file declarations. When a file holds
 * several `defineSpec` calls, the one whose `name:` is the string `specName` wins; otherwise the
 * first call that defines a member wins. `file` in each location is `displayFile` when given.
 * Never throws on user input: an unreadable file gives {@link NO_LOCATIONS}.
 */
export function locateSpec(file: string, specName?: string, displayFile: string = file): SpecLocations {
  const source = parseFile(file);
  if (!source) return NO_LOCATIONS;
  const at = (node: Node): SourceLocation => {
    const { line, column } = source.getLineAndColumnAtPos(node.getStart());
    return { file: displayFile, line, column };
  };
  const specs = findSpecs(source);
  if (specs.length === 0) return NO_LOCATIONS;
  const named = specs.filter((s) => s.name !== undefined && s.name === specName);
  const ordered = [...named, ...specs.filter((s) => !named.includes(s))];
  const actions = new Map<string, SourceLocation>();
  const invariants = new Map<string, SourceLocation>();
  const properties = new Map<string, SourceLocation>();
  let deadlock: SourceLocation | undefined;
  for (const spec of ordered) {
    for (const m of spec.actions) if (!actions.has(m.name)) actions.set(m.name, at(m.anchor));
    // A process step is the action `type.label`.
    for (const p of spec.processes) for (const m of p.steps) if (!actions.has(`${p.name}.${m.name}`)) actions.set(`${p.name}.${m.name}`, at(m.anchor));
    for (const m of spec.invariants) if (!invariants.has(m.name)) invariants.set(m.name, at(m.anchor));
    for (const section of spec.sections.values()) for (const m of section) if (!properties.has(m.name)) properties.set(m.name, at(m.anchor));
    const dl = spec.definition.getProperty("deadlock");
    if (deadlock === undefined && dl) deadlock = at(dl);
  }
  return { spec: at(ordered[0].call), actions, invariants, properties, ...(deadlock ? { deadlock } : {}) };
}

/**
 * The model with `location` filled in on every action and property that `locations` knows
 * (a `Model → Model` wrapper; behaviour is unchanged). Deadlock freedom points at `deadlock:`
 * when the spec sets it, else at the `defineSpec` call.
 */
export function withLocations<S>(model: Model<S>, locations: SpecLocations): Model<S> {
  const actions = model.actions.map((a): Action<S> => {
    const location = a.location ?? locations.actions.get(a.name);
    if (!location) return a;
    const values = a.instanceValues && ((i: number) => a.instanceValues!(i));
    return {
      name: a.name,
      location,
      next: (s, emit) => a.next(s, emit),
      bindingOf: (i) => a.bindingOf(i),
      ...(values ? { instanceValues: values } : {}),
      ...(a.process ? { process: a.process } : {}),
    };
  });
  const properties = model.properties.map((p): Property<S> => {
    if (p.location) return p;
    const location =
      p.kind === "invariant"
        ? locations.invariants.get(p.name)
        : p.kind === "deadlock"
          ? (locations.deadlock ?? locations.spec)
          : // Property kinds other front-end features add (sometimes, temporal): found by name.
            (locations.properties?.get((p as { name: string }).name) ?? locations.invariants.get((p as { name: string }).name) ?? locations.spec);
    return location ? { ...p, location } : p;
  });
  return { ...model, actions, properties };
}

/** Relative to `cwd` when inside it (as CI annotations want), else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}
