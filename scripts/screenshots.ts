/**
 * Regenerates the README's screenshots (`npm run screenshots`): the HTML report and the
 * explorer on the flagship race, taken in Debian's Chromium (/usr/bin/chromium) with
 * playwright-core. Writes docs/screenshots/report.png and docs/screenshots/explorer.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { run } from "../src/cli/main.ts";
import { startExplorer } from "../test/cli/explore-server.ts";
import { launchChromium } from "../test/browser/chromium.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "docs", "screenshots");
const race = ["specs/smp-call-function-many.ts", "--spec", "original", "--check", "noDoubleListDel", "--no-typecheck"];
/** The projection the README's diagram of the flagship uses: the caller's step, refs and list membership. */
const view = ["--view", "caller.pc,data.refs,data.onList"];

async function cli(argv: string[]): Promise<number> {
  return run(argv, { stdout: () => {}, stderr: (s) => void process.stderr.write(s), cwd: root });
}

async function main(): Promise<void> {
  mkdirSync(target, { recursive: true });
  const scratch = mkdtempSync(path.join(tmpdir(), "interleave-screenshots-"));
  const browser = await launchChromium();
  try {
    const report = path.join(scratch, "report.html");
    const json = "out/smp-race.json"; // shown in the explorer's header: a path relative to the repository
    if ((await cli(["report", ...race, ...view, "--out", report])) !== 1) throw new Error("the report of the race did not exit 1");
    if ((await cli(["check", ...race, "--json", json])) !== 1) throw new Error("the check of the race did not exit 1");

    const page = await browser.newPage({ viewport: { width: 1440, height: 1120 } });
    await page.goto(pathToFileURL(report).href);
    await page.screenshot({ path: path.join(target, "report.png") });
    process.stdout.write("wrote docs/screenshots/report.png\n");

    const explorer = await startExplorer(["specs/smp-call-function-many.ts", "--spec", "original", "--no-typecheck", "--trace", json], root);
    if (!("url" in explorer)) throw new Error(`explore exited ${explorer.code}: ${explorer.stderr}`);
    try {
      const shown = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      await shown.goto(explorer.url);
      await shown.waitForSelector('body[data-at="31"]:not([data-busy])');
      await shown.locator('#path li[data-step="30"]').click();
      await shown.waitForSelector('body[data-at="30"]:not([data-busy])');
      await shown.screenshot({ path: path.join(target, "explorer.png") });
      process.stdout.write("wrote docs/screenshots/explorer.png\n");
    } finally {
      await explorer.stop();
    }
  } finally {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
