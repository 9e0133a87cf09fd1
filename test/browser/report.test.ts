import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportPage } from "../../src/export/html-report-data.ts";
import { runCli } from "../cli/run.ts";
import { openPage, skipBrowser } from "./chromium.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = path.join(root, "test-artifacts", "browser");

describe.skipIf(skipBrowser)("the HTML report in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let data: ReportPage;
  const file = path.join(artifacts, "smp-report.html");

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const made = await runCli(
      ["report", "specs/smp-call-function-many.ts", "--spec", "original", "--check", "noDoubleListDel", "--no-typecheck", "--out", file],
      root,
    );
    expect(made.code).toBe(1);
    data = JSON.parse(/<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(readFileSync(file, "utf8"))![1]) as ReportPage;
    ({ browser, page, errors } = await openPage(pathToFileURL(file).href, { width: 1400, height: 1000 }));
  }, 120_000);

  afterAll(async () => {
    await page?.screenshot({ path: path.join(artifacts, "report.png") });
    await browser?.close();
  });

  const stateValue = (p: string) => page.locator(`#state-tree li[data-path="${p}"] > .val`).textContent();
  const currentNode = () => page.locator("#graph g.node.current > title").textContent();

  it("opens at the race: its last step, the violating state, and that state's node marked in the graph", async () => {
    const race = data.traces[data.open!];
    await expect.poll(() => page.locator("#step-label").textContent()).toBe("step 32 of 32");
    expect(await page.locator("#state-title").textContent()).toBe("State after step 32");
    expect(await stateValue("listFault")).toBe("listDelOffList");
    expect(await page.locator('#state-tree li.changed[data-path="listFault"] > .old').textContent()).toBe("none");
    expect(await currentNode()).toBe(race.steps[31].node);
    // the marked node is the violating one (filled red by the diagram)
    expect(await page.locator("#graph g.node.current > path").first().getAttribute("fill")).toBe("#fde0dc");
  });

  it("steps with the keyboard from the initial state to the violation, each step in its lane", async () => {
    await page.keyboard.press("Home");
    expect(await page.locator("#state-title").textContent()).toBe("Initial state (step 1)");
    expect(await stateValue("listFault")).toBe("none");
    expect(await page.locator("#prev").isDisabled()).toBe(true);
    for (let i = 1; i <= 31; i++) await page.keyboard.press("ArrowRight");
    expect(await page.locator("#step-label").textContent()).toBe("step 32 of 32");
    expect(await stateValue("listFault")).toBe("listDelOffList");
    const headers = await page.locator(".steps thead th").allTextContents();
    expect(headers).toEqual(["#", "caller[0]", "handler[1]", "handler[2]", "shared"]);
    const cells = page.locator('.steps tr.current td');
    expect(await cells.nth(headers.indexOf("handler[2]")).textContent()).toBe("handler[2] \u00b7 listDel");
  });

  it("jumps to a step by clicking it and shows what that step changed", async () => {
    await page.locator('.steps tr[data-step="15"]').click();
    expect(await page.locator("#state-title").textContent()).toBe("State after step 16");
    expect(await page.locator("#state .where code").first().textContent()).toBe("handler[1] \u00b7 decRefs");
    expect(await page.locator("#state .where code.stmt").textContent()).toMatch(/^smp\.c:231-235 {2}refs = atomic_dec_return/);
    expect(await page.locator('#state-tree li.changed[data-path="cfd.refs"] > .val').textContent()).toBe("0");
    expect(await currentNode()).toBe(data.traces[data.open!].steps[15].node);
  });

  it("logs no console errors", () => {
    expect(errors).toEqual([]);
  });
});

describe.skipIf(skipBrowser)("a liveness violation's report in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const file = path.join(artifacts, "clock-report.html");
    expect((await runCli(["report", "test/fixtures/liveness/clock-step.ts", "--no-typecheck", "--out", file], root)).code).toBe(1);
    ({ browser, page, errors } = await openPage(pathToFileURL(file).href, { width: 1200, height: 800 }));
  }, 120_000);

  afterAll(async () => {
    await page?.screenshot({ path: path.join(artifacts, "clock-report.png") });
    await browser?.close();
  });

  it("marks the stuttering step the formula sees, in the trace and on the state, as the text trace does", async () => {
    // □tick: the first state repeats once before the cycle of ticks.
    const marks = page.locator("#trace .stutter");
    await expect.poll(() => marks.count()).toBe(1);
    expect(await page.locator('#trace tr[data-step="0"] .stutter').getAttribute("data-stutter")).toBe("once");
    expect(await marks.textContent()).toBe("\u21BA then the state repeats once (a stuttering step)");
    expect(await page.locator("#trace tr.cycle").getAttribute("data-step")).toBe("0");
    await page.locator('#trace tr[data-step="0"]').click();
    expect(await page.locator("#state-stutter").textContent()).toBe("\u21BA then the state repeats once (a stuttering step)");
    await page.locator('#trace tr[data-step="1"]').click();
    expect(await page.locator("#state-stutter").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
