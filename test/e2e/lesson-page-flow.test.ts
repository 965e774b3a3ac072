import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { guestCookie } from '../support/axe.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchChromium } from '../support/browser.ts';
import { FAKE_EXERCISE, type Fake, fakeBerthApi } from '../support/fake-berth-api.ts';

// The lesson page's flow by keyboard and on a phone: the skip link, the narrow layout's bar, the question
// before a sandbox of another lesson is replaced, no silent start after Stop, focus after Check and after
// the sandbox starts, the editor's starting path and Ctrl+S. Real pages and sessions; the sandbox API and
// terminal are faked in the browser (test/support/fake-berth-api.ts) so each answer is known.
const LESSON = '/lessons/networking/container-links';
const OTHER = '/lessons/networking/two-hosts';

describe('the lesson page flow, by keyboard and on a phone', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let ctx: BrowserContext;

  before(async () => {
    berth = await startBerth();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  async function open(fake: Partial<Fake>, opts: { signedIn?: boolean; phone?: boolean } = {}) {
    ctx = await browser.newContext({
      baseURL: berth.baseUrl,
      viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
      isMobile: !!opts.phone,
      hasTouch: !!opts.phone,
    });
    if (opts.signedIn !== false) await ctx.addCookies([await guestCookie(berth.baseUrl, 'Flow')]);
    const page = await ctx.newPage();
    const state: Fake = { signedIn: opts.signedIn !== false, sandbox: 'ready', calls: [], ...fake };
    await fakeBerthApi(page, state);
    return { page, state };
  }
  const connected = (page: Page) =>
    page.getByTestId('terminal').and(page.locator('[data-connection="connected"]')).waitFor();
  const focusedTestId = (page: Page) =>
    page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'));

  test('the 404 page follows ?lang=', async () => {
    const { page } = await open({}, { signedIn: false });
    const res = await page.goto('/lessons/nope/nothing?lang=zh');
    assert.equal(res?.status(), 404);
    assert.equal(await page.locator('h1').innerText(), '找不到页面');
    // Next renders a notFound() page into an error shell and then on the client: <html lang> arrives so.
    await page.waitForFunction(() => document.documentElement.lang === 'zh');
    assert.equal(await page.getByRole('link', { name: /返回课程/ }).count(), 1);
    await ctx.close();
  });

  test('the first Tab stop is "Skip to the sandbox"; the next one is the name field', async () => {
    const { page } = await open({}, { signedIn: false });
    for (const lang of ['en', 'zh']) {
      await page.goto(`${LESSON}?lang=${lang}`);
      await page.locator('form input[name="name"]').waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await focusedTestId(page), 'skip-to-sandbox');
      assert.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        lang === 'en' ? 'Skip to the sandbox' : '跳到沙箱',
      );
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'name');
    }
    await ctx.close();
  });

  test('on a phone a sticky bar leads to the terminal from anywhere in the lesson', async () => {
    const { page } = await open({}, { signedIn: false, phone: true });
    await page.goto(`${LESSON}?lang=en`);
    const bar = page.getByRole('navigation', { name: 'Parts of this lesson' });
    const top = (await bar.boundingBox())?.y ?? Infinity;
    assert.ok(top < 120, `the bar is at the top (${top})`);
    await page.evaluate(() => window.scrollTo(0, 4000));
    assert.ok(((await bar.boundingBox())?.y ?? Infinity) < 120, 'and stays there while scrolling');
    await bar.getByRole('link', { name: /Terminal/ }).click();
    const field = page.locator('form input[name="name"]');
    await page.waitForFunction(() => {
      const r = document.querySelector('form input[name="name"]')?.getBoundingClientRect();
      return !!r && r.top > 0 && r.bottom < window.innerHeight;
    });
    assert.ok(await field.isVisible());
    // Wider than 900 px the panes stand side by side and the bar is not shown.
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.equal(await bar.isVisible(), false);
    await ctx.close();
  });

  test('a live sandbox of another lesson: a dialog asks, Esc changes nothing, Keep keeps it', async () => {
    const { page, state } = await open({ conflict: { reusable: true, lessonId: 'networking/two-hosts' } });
    await page.goto(`${LESSON}?lang=en`);
    const dialog = page.getByRole('dialog', { name: 'You already have a sandbox running' });
    await dialog.waitFor();
    assert.ok(
      await page.evaluate(() => !!document.activeElement?.closest('dialog')),
      'focus is in the dialog',
    );
    assert.deepEqual(state.calls, ['POST ask']);
    await page.keyboard.press('Escape');
    await dialog.waitFor();
    assert.deepEqual(state.calls, ['POST ask'], 'Esc neither stops nor starts anything');
    state.conflict = undefined;
    await dialog.getByRole('button', { name: 'Keep my sandbox for this lesson' }).click();
    await connected(page);
    assert.deepEqual(state.calls, ['POST ask', 'POST keep']);
    await ctx.close();
  });

  test('a sandbox without the nodes the lesson needs: only Start fresh, which replaces it', async () => {
    const { page, state } = await open({
      conflict: { reusable: false, lessonId: 'networking/container-links' },
    });
    await page.goto(`${OTHER}?lang=zh`);
    const dialog = page.getByRole('dialog', { name: '你已经有一个正在运行的沙箱' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('button').count(), 1);
    assert.ok(await dialog.getByRole('link', { name: '回到启动它的那一课' }).isVisible());
    state.conflict = undefined;
    await dialog.getByRole('button', { name: '重新开始（停止旧沙箱）' }).click();
    await page.getByTestId('terminal').first().waitFor();
    assert.deepEqual(state.calls, ['POST ask', 'POST replace']);
    await ctx.close();
  });

  test('after Stop, opening a lesson offers Start instead of starting a sandbox', async () => {
    const { page, state } = await open({});
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${LESSON}?lang=en`);
    await connected(page);
    await page.getByTestId('stop-sandbox').click();
    await page.getByText('You stopped this sandbox.').waitFor();
    assert.deepEqual(state.calls, ['POST ask', 'DELETE']);
    await page.goto(`${OTHER}?lang=en`);
    const start = page.getByRole('button', { name: 'Start a sandbox' });
    await start.waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(state.calls, ['POST ask', 'DELETE'], 'nothing started on its own');
    await start.click();
    await page.getByTestId('terminal').first().waitFor();
    assert.deepEqual(state.calls, ['POST ask', 'DELETE', 'POST ask']);
    await ctx.close();
  });

  test('Check keeps focus on its button and its result is said in a live region that was already there', async () => {
    const { page } = await open({ check: 'fail' });
    await page.goto(`${LESSON}?lang=en`);
    await connected(page);
    const region = page.getByTestId('check-announcer');
    assert.equal(await region.getAttribute('role'), 'status');
    assert.equal((await region.innerText()).trim(), '');
    await page.getByTestId(`check-${FAKE_EXERCISE}`).focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="check-result-${FAKE_EXERCISE}"][data-passed="false"]`).waitFor();
    assert.equal(await focusedTestId(page), `check-${FAKE_EXERCISE}`);
    assert.match(await region.innerText(), /2 of 3/);
    await ctx.close();
  });

  test('signing in from the pane puts focus in the terminal once it is there, never on the page body', async () => {
    const { page } = await open({}, { signedIn: false });
    await page.goto(`${LESSON}?lang=en`);
    await page.locator('form input[name="name"]').fill('Keys');
    await page.keyboard.press('Enter');
    await connected(page);
    await page.waitForFunction(() => !!document.activeElement?.closest('[data-testid="terminal"]'));
    await ctx.close();
  });

  test("the editor opens the lesson's folder; a missing file says so; Ctrl+S right after typing saves every character", async () => {
    const files = new Map<string, string>();
    const { page } = await open({ files });
    await page.goto(`${LESSON}?lang=en`);
    await connected(page);
    await page.getByTestId('editor-toggle').click();
    await page.locator('[data-testid="editor-status"][data-state="saved"]').waitFor();
    assert.equal(await page.getByTestId('editor-path').inputValue(), '/root');
    await page.getByTestId('editor-path').fill('/root/app/Dockerfile');
    await page.getByTestId('editor-path').press('Enter');
    await page.getByTestId('editor-missing').waitFor();
    await page.getByTestId('editor').locator('.monaco-editor').click();
    await page.locator('[data-testid="editor-status"][data-state="saved"]').waitFor();
    await page.keyboard.type('FROM busybox\nCMD ["echo","last-chars-xyz"]', { delay: 0 });
    await page.keyboard.press('Control+s');
    await page.locator('[data-testid="editor-status"][data-state="saved"]').waitFor();
    assert.equal(files.get('/root/app/Dockerfile'), 'FROM busybox\nCMD ["echo","last-chars-xyz"]');
    await ctx.close();
  });
});
