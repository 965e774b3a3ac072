import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page, WebSocketRoute } from 'playwright-core';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchBrowser } from '../support/browser.ts';
import {
  signInFromPane,
  terminalHasFocus,
  terminalText,
  typeLine,
  waitForTerminal,
} from '../support/terminal-page.ts';

// The lesson page's terminal against a real sandbox, used the ways a careful product must allow: in the
// page's language and wide enough for `docker ps`; left and re-entered by keyboard without typing into the
// shell (Esc still reaching vi); Run on a half-typed line; screen-reader mode; and a link that stalls.

const LESSON_PATH = '/lessons/networking/container-links';
const SHOTS = 'test-results';

/** Whatever a failed test left running is stopped, and the screen starts empty at a prompt. */
async function freshPrompt(page: Page): Promise<void> {
  await page.locator('[data-testid="terminal"]').click();
  await page.keyboard.press('Control+c');
  await typeLine(page, 'clear; echo fresh-$((6*7))');
  await waitForTerminal(page, /^fresh-42\s*\n.*root@node1:~#/m);
}

async function waitForAriaSnapshot(locator: Locator, re: RegExp, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = await locator.ariaSnapshot();
    if (re.test(last)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`the accessibility tree never matched ${re}:\n${last.slice(0, 1500)}`);
}

describe('the terminal for keyboards, screen readers and stalled links', () => {
  let berth: RunningBerth;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const sockets: WebSocketRoute[] = [];
  /** Terminal sockets whose frames from the server are dropped, like a half-open link's. */
  const silenced = new Set<WebSocketRoute>();

  before(async () => {
    berth = await startBerth();
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Every terminal socket goes through the test, which can silence the server like a half-open link.
    await page.routeWebSocket(/\/ws\/terminal/, (ws) => {
      const server = ws.connectToServer();
      sockets.push(ws);
      server.onMessage((m) => {
        if (!silenced.has(ws)) ws.send(m);
      });
    });
    await fs.mkdir(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  test('the welcome is in the page’s language, and at 1440 px `docker ps` fits on one line', async () => {
    await page.goto(`${berth.baseUrl}${LESSON_PATH}?lang=zh`);
    await signInFromPane(page, 'Ada');
    const zh = await waitForTerminal(page, /root@node1:~#/, 90_000);
    assert.match(zh, /欢迎来到 node1/);
    assert.doesNotMatch(zh, /Welcome to/);
    await page.getByTestId('terminal').screenshot({ path: `${SHOTS}/terminal-zh-1440.png` });

    // A reload in English shows the same shell under an English welcome.
    await page.goto(`${berth.baseUrl}${LESSON_PATH}?lang=en`);
    const en = await waitForTerminal(page, /Welcome to node1[\s\S]*root@node1:~#/);
    assert.doesNotMatch(en, /欢迎/);

    const cols = Number(await page.getByTestId('terminal').getAttribute('data-cols'));
    assert.ok(cols >= 104, `at 1440 px the terminal has ${cols} columns`);
    await typeLine(page, 'docker run -d --name busybox1 busybox sleep 600 >/dev/null; clear; docker ps');
    await waitForTerminal(page, /CONTAINER ID[\s\S]*busybox1/);
    const rows = await page.locator('[data-testid="terminal"] .xterm-rows > div').allInnerTexts();
    const header = rows.find((r) => r.includes('CONTAINER ID'));
    assert.ok(header?.includes('NAMES'), `the header is one line: ${JSON.stringify(header)}`);
    assert.ok(
      rows.some((r) => r.includes('busybox') && r.includes('busybox1')),
      'each container is one line',
    );
  });

  test('Esc then Shift+Tab or Tab leaves the terminal, Tab comes back, and the shell gets none of it', async () => {
    await freshPrompt(page);
    await typeLine(page, 'echo cat-$((6*7)); cat -v');
    await waitForTerminal(page, /^cat-42\s*$/m);
    await page.keyboard.type('a');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await terminalHasFocus(page), false, 'Esc, Shift+Tab moved focus out');
    await page.keyboard.press('Tab');
    assert.equal(await terminalHasFocus(page), true, 'Tab brought it back');
    await page.keyboard.type('b');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'screen-reader-mode',
      'Esc, Tab lands on the switch after the terminal',
    );
    await page.keyboard.press('Shift+Tab');
    assert.equal(await terminalHasFocus(page), true);
    await page.keyboard.type('c');
    await page.keyboard.press('Enter');
    // `cat -v` echoes the line it got: an Esc would show as ^[ and Shift+Tab as ^[[Z.
    const text = await waitForTerminal(page, /^abc\s*$[\s\S]*^abc\s*$/m);
    assert.doesNotMatch(text, /\^\[/);

    // Esc on its own still reaches the program (after the moment it waits for a Tab).
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_500);
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^\^\[\s*$/m);
    await page.keyboard.press('Control+d');
    await waitForTerminal(page, /\^\[\s*\n.*root@node1:~#/);
  });

  test('vi gets its Esc: insert, Esc, :wq saves the file', async () => {
    await freshPrompt(page);
    await typeLine(
      page,
      "clear; docker run -it --rm busybox sh -c 'mkdir -p /tmp; vi /tmp/note; echo saved: $(cat /tmp/note)'",
    );
    await waitForTerminal(page, /^~\s*$/m, 60_000); // vi has drawn its screen
    await page.waitForTimeout(1_000); // and set up its keyboard
    try {
      await page.keyboard.type('ihello from vi', { delay: 10 });
      await waitForTerminal(page, /^\s?hello from vi/m);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_500); // a lone Esc, as a learner who pauses
      await page.keyboard.type(':wq', { delay: 10 });
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /saved: hello from vi/);
    } finally {
      // Leave no vi behind for the next test, whatever happened.
      if (!/saved:/.test(await terminalText(page))) {
        await page.keyboard.press('Escape');
        await page.keyboard.type(':q!');
        await page.keyboard.press('Enter');
      }
    }
  });

  test('Run types on a cleared line, and the half-typed text comes back with Ctrl+Y', async () => {
    await freshPrompt(page);
    await page.keyboard.type('docker ps', { delay: 5 });
    await page.locator('[data-run-code="docker network ls"]').first().click();
    const text = await waitForTerminal(page, /NETWORK ID/);
    assert.doesNotMatch(text, /docker psdocker/);
    assert.match(text, /# docker network ls\s*$/m);
    assert.equal(await terminalHasFocus(page), true, 'Run leaves the keyboard in the terminal');
    await page.keyboard.press('Control+y');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /# docker ps\s*\nCONTAINER ID/);
  });

  test('screen-reader mode puts the output in the accessibility tree, politely, and is remembered', async () => {
    const term = page.getByTestId('terminal');
    const toggle = page.getByTestId('screen-reader-mode');
    assert.equal(await term.locator('.xterm-accessibility-tree').count(), 0, 'off by default');
    await freshPrompt(page);
    await toggle.check();
    await typeLine(page, 'echo sr-$((6*7))');
    await waitForTerminal(page, /^sr-42/m);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="terminal"] .live-region')?.textContent?.includes('sr-42'),
    );
    // xterm fills the tree a moment after it paints.
    await waitForAriaSnapshot(term, /list "Terminal output":[\s\S]*listitem: sr-42/);
    assert.equal(await term.locator('.live-region').getAttribute('aria-live'), 'polite');

    // A flood is not read out line by line: after 20 lines, one note.
    await typeLine(page, 'seq 1 400');
    await waitForTerminal(page, /^400\s*$/m);
    const live = await page.waitForFunction(() => {
      const t = document.querySelector('[data-testid="terminal"] .live-region')?.textContent ?? '';
      return t.includes('Too much output') && t;
    });
    const announced = String(await live.jsonValue());
    assert.doesNotMatch(announced, /\n(2[1-9]|[3-9]\d|\d{3})\n/, 'no line past the twentieth is read out');

    await page.reload();
    await waitForTerminal(page, /^400\s*$/m);
    // The replay holds vi's old "where is the cursor?" query: the page must not answer it into the shell.
    await page.waitForTimeout(1_000);
    assert.doesNotMatch(await terminalText(page), /\d+;\d+R/);
    assert.equal(await toggle.isChecked(), true, 'remembered across a reload');
    await waitForAriaSnapshot(term, /listitem: "?400"?/);
    await page.setViewportSize({ width: 390, height: 844 });
    await term.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/terminal-sr-390.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    await toggle.uncheck();
  });

  test('a link that stops answering shows "stalled", reconnects, and what was typed meanwhile runs once', async () => {
    const status = page.getByTestId('terminal-status');
    await freshPrompt(page);
    await status.and(page.locator('[data-state="connected"]')).waitFor();
    const before = sockets.length;
    silenced.add(sockets.at(-1)!);
    await status.and(page.locator('[data-state="stalled"]')).waitFor({ timeout: 20_000 });
    assert.match(await status.innerText(), /Stalled/);
    await page.keyboard.type('echo typed-while-stalled-$((6*7))', { delay: 5 });
    await page.keyboard.press('Enter');
    assert.match(
      await page.getByTestId('terminal-input-report').innerText(),
      /characters waiting to be sent/,
    );
    await status.and(page.locator('[data-state="connected"]')).waitFor({ timeout: 30_000 });
    assert.ok(sockets.length > before, 'a new socket');
    const text = await waitForTerminal(page, /^typed-while-stalled-42\s*$/m);
    assert.equal(text.match(/^typed-while-stalled-42\s*$/gm)?.length, 1, 'ran once');
    assert.doesNotMatch(await page.getByTestId('terminal-input-report').innerText(), /waiting|not sent/);
    await page.getByTestId('terminal').screenshot({ path: `${SHOTS}/terminal-en-1440.png` });
    assert.ok((await terminalText(page)).includes('root@node1'));
  });
});
