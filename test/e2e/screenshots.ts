// Screenshots of every page state for a human to look at (not a test): the course page, a lesson while
// signing in / starting / out of capacity / failed / ready / gone, and the 404 page, at desktop and phone
// sizes. The HTTP API and the terminal websocket are faked in the browser. Run it against a bare `next dev`
// with no database (e.g. BERTH_HOME=/tmp/empty): the page then cannot look the session up on the server and,
// as designed, asks the (faked) GET /api/auth/me from the browser.
// Usage: npx tsx test/e2e/screenshots.ts [baseUrl=http://localhost:3005] [outDir=/tmp/shots] [filter]
// With SHOTS_STYLES=1 each shot also writes <name>.styles.json, the computed style of every element in
// document order, so two runs (before and after a CSS change) can be compared property by property.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { FAKE_EXERCISE, type Fake, fakeBerthApi } from '../support/fake-berth-api.ts';

const base = process.argv[2] ?? 'http://localhost:3005';
const outDir = process.argv[3] ?? '/tmp/shots';
const only = process.argv[4];
const withStyles = process.env.SHOTS_STYLES === '1';

const LESSON = '/lessons/networking/container-links';
const EXERCISE = FAKE_EXERCISE;

// The screenshots' server has no database: sign-in is faked too.
function fakeApi(page: Page, fake: Omit<Fake, 'auth'>): Promise<void> {
  return fakeBerthApi(page, { ...fake, auth: true });
}

async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(file);
  if (withStyles)
    await writeFile(path.join(outDir, `${name}.styles.json`), JSON.stringify(await styles(page)));
}

// Every element's computed style (and its ::before/::after when they have content), keyed by its place in
// the tree. Inside xterm and monaco only the outer element counts: their insides change as they paint.
// Plain JavaScript in a string: tsx would wrap named functions in a helper the page does not have.
const STYLES_SCRIPT = `(() => {
  const out = {};
  const read = (style) => {
    const props = {};
    for (let i = 0; i < style.length; i++) props[style[i]] = style.getPropertyValue(style[i]);
    return props;
  };
  const walk = (el, key) => {
    out[key] = read(getComputedStyle(el));
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      if (style.content !== 'none' && style.content !== 'normal') out[key + pseudo] = read(style);
    }
    if (el.classList.contains('xterm') || el.classList.contains('monaco-editor')) return;
    Array.from(el.children).forEach((child, i) => walk(child, key + '>' + child.tagName.toLowerCase() + '[' + i + ']'));
  };
  walk(document.body, 'body');
  return out;
})()`;

function styles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(STYLES_SCRIPT);
}

type Scenario = (ctx: BrowserContext, size: string) => Promise<void>;

