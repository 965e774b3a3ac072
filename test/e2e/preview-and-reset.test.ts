import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchBrowser } from '../support/browser.ts';
import { signInFromPane, terminalText, typeCommand, waitForTerminal } from '../support/terminal-page.ts';

const LESSON_PATH = '/lessons/networking/container-links';

// A learner publishes a port in the browser terminal and opens it from the link that appears; then resets
// the sandbox and gets a fresh one with a working terminal and nothing of the old one left.
describe('port preview links and the Reset button in a real browser', () => {
  let berth: RunningBerth;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const external: string[] = [];

  before(async () => {
    berth = await startBerth();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    browser.context.on('request', (r) => {
      const host = new URL(r.url().replace(/^blob:/, '')).hostname;
      if (!['127.0.0.1', 'localhost'].includes(host) && !r.url().startsWith('data:')) external.push(r.url());
    });
    await fs.mkdir('test-results', { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  test('the learner gets a shell', async () => {
    await page.goto(`${berth.baseUrl}${LESSON_PATH}`);
    await signInFromPane(page, 'Linus');
    await waitForTerminal(page, /root@node1:~#/, 90_000);
  });

  test('docker run -p makes an Open link appear, and it opens the page served in the sandbox', async () => {
    await typeCommand(
      page,
      'mkdir -p www && echo "<h1>preview-e2e-$((6*7))</h1>" > www/index.html && clear',
      /root@node1:~#\s*$/,
    );
    await page.locator('[data-testid="terminal"]').click();
    await page.keyboard.type(
      'docker run -d --name web -p 8080:80 -v /root/www:/www busybox httpd -f -p 80 -h /www',
      {
        delay: 2,
      },
    );
    await page.keyboard.press('Enter');
    const t0 = Date.now();
    const link = page.locator('[data-testid="port-link-node1-8080"]');
    await link.waitFor({ timeout: 15_000 });
    console.log(`# the link appeared ${Date.now() - t0} ms after Enter`);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match(await page.locator('[data-testid="published-ports"]').innerText(), /node1:8080/);
    await page.screenshot({ path: 'test-results/published-ports-1280x800.png' });

    const [tab] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    // On the preview origin (another port), the ticket already traded for its own cookie and gone from the URL.
    assert.equal(new URL(tab.url()).origin, berth.previewBaseUrl);
    assert.match(tab.url(), /\/preview\/sbx_[0-9a-f]+\/node1\/8080\/$/);
    assert.equal(await tab.locator('h1').innerText(), 'preview-e2e-42');
    await tab.close();
  });

  test('stopping the container takes its link away', async () => {
    await typeCommand(page, 'docker stop -t 1 web', /^web\s*$/m);
    await page.locator('[data-testid="published-ports"]').waitFor({ state: 'detached', timeout: 15_000 });
  });

  test('Reset asks first, then replaces the sandbox with a fresh one whose terminal works', async () => {
    await typeCommand(
      page,
      'echo precious > /root/marker && docker run -d --name keepme busybox sleep 1d',
      /[0-9a-f]{64}/,
    );
    const oldSandbox = await page.evaluate(() =>
      fetch('/api/sandboxes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lessonId: 'networking/container-links' }),
      }).then((r) => r.json()),
    );

    // Declining the confirmation keeps everything.
    page.once('dialog', (d) => void d.dismiss());
    await page.locator('[data-testid="reset-sandbox"]').click();
    await typeCommand(page, 'clear; cat /root/marker', /^precious\s*$/m);

    page.once('dialog', (d) => {
      assert.match(d.message(), /Reset this sandbox\?/);
      void d.accept();
    });
    // With a warm pool the fresh sandbox may be ready at once: a DOM observer notes the progress card.
    await page.evaluate(() => {
      const w = window as unknown as { sawFreshSandboxCard?: boolean };
      new MutationObserver(() => {
        if (document.body.innerText.includes('Starting a fresh sandbox')) w.sawFreshSandboxCard = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.locator('[data-testid="reset-sandbox"]').click();
    await page.waitForFunction(
      () => (window as unknown as { sawFreshSandboxCard?: boolean }).sawFreshSandboxCard === true,
      undefined,
      { timeout: 30_000 },
    );
    await waitForTerminal(page, /root@node1:~#/, 120_000);

    const fresh = await page.evaluate(() =>
      fetch('/api/sandboxes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lessonId: 'networking/container-links' }),
      }).then((r) => r.json()),
    );
    assert.notEqual(fresh.id, oldSandbox.id, 'a new sandbox');
    const old = await page.evaluate(
      (id) => fetch(`/api/sandboxes/${id}`).then((r) => r.json()),
      oldSandbox.id,
    );
    assert.equal(old.state, 'stopped');

    await typeCommand(
      page,
      'ls /root/marker; echo containers=$(docker ps -aq | wc -l) check-$((40+2))',
      /containers=0 check-42/,
    );
    assert.match(await terminalText(page), /No such file or directory/);
  });

  test('no request left this machine', () => {
    assert.deepEqual(external, []);
  });
});
