import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach Google's hosts.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, for a test that opens several contexts (each a fresh profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

// Debian's Chromium (Playwright cannot download its own browsers offline), headless, fresh profile,
// with nothing that phones home.
export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

// Waits until React has hydrated the first element matching `selector` (React keeps its props on the DOM
// node of an element it manages): fields filled or links clicked before that are reset or ignored. When it
// never happens, the error says what the page shows and which of its scripts did not load, so a failure
// in CI can be told apart from a slow machine.
export async function waitHydrated(page: Page, selector: string, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return !!el && Object.keys(el).some((k) => k.startsWith('__reactProps'));
      },
      selector,
      { timeout },
    );
  } catch (e) {
    const state = await page
      .evaluate((sel) => {
        const scripts = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        return {
          url: location.href,
          readyState: document.readyState,
          found: !!document.querySelector(sel),
          text: document.body?.innerText.slice(0, 300),
          scriptsNotLoaded: scripts
            .filter((r) => r.initiatorType === 'script' && (r.responseStatus ?? 200) >= 400)
            .map((r) => `${r.name} ${r.responseStatus}`),
          scriptsPending: [...document.scripts]
            .map((s) => s.src)
            .filter((src) => src && !scripts.some((r) => r.name === src)),
        };
      }, selector)
      .catch((err: Error) => ({ evaluateFailed: err.message }));
    throw new Error(`${selector} was never hydrated: ${JSON.stringify(state)}`, { cause: e });
  }
}
