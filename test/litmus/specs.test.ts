import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { corpus } from "../../litmus/corpus.ts";
import specs, { specName } from "../../litmus/specs.ts";
import { runCli } from "../cli/run.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("litmus/specs.ts: every litmus test as a spec for the CLI", () => {
  it("names every test of the corpus once", () => {
    expect(Object.keys(specs).length).toBe(corpus.length);
    expect(specName("Z6.0+pooncelock+poonceLock+pombonce")).toBe("Z6_0_pooncelock_poonceLock_pombonce");
  });

  it("checks one from the command line, as the corpus's header says: MP is forbidden under sc, allowed under ra", async () => {
    const args = (memory: string) => ["check", "litmus/specs.ts", "--spec", "MP_poonceonces", "--set", `memory=${memory}`, "--no-typecheck"];
    const [sc, ra] = [await runCli(args("sc"), root), await runCli(args("ra"), root)];
    expect([sc.code, ra.code]).toEqual([0, 1]);
    expect(ra.stdout).toContain("the litmus condition holds in the final state 1:r0=1,1:r1=0");
  });

  it("--spec with the test's own name (what reports print) names the export to use", async () => {
    const r = await runCli(["check", "litmus/specs.ts", "--spec", "MP+poonceonces", "--no-typecheck"], root);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain('the spec named "MP+poonceonces" is exported as MP_poonceonces (--spec MP_poonceonces)');
  });
});
