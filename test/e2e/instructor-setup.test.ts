import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seriousAxeViolations } from '../support/axe.ts';
import { runBerth } from '../support/berth-cli.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchChromium } from '../support/browser.ts';

// The one-time setup link in a real browser: `./berth instructors add <email>` prints it, the instructor
// opens /setup/<token>, is told off for a short or mistyped password, sets one and is signed in; the same
// link then shows that it no longer works, in both languages.

const PASSWORD = 'my own classroom password';

async function issueLink(env: NodeJS.ProcessEnv, email: string): Promise<string> {
  const r = await runBerth(['instructors', 'add', email], { env });
  const url = r.out.match(/(http:\/\/\S+\/setup\/[A-Za-z0-9_-]{43})\n/)?.[1];
  assert.ok(r.code === 0 && url, r.out);
  return url;
}

describe('the instructor setup page', () => {
  let berth: RunningBerth;
  let chromium: Browser;
  let page: Page;
  let link: string;

  before(async () => {
    berth = await startBerth();
    chromium = await launchChromium();
    page = await (await chromium.newContext()).newPage();
    await fs.mkdir('test-results', { recursive: true });
    link = await issueLink({ ...berth.env, BERTH_PUBLIC_URL: berth.baseUrl }, 'ada@example.test');
    assert.ok(link.startsWith(`${berth.baseUrl}/setup/`), link);
  });

  after(async () => {
    await chromium?.close();
    await berth?.stop();
  });

  test('a short or mistyped password is refused on the page; a good one signs the instructor in', async () => {
    await page.goto(link);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    assert.match(await page.locator('main').innerText(), /ada@example\.test/);
    const password = page.getByLabel('New password');
    const confirm = page.getByLabel('Repeat the password');
    const submit = page.getByRole('button', { name: 'Set password and sign in' });

    assert.deepEqual(await seriousAxeViolations(page), [], 'the form');

    await password.fill('short');
    await confirm.fill('short');
    await submit.click();
    assert.match(await page.getByTestId('setup-error').innerText(), /at least 12 characters/);

    await password.fill(PASSWORD);
    await confirm.fill(`${PASSWORD}!`);
    await submit.click();
    assert.match(await page.getByTestId('setup-error').innerText(), /not the same/);
    assert.deepEqual(await seriousAxeViolations(page), [], 'the form with an error');
    await page.screenshot({ path: 'test-results/instructor-setup-1280x720.png' });

    await confirm.fill(PASSWORD);
    await Promise.all([page.waitForURL(`${berth.baseUrl}/classrooms`), submit.click()]);
    const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    assert.equal(me.user.role, 'instructor');
    assert.equal(me.user.name, 'ada');
    const cookies = await page.context().cookies(berth.baseUrl);
    const session = cookies.find((c) => c.name === 'berth_session');
    assert.ok(session?.httpOnly, 'an HttpOnly session cookie');
  });

  test('the password works at sign-in, and the spent link says so (also in Chinese)', async () => {
    const res = await fetch(`${berth.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.test', password: PASSWORD }),
    });
    assert.equal(res.status, 200);
    await page.goto(link);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    assert.equal(await page.getByLabel('New password').count(), 0, 'no form for a spent link');
    await page.goto(`${link}?lang=zh`);
    await page.getByRole('heading', { name: '此链接已失效' }).waitFor();
    assert.deepEqual(await seriousAxeViolations(page), [], 'the spent link');
    // The token is in the address: the page tells the browser to send no Referer anywhere.
    assert.equal(await page.locator('meta[name="referrer"]').getAttribute('content'), 'no-referrer');
  });
});
