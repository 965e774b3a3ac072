import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchBrowser } from '../support/browser.ts';
import { typeCommand, waitForTerminal } from '../support/terminal-page.ts';

const LESSON_PATH = '/lessons/networking/container-links';
const EXERCISE = 'networking/container-links/ping-by-name';

describe('a learner does the container-links exercise in a real browser', () => {
  let berth: RunningBerth;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  const external: string[] = [];

  before(async () => {
    berth = await startBerth();
    browser = await launchBrowser();
    context = browser.context;
    page = context.pages()[0] ?? (await context.newPage());
    // Nothing the page loads may leave this machine.
    page.on('request', (r) => {
      // A blob: URL (monaco starts its worker from one) is in-page memory, named after its origin.
      const host = new URL(r.url().replace(/^blob:/, '')).hostname;
      if (!['127.0.0.1', 'localhost'].includes(host) && !r.url().startsWith('data:')) external.push(r.url());
    });
  });

  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  test('the course page shows the seven chapters', async () => {
    const catalog = (await (await fetch(`${berth.baseUrl}/api/lessons?lang=en`)).json()) as {
      chapters: { title: string }[];
    };
    await page.goto(`${berth.baseUrl}/`);
    const body = await page.locator('main').innerText();
    assert.equal(catalog.chapters.length, 7);
    for (const c of catalog.chapters)
      assert.ok(body.includes(c.title), `chapter "${c.title}" is on the course page`);
    await page.locator(`a[href="${LESSON_PATH}"]`).first().click();
    await page.waitForURL(`**${LESSON_PATH}`);
  });

  test('the language switch shows the lesson in Chinese and back', async () => {
    const zh = (await (await fetch(`${berth.baseUrl}/api/lessons?lang=zh`)).json()) as any;
    const zhTitle = zh.chapters.find((c: any) => c.id === 'networking').lessons[0].title;
    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction((t) => document.body.innerText.includes(t), zhTitle);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction((t) => !document.body.innerText.includes(t), zhTitle);
  });

  test('after picking a name the learner gets a root shell on node1', async () => {
    await page.locator('form input[name="name"]').fill('Grace');
    await page.locator('form:has(input[name="name"]) button[type="submit"]').click();
    await waitForTerminal(page, /root@node1:~#/, 90_000);
  });

  test('the exercise is done in the terminal and every task turns green', async () => {
    await typeCommand(page, 'docker network create -d bridge my-net', /[0-9a-f]{64}[\s\S]*#\s*$/);
    await typeCommand(
      page,
      'docker run -dit --name busybox1 --network my-net busybox sh',
      /[0-9a-f]{64}[\s\S]*[0-9a-f]{64}/,
    );
    await typeCommand(
      page,
      'docker run -dit --name busybox2 --network my-net busybox sh',
      /([0-9a-f]{64}[\s\S]*){3}/,
    );
    await typeCommand(
      page,
      'docker exec busybox1 ping -c 2 busybox2',
      /2 packets transmitted, 2 packets received/,
    );

    await page.locator(`[data-testid="check-${EXERCISE}"]`).click();
    const result = page.locator(`[data-testid="check-result-${EXERCISE}"]`);
    await result.and(page.locator('[data-passed="true"]')).waitFor({ timeout: 60_000 });
    const text = await result.innerText();
    assert.doesNotMatch(text, /fail/i);
  });

  test('reloading mid-session brings back the same shell with its output', async () => {
    await typeCommand(page, 'echo before-reload-$((20+22))', /before-reload-42/);
    await page.reload();
    await waitForTerminal(page, /before-reload-42/, 60_000);
    await waitForTerminal(page, /packets received/);
    // …and it is the same shell: its history has the command from before the reload.
    await typeCommand(page, 'history | tail -3', /echo before-reload/);
  });

  test('a flood of output neither freezes the page nor loses the shell', async () => {
    await page.locator('[data-testid="terminal"]').click();
    await page.keyboard.type('yes | head -c 50M; echo flood-""done', { delay: 5 });
    await page.keyboard.press('Enter');
    // While the flood runs, the page keeps answering (the main thread is not wedged).
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(500);
      const answered = await Promise.race([
        page.evaluate(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 10_000)),
      ]);
      assert.equal(answered, true, 'the page answers during the flood');
    }
    await waitForTerminal(page, /flood-done[\s\S]*root@node1:~#/, 240_000);
    await typeCommand(page, 'echo still-$((2*21))', /still-42/);
  });

  test('a Dockerfile written in the editor builds and runs in the terminal', async () => {
    await page.locator('[data-testid="editor-toggle"]').click();
    const editor = page.locator('[data-testid="editor"] .monaco-editor');
    const status = page.locator('[data-testid="editor-status"]');
    await status.and(page.locator('[data-state="saved"]')).waitFor({ timeout: 60_000 });
    // A networking lesson names no editor path: the editor opens the home folder, not another lesson's file.
    assert.equal(await page.locator('[data-testid="editor-path"]').inputValue(), '/root');
    await page.locator('[data-testid="editor-path"]').fill('/root/mynginx/Dockerfile');
    await page.locator('[data-testid="editor-path"]').press('Enter');
    await page.locator('[data-testid="editor-missing"]').waitFor();
    await editor.waitFor({ timeout: 60_000 });
    await editor.click();
    // Typed as fast as the keyboard goes and saved at once: the last characters must be in the file.
    await page.keyboard.type('FROM busybox\nCMD ["echo","hello-from-editor"]\n', { delay: 0 });
    await page.keyboard.press('Control+s');
    await status.and(page.locator('[data-state="saved"]')).waitFor({ timeout: 20_000 });
    assert.match(await status.innerText(), /Saved/);

    await typeCommand(page, 'clear; cat /root/mynginx/Dockerfile', /CMD \["echo","hello-from-editor"\]/);
    await fs.mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/editor-1280x800.png' });
    await typeCommand(
      page,
      'docker build -q -t mine /root/mynginx && docker run --rm mine',
      /^hello-from-editor\s*$/m,
      180_000,
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-testid="editor"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/editor-390x844.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('no request left this machine', () => {
    assert.deepEqual(external, []);
  });
});
