import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { waitHydrated } from './browser.ts';

// Reading and typing into the lesson page's terminal (xterm renders its rows as DOM text).

export async function terminalText(page: Page): Promise<string> {
  return page.locator('[data-testid="terminal"] .xterm-rows').innerText();
}

/** Waits until the page's (first) terminal is connected to its shell. When it never is, the error says what
 * the page shows (terminalLayout) and ends with the tail of `logs` (the Berth processes' output,
 * RunningBerth.logs) when given: a start that failed or hung can then be told apart. */
export async function waitConnected(
  page: Page,
  opts: { timeout?: number; logs?: () => Promise<string> } = {},
): Promise<void> {
  try {
    await page
      .getByTestId('terminal')
      .and(page.locator('[data-connection="connected"]'))
      .first()
      .waitFor({ timeout: opts.timeout ?? 30_000 });
  } catch (e) {
    const logs = opts.logs ? (await opts.logs().catch(() => '')).slice(-4000) : '';
    throw new Error(
      `the terminal never connected: ${await terminalLayout(page)}${logs ? `\nBerth's log ends:\n${logs}` : ''}`,
      { cause: e },
    );
  }
}

/** Waits until the visible screen matches `re`; returns the screen's text. */
export async function waitForTerminal(page: Page, re: RegExp, ms = 60_000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = await terminalText(page).catch(() => '');
    if (re.test(last)) return last;
    await page.waitForTimeout(200);
  }
  assert.fail(`terminal never showed ${re}; it shows:\n${last.slice(-800)}\n${await terminalLayout(page)}`);
}

/** Where the page's terminal is and why it may not show: the window, the sandbox pane's text, each terminal's
 * connection, the first terminal's box and its outermost ancestor that is hidden or has no size, the page's
 * remembered settings. For a failure's message: a terminal that is connected yet shows nothing can then be
 * told apart from one with no shell. */
export async function terminalLayout(page: Page): Promise<string> {
  const layout = await page
    .evaluate(() => {
      // No named functions in here: the test's transpiler would wrap them in a helper the page lacks.
      const term = document.querySelector<HTMLElement>('[data-testid="terminal"]');
      let hiddenBy: string | undefined;
      let termBox = 'none';
      for (let el: HTMLElement | null = term; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const box = `${Math.round(r.width)}x${Math.round(r.height)}@${Math.round(r.x)},${Math.round(r.y)}`;
        if (el === term) termBox = box;
        if (el.hidden || style.display === 'none' || style.visibility === 'hidden' || !r.width || !r.height) {
          hiddenBy = `<${el.tagName.toLowerCase()} id="${el.id}" class="${el.className}"> ${box} display=${style.display} hidden=${el.hidden}`;
        }
      }
      return {
        url: location.href,
        window: `${innerWidth}x${innerHeight}`,
        terminal: termBox,
        connections: [...document.querySelectorAll('[data-testid="terminal"]')].map((t) =>
          t.getAttribute('data-connection'),
        ),
        hiddenBy,
        pane: document.querySelector<HTMLElement>('#terminal-pane')?.innerText.slice(0, 600),
        stored: (() => {
          try {
            return Object.fromEntries(
              Object.entries(localStorage).map(([k, v]) => [k, String(v).slice(0, 60)]),
            );
          } catch {
            return 'unreadable';
          }
        })(),
      };
    })
    .catch((e: Error) => ({ evaluateFailed: e.message }));
  return `page: ${JSON.stringify(layout)}`;
}

/** Clicks into the terminal, types `line` and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('[data-testid="terminal"]').click();
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** Types `command` like typeLine, then waits until the screen matches `done`. */
export async function typeCommand(page: Page, command: string, done: RegExp, ms?: number): Promise<void> {
  await typeLine(page, command);
  await waitForTerminal(page, done, ms);
}

/** Whether keyboard focus is inside the visible terminal (xterm's input textarea). */
export function terminalHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => !!document.activeElement?.closest('[data-testid="terminal"]'));
}

const NAME_SUBMIT = 'form:has(input[name="name"]) button[type="submit"]';

/** Signs in as a guest from the lesson page's sandbox pane, once React has hydrated its form (a name typed
 * before that is lost, and the button then submits the bare HTML form: no sign-in, no terminal). */
export async function signInFromPane(page: Page, name: string): Promise<void> {
  await waitHydrated(page, NAME_SUBMIT);
  await page.locator('form input[name="name"]').fill(name);
  await page.locator(NAME_SUBMIT).click();
}
