import { describe, expect, it } from "vitest";
import { toJunitXml } from "../../src/export/junit.ts";
import { knownBad, fixed } from "../fixtures/ci/expected.ts";
import { strict } from "../fixtures/ci/styles.ts";
import counter from "../../examples/counter.ts";
import { verdictsOf } from "./ci-fixtures.ts";

describe("toJunitXml", () => {
  it("writes one testcase per property, failures carrying the shortest trace", async () => {
    const { model, outcome, file } = await verdictsOf(strict);
    const xml = toJunitXml(model, outcome.verdicts, outcome.runs, { spec: strict.name, file, params: {} });
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('tests="3" failures="1"');
    await expect(xml).toMatchFileSnapshot("../golden/junit-violation.xml");
  });

  it("passes an expected violation, fails a property that unexpectedly holds", async () => {
    const bad = await verdictsOf(knownBad);
    const good = await verdictsOf(fixed);
    const badXml = toJunitXml(bad.model, bad.outcome.verdicts, bad.outcome.runs, { spec: knownBad.name, file: bad.file, params: {} });
    const goodXml = toJunitXml(good.model, good.outcome.verdicts, good.outcome.runs, { spec: fixed.name, file: good.file, params: {} });
    expect(badXml).toContain('failures="0"');
    expect(goodXml).toContain('type="unexpected-pass"');
    await expect(badXml + goodXml).toMatchFileSnapshot("../golden/junit-expected.xml");
  });

  it("marks undecided properties skipped and lists parameters", async () => {
    const { model, outcome, file } = await verdictsOf(counter, { maxStates: 2 });
    const xml = toJunitXml(model, outcome.verdicts, outcome.runs, { spec: "counter", file, params: { max: 3 } });
    expect(xml).toContain('<property name="param.max" value="3"/>');
    expect(xml).toContain('skipped="1"');
    expect(xml).toContain("<skipped ");
  });
});
