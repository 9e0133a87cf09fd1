import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, compile, type Model, type TraceStep } from "interleave-spec";
import { formatBinding } from "../../src/export/text.ts";
import { original } from "../../specs/smp-call-function-many.ts";
import { startExplorer, type RunningExplorer } from "../cli/explore-server.ts";
import { launchChromium, openPage, skipBrowser } from "./chromium.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = path.join(root, "test-artifacts", "browser");

describe.skipIf(skipBrowser)("the explorer in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let explorer: RunningExplorer;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const started = await startExplorer(["specs/smp-call-function-many.ts", "--spec", "original", "--no-typecheck"], root);
    if (!("url" in started)) throw new Error(`explore exited ${started.code}: ${started.stderr}`);
    explorer = started;
    ({ browser, page, errors } = await openPage(explorer.url, { width: 1400, height: 1000 }));
    await page.waitForSelector('body[data-at="0"]:not([data-busy])');
  }, 120_000);

  afterAll(async () => {
    await page?.screenshot({ path: path.join(artifacts, "explorer.png") });
    await browser?.close();
    expect(await explorer?.stop()).toBe(0);
  });

  const invariant = (name: string) => page.locator(`#state li[data-invariant="${name}"]`).getAttribute("data-holds");
  const stateValue = (p: string) => page.locator(`#state-tree li[data-path="${p}"] > .val`).textContent();

  it("reaches the race state by clicking the enabled actions of the shortest race, one by one", async () => {
    const model = compile(original) as Model<unknown>;
    const result = await check(model, { properties: ["noDoubleListDel"] });
    if (result.result !== "violation") throw new Error("the original must violate noDoubleListDel");
    const steps = result.violation.trace.slice(1);
    expect(await invariant("noDoubleListDel")).toBe("true");
    for (const [i, step] of steps.entries()) {
      // Branches of one step (an either) share action and binding: take the one the race takes.
      const branch = branchIndex(model, result.violation.trace[i].state, step);
      const button = page.locator(`button.succ[data-action="${step.action}"][data-binding="${formatBinding(step.binding)}"]`).nth(branch);
      await button.click();
      await page.waitForSelector(`body[data-at="${i + 1}"]:not([data-busy])`);
    }
    expect(await page.locator("#state-title").textContent()).toBe(`State after step ${steps.length}`);
    expect(await stateValue("listFault")).toBe("listDelOffList");
    expect(await stateValue("handler[2].pc")).toBe("unlock");
    expect(await invariant("noDoubleListDel")).toBe("false");
    expect(await page.locator('#state li[data-invariant="noDoubleListDel"] .message').textContent()).toMatch(/^list_del_rcu\(\) of a block that is not on/);
  });

  it("goes back with the keyboard and by clicking a step, and branches off there", async () => {
    await page.keyboard.press("ArrowLeft");
    await page.waitForSelector('body[data-at="30"]:not([data-busy])');
    expect(await invariant("noDoubleListDel")).toBe("true");
    await page.locator('#path li[data-step="8"]').click();
    await page.waitForSelector('body[data-at="8"]:not([data-busy])');
    expect(await page.locator("#path li").count()).toBe(32);
    expect(await page.locator("#path li.ahead").count()).toBe(23);
    // the race continues with the caller sending its IPI; take the other CPU's foreign IPI instead
    await page.locator('button.succ[data-action="handler.interrupt"][data-binding="self = 2"]').click();
    await page.waitForSelector('body[data-at="9"]:not([data-busy])');
    expect(await page.locator("#path li").count()).toBe(10);
    expect(await stateValue("foreignLeft")).toBe("0");
    expect(await stateValue("handler[2].pc")).toBe("testCpumask");
  });

  /** Among the successors of `from` by `step`'s action and binding, the position of the one `step` reaches. */
  function branchIndex(model: Model<unknown>, from: unknown, step: TraceStep<unknown>): number {
    const target = JSON.stringify(model.codec.toJson(step.state));
    const action = model.actions.find((a) => a.name === step.action)!;
    const same: string[] = [];
    action.next(from, (next, instance) => {
      if (JSON.stringify(action.bindingOf(instance)) === JSON.stringify(step.binding)) same.push(JSON.stringify(model.codec.toJson(next)));
    });
    return same.indexOf(target);
  }

  it("logs no console errors", () => {
    expect(errors).toEqual([]);
  });
});

describe.skipIf(skipBrowser)("the explorer in Chromium: tabs, and a spec that never returns", () => {
  let browser: Browser;
  let explorer: RunningExplorer;

  beforeAll(async () => {
    const started = await startExplorer(["test/fixtures/hostile/infinite-loop.ts", "--no-typecheck", "--timeout", "1"], root);
    if (!("url" in started)) throw new Error(`explore exited ${started.code}: ${started.stderr}`);
    explorer = started;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    expect(await explorer?.stop()).toBe(0);
  });

  const open = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(explorer.url);
    await page.waitForSelector('body[data-at="0"]:not([data-busy])');
    return page;
  };
  const step = async (page: Page, at: number) => {
    await page.locator('button.succ[data-action="inc"]').click();
    await page.waitForSelector(`body[data-at="${at}"]:not([data-busy])`);
  };

  it("explores in each tab on its own, and shows an action that never returns as an error on the page", async () => {
    const [a, b] = [await open(), await open()];
    const session = (p: Page) => p.locator('meta[name="interleave-session"]').getAttribute("content");
    expect(await session(a)).not.toBe(await session(b));
    await step(a, 1);
    await step(a, 2);
    await step(b, 1);
    expect(await a.locator("#path li").count()).toBe(3);
    expect(await b.locator("#path li").count()).toBe(2);
    // n = 3: listing its successors never returns; after --timeout the page says so and stays on n = 2.
    await a.locator('button.succ[data-action="inc"]').click();
    await a.waitForSelector("#next .message", { timeout: 30_000 });
    expect(await a.locator("#next .message").textContent()).toMatch(/^\u2717 the spec's code did not return within 1 s \(request: choose 0\)/);
    await a.waitForSelector("body:not([data-busy])");
    expect(await a.getAttribute("body", "data-at")).toBe("2");
    await a.reload();
    await a.waitForSelector("body[data-at]:not([data-busy])");
    await b.reload();
    await b.waitForSelector("body[data-at]:not([data-busy])");
    // A reload is a new tab; the server went on answering after the reload of the spec.
    expect(await a.locator("#path li").count()).toBe(1);
  }, 90_000);
});
