import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, toGithubAnnotations } from "../../src/export/github.ts";
import { knownBad, fixed } from "../fixtures/ci/expected.ts";
import { strict } from "../fixtures/ci/styles.ts";
import counter from "../../examples/counter.ts";
import { verdictsOf } from "./ci-fixtures.ts";

describe("toGithubAnnotations", () => {
  it("puts an ::error at the violated invariant's line, with the trace in the message", async () => {
    const { model, outcome, file } = await verdictsOf(strict, { untilFirst: true });
    const text = toGithubAnnotations(model, outcome.verdicts, { file, spec: strict.name });
    expect(text.startsWith("::error file=test/fixtures/ci/styles.ts,line=31,col=7,title=invariant belowLimit violated::")).toBe(true);
    await expect(text).toMatchFileSnapshot("../golden/github-violation.txt");
  });

  it("notes an expected violation and errors on a property that unexpectedly holds", async () => {
    const bad = await verdictsOf(knownBad);
    const good = await verdictsOf(fixed);
    const text =
      toGithubAnnotations(bad.model, bad.outcome.verdicts, { file: bad.file, spec: knownBad.name }) +
      toGithubAnnotations(good.model, good.outcome.verdicts, { file: good.file, spec: fixed.name });
    expect(text).toMatch(/^::notice file=test\/fixtures\/ci\/expected\.ts,line=12,col=7,/);
    expect(text).toMatch(/\n::error file=test\/fixtures\/ci\/expected\.ts,line=12,col=7,title=invariant belowLimit unexpectedly holds::/);
    await expect(text).toMatchFileSnapshot("../golden/github-expected.txt");
  });

  it("warns about properties a limit left undecided, and says nothing when all hold", async () => {
    const stopped = await verdictsOf(counter, { maxStates: 2 });
    const text = toGithubAnnotations(stopped.model, stopped.outcome.verdicts, { file: stopped.file, spec: "counter", stoppedBy: "max-states" });
    expect(text).toBe(
      "::warning file=examples/counter.ts,line=15,col=5,title=invariant bounded not decided::invariant bounded was not decided in spec \"counter\": the search stopped (max-states) before it completed\n",
    );
    const done = await verdictsOf(counter);
    expect(toGithubAnnotations(done.model, done.outcome.verdicts, { file: done.file, spec: "counter" })).toBe("");
  });

  it("escapes workflow-command data and properties", () => {
    expect(escapeData("50%\r\nnext")).toBe("50%25%0D%0Anext");
    expect(escapeProperty("a:b,c")).toBe("a%3Ab%2Cc");
  });
});
