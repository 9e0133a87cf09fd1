import { describe, expect, it } from "vitest";
import { runCli } from "./cli/run.ts";

/**
 * The traps of "no silent wrong verdicts": specs (plain JavaScript, so no type checker helps)
 * that used to give a wrong ✓ or ✗ without any error. Each now gives the right verdict or a
 * clear spec error, with one worker thread and with two.
 */
const dir = "test/fixtures/traps";

interface Trap {
  readonly file: string;
  readonly spec?: string;
  readonly exit: 0 | 1 | 2;
  /** Text the output must contain (the verdict line, or the error code and message). */
  readonly says: readonly (string | RegExp)[];
}

const traps: Record<string, Trap> = {
  "1. a fresh record literal is found in a set (the ack is reachable)": {
    file: "values.js",
    spec: "membership",
    exit: 1,
    says: ["✗ membership: invariant neverAcked violated"],
  },
  "1/3. sending an equal record twice leaves one message, in the stored and in the judged state": {
    file: "values.js",
    spec: "dedup",
    exit: 0,
    says: ["✓ dedup: all properties hold (oneMessage)"],
  },
  "1. a JavaScript Set where a value set is declared is a spec error naming the field": {
    file: "values.js",
    spec: "jsSet",
    exit: 2,
    says: ["error[outside-schema]", 'action "send" returned a state where s.msgs = Set(', "a JavaScript Set is not one"],
  },
  "1. includes() of a record literal on a sequence is refused before checking": {
    file: "sequences.js",
    spec: "seqIncludes",
    exit: 2,
    says: ["reference-equality", "s.queue.includes(…) with an object literal", "s.queue.some((x) => equals(x, …))"],
  },
  "2. a misspelt field next to a spread is an unknown field, named with action, binding and value": {
    file: "exact.js",
    exit: 2,
    says: ['error[outside-schema]', 'action "start" with {"k":1} returned a state where s.pcc = "busy"', 'only the fields pc, n — "pcc" is not one of them'],
  },
  "4. an invariant returning a string": {
    file: "predicates.js",
    spec: "stringInvariant",
    exit: 2,
    says: ["error[not-boolean]", 'invariant "notDone" returned "idle" (string), not true or false'],
  },
  "4. an async invariant": {
    file: "predicates.js",
    spec: "asyncInvariant",
    exit: 2,
    says: ["error[not-boolean]", 'invariant "notDone" returned a Promise — is it async?'],
  },
  "4. a sometimes predicate without return": {
    file: "predicates.js",
    spec: "undefinedSometimes",
    exit: 2,
    says: ["error[not-boolean]", 'sometimes "reachesDone" returned undefined'],
  },
  "4. a terminal predicate returning a string": {
    file: "predicates.js",
    spec: "stringTerminal",
    exit: 2,
    says: ["error[not-boolean]", `deadlock's terminal predicate returned "yes"`],
  },
  "4. an async action": {
    file: "predicates.js",
    spec: "asyncAction",
    exit: 2,
    says: ["error[invalid-successor]", 'action "go" is async'],
  },
  "4. a generator action": {
    file: "predicates.js",
    spec: "generatorAction",
    exit: 2,
    says: ["error[invalid-successor]", 'action "go" is a generator function'],
  },
  "5. init: []": {
    file: "predicates.js",
    spec: "emptyInit",
    exit: 2,
    says: ["error[no-initial-states]", "init gives no initial state (it is an empty array)"],
  },
  "5. an unsatisfiable where": {
    file: "predicates.js",
    spec: "unsatisfiableInit",
    exit: 2,
    says: ["error[no-initial-states]", "no state of the schema satisfies its where predicate"],
  },
  "6. per-instance fairness over two actions holds with matching parameter names": {
    file: "fairness.js",
    spec: "sameNames",
    exit: 0,
    says: ["✓ sameNames: all properties hold (allDone)"],
  },
  "6. ... and still holds when one callback names its parameter differently": {
    file: "fairness.js",
    spec: "renamed",
    exit: 0,
    says: ["✓ renamed: all properties hold (allDone)"],
  },
  "6. a nested exists that widens one action's instances is a clear error": {
    file: "fairness.js",
    spec: "widened",
    exit: 2,
    says: ["error[invalid-fairness]", '"take" binds 1 exists value', '"takeRight" binds 2 exists values', "perInstance: (p) => p"],
  },
  "6. ... and holds with the instance given by a key function": {
    file: "fairness.js",
    spec: "keyed",
    exit: 0,
    says: ["✓ keyed: all properties hold (allDone)"],
  },
  "7. an invariant named deadlock": {
    file: "names.js",
    spec: "deadlockName",
    exit: 2,
    says: ["error[invalid-spec]", 'an invariant is named "deadlock"'],
  },
  "7. an invariant named __proto__": {
    file: "names.js",
    spec: "protoInvariant",
    exit: 2,
    says: ["error[invalid-spec]", 'invariants has a member named "__proto__"'],
  },
  "7. a map key __proto__": {
    file: "names.js",
    spec: "protoKey",
    exit: 2,
    says: ["error[invalid-spec]", 'key "__proto__" cannot be used'],
  },
  "7. fields, map keys and actions named constructor, toString, hasOwnProperty work": {
    file: "names.js",
    spec: "constructorNames",
    exit: 1,
    says: ["✗ constructorNames: invariant notBoth violated", "hasOwnProperty"],
  },
  "8. a nondeterministic init is named as such": {
    file: "names.js",
    spec: "nondeterministicInit",
    exit: 2,
    says: ["error[nondeterministic-init]", 'state 1 was {"n":0}, then {"n":1}'],
  },
};

describe.each([["1"], ["2"]])("traps, --workers %s", (workers) => {
  it.each(Object.entries(traps))("%s", async (_title, trap) => {
    const r = await runCli(["check", `${dir}/${trap.file}`, ...(trap.spec ? ["--spec", trap.spec] : []), "--workers", workers]);
    const out = r.stdout + r.stderr;
    for (const text of trap.says) expect(out).toMatch(typeof text === "string" ? new RegExp(escape(text)) : text);
    expect(r.code).toBe(trap.exit);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