const scenarios: Record<string, Scenario> = {
  async home(ctx, size) {
    const page = await ctx.newPage();
    await fakeApi(page, { signedIn: true, sandbox: 'ready' });
    await page.goto(`${base}/`);
    // Progress is rendered on the server from the database, which this bare server has not: none shows.
    await page.locator('[data-chapter]').first().waitFor();
    await shot(page, `home-${size}`);
    await page.screenshot({ path: path.join(outDir, `home-full-${size}.png`), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await page.waitForURL(/lang=zh/);
    await page.getByText('即将推出').first().waitFor();
    await shot(page, `home-zh-${size}`);
    await page.close();
  },
  async signin(ctx, size) {
    const page = await ctx.newPage();
    await fakeApi(page, { signedIn: false, sandbox: 'starting' });
    await page.goto(`${base}${LESSON}?lang=en`);
    await page.getByLabel('Your name').waitFor();
    await shot(page, `lesson-signin-${size}`);
    await page.getByLabel('Your name').fill('Ada');
    await page.getByRole('button', { name: 'Start my sandbox' }).click();
    await page.getByText('Starting your sandbox').waitFor();
    await page.waitForTimeout(2200);
    await shot(page, `lesson-starting-${size}`);
    await page.close();
  },
  async capacity(ctx, size) {
    const page = await ctx.newPage();
    await fakeApi(page, { signedIn: true, sandbox: 'capacity' });
    await page.goto(`${base}${LESSON}?lang=en`);
    await page.getByText('All sandboxes are in use').waitFor();
    await shot(page, `lesson-capacity-${size}`);
    await page.close();
  },
  async failed(ctx, size) {
    const page = await ctx.newPage();
    await fakeApi(page, { signedIn: true, sandbox: 'failed' });
    await page.goto(`${base}${LESSON}?lang=en`);
    await page.getByText('could not start').waitFor();
    await shot(page, `lesson-failed-${size}`);
    await page.close();
  },
  async ready(ctx, size) {
    const page = await ctx.newPage();
    const fake: Fake = { signedIn: true, sandbox: 'ready', check: 'fail' };
    await fakeApi(page, fake);
    await page.goto(`${base}${LESSON}?lang=en`);
    const term = page.getByTestId('terminal');
    await term.and(page.locator('[data-connection="connected"]')).waitFor();
    await page.locator('[data-run-code="docker network ls"]').first().click();
    // xterm does not paint while off screen (on a phone the terminal sits below the prose).
    await term.scrollIntoViewIfNeeded();
    await page.getByText('NETWORK ID').waitFor();
    await page.getByTestId('port-link-node1-8080').waitFor();
    await shot(page, `lesson-ready-${size}`);
    console.log(`  terminal: ${await term.getAttribute('data-cols')} columns`);
    await page.getByTestId(`check-${EXERCISE}`).click();
    await page.locator(`[data-testid="check-result-${EXERCISE}"][data-passed="false"]`).waitFor();
    await page.getByTestId(`check-${EXERCISE}`).scrollIntoViewIfNeeded();
    await page.getByText('Hint 1').click();
    await shot(page, `lesson-check-fail-${size}`);
    fake.check = 'pass';
    await page.getByTestId('lang-switch').click();
    await page.waitForURL(/lang=zh/);
    await page.getByRole('button', { name: '检查' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `lesson-ready-zh-${size}`);
    await page.getByTestId(`check-${EXERCISE}`).click();
    await page.locator(`[data-testid="check-result-${EXERCISE}"][data-passed="true"]`).waitFor();
    await page.getByTestId(`check-${EXERCISE}`).scrollIntoViewIfNeeded();
    await shot(page, `lesson-check-pass-zh-${size}`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    const connected = await page.getByTestId('terminal').getAttribute('data-connection');
    console.log(`  after switching language: <html lang=${lang}>, terminal ${connected}`);
    await page.close();
  },
  // A lesson with two nodes: one terminal tab per node, each its own shell.
  async twohosts(ctx, size) {
    const page = await ctx.newPage();
    await fakeApi(page, { signedIn: true, sandbox: 'ready', nodes: ['node1', 'node2'] });
    await page.goto(`${base}/lessons/networking/two-hosts?lang=en`);
    const connected = page.getByTestId('terminal').and(page.locator('[data-connection="connected"]'));
    await connected.first().waitFor();
    await page.locator('[data-run-code="hostname"]').first().click();
    await page.getByRole('tab', { name: 'node2' }).click();
    await page.getByRole('tab', { name: 'node2', selected: true }).waitFor();
    await page.locator('#terminal-node2[data-connection="connected"]').waitFor();
    await page.locator('[data-run-code="hostname"]').first().click();
    await page.getByTestId('terminal').last().scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, `lesson-two-hosts-${size}`);
    await page.close();
  },
  // The file editor opened under the terminal (a path that does not exist yet opens as a new file).
  async editor(ctx, size) {
    const page = await ctx.newPage();
    const files = new Map([['/root/Dockerfile', 'FROM busybox\nCMD ["echo", "hello"]\n']]);
    await fakeApi(page, { signedIn: true, sandbox: 'ready', files });
    await page.goto(`${base}${LESSON}?lang=en`);
    await page.getByTestId('terminal').and(page.locator('[data-connection="connected"]')).waitFor();
    await page.getByTestId('editor-toggle').click();
    await page.getByRole('button', { name: 'Dockerfile' }).waitFor();
    await page.getByTestId('editor-toggle').scrollIntoViewIfNeeded();
    await shot(page, `lesson-editor-folder-${size}`);
    await page.getByRole('button', { name: 'Dockerfile' }).click();
    await page.getByTestId('editor').locator('.monaco-editor').waitFor();
    await page.getByTestId('editor-toggle').scrollIntoViewIfNeeded();
    await shot(page, `lesson-editor-${size}`);
    await page.close();
  },
  async gone(ctx, size) {
    const page = await ctx.newPage();
    await fakeApi(page, { signedIn: true, sandbox: 'ready', wsError: 'not_found' });
    await page.goto(`${base}${LESSON}?lang=en`);
    await page.getByText('This sandbox has stopped').waitFor();
    await shot(page, `lesson-gone-${size}`);
    await page.close();
  },
  // A live sandbox of another lesson: the keep-or-start-fresh question; then the page after a Stop.
  async conflict(ctx, size) {
    const page = await ctx.newPage();
    await fakeApi(page, {
      signedIn: true,
      sandbox: 'ready',
      conflict: { reusable: true, lessonId: 'networking/two-hosts' },
    });
    for (const lang of ['en', 'zh']) {
      await page.goto(`${base}${LESSON}?lang=${lang}`);
      await page.getByRole('dialog').waitFor();
      await shot(page, `lesson-conflict-${lang}-${size}`);
    }
    await page.evaluate(() => localStorage.setItem('berth.sandbox-stopped', '1'));
    await page.goto(`${base}${LESSON}?lang=en`);
    await page.locator('[data-phase="idle"] h2').waitFor();
    await page.locator('#terminal-pane').scrollIntoViewIfNeeded();
    await shot(page, `lesson-idle-${size}`);
    await page.close();
  },
  async notfound(ctx, size) {
    const page = await ctx.newPage();
    await fakeApi(page, { signedIn: true, sandbox: 'ready' });
    const res = await page.goto(`${base}/lessons/nope/nothing?lang=en`);
    console.log(`  404 page status ${res?.status()}`);
    await shot(page, `notfound-${size}`);
    await page.close();
  },
};

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  // Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here).
  const browser = await launchChromium();
  const sizes = [
    { name: 'wide', viewport: { width: 1440, height: 900 }, isMobile: false },
    // Half of 1280 px is where the toolbar's labels collapse to icons.
    { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false },
    { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
  ];
  const external: string[] = [];
  try {
    for (const size of sizes) {
      for (const [name, run] of Object.entries(scenarios)) {
        if (only && !name.includes(only)) continue;
        const ctx = await browser.newContext({
          viewport: size.viewport,
          isMobile: size.isMobile,
          hasTouch: size.isMobile,
          deviceScaleFactor: 1,
        });
        // A session cookie the server cannot resolve without a database (see the header comment).
        await ctx.addCookies([{ name: 'berth_session', value: 'screenshots', url: base }]);
        ctx.on('request', (r) => {
          const u = new URL(r.url());
          if (!['localhost', '127.0.0.1'].includes(u.hostname) && u.protocol !== 'data:')
            external.push(r.url());
        });
        try {
          await run(ctx, size.name);
        } catch (e) {
          console.error(`${name}/${size.name} failed:`, e);
          process.exitCode = 1;
        } finally {
          await ctx.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(
    external.length ? `requests off localhost: ${external.join(', ')}` : 'no request left localhost',
  );
}

await main();
