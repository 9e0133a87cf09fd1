import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { collectErrors } from "./page-errors.ts";

/** Debian's Chromium, installed by apt-get (`.ci/run` installs it when missing); no browser is ever downloaded. */
export const CHROMIUM = "/usr/bin/chromium";

/** Whether the browser tests can run here. */
export const chromiumPresent = existsSync(CHROMIUM);

/**
 * Whether to skip the browser tests: only outside CI when Chromium is missing. Under CI
 * (`CI` set) they run, and fail at launch if Chromium is missing, rather than pass by skipping.
 */
export function skipBrowserTests(present: boolean, env: { readonly CI?: string }): boolean {
  return !present && !env.CI;
}

export const skipBrowser = skipBrowserTests(chromiumPresent, process.env);

/** Launches headless Chromium with flags that keep it off the network and quiet. */
export function launchChromium(): Promise<Browser> {
  if (!chromiumPresent) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's Chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Chromium with one page of the given size open at `url`, and the errors that page reports (see collectErrors). */
export async function openPage(url: string, viewport: { width: number; height: number }): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const errors = collectErrors(page);
  await page.goto(url);
  return { browser, page, errors };
}
