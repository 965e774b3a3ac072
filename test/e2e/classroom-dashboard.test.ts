import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousAxeViolations } from '../support/axe.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchChromium } from '../support/browser.ts';
import {
  checkRunHello,
  instructorWithClassroom,
  joinAs,
  passRunHello,
  postAs,
} from '../support/classroom-browser.ts';
import { typeLine, waitForTerminal } from '../support/terminal-page.ts';

// An instructor and a learner in two real browsers on a real Berth: the instructor signs in on /signin; the
// learner joins by code and passes an exercise in a real sandbox, and the instructor's grid turns green
// without a reload; the learner raises a hand on the lesson page and it shows in the queue; Watch shows the
// learner's terminal live, read-only until the learner allows typing, which both pages show.

const LESSON = 'concepts/images-and-containers';
const EXERCISE = `${LESSON}/run-hello`;

describe('the instructor follows a learner live', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let teacher: BrowserContext;
  let learner: BrowserContext;
  let dashboard: Page;
  let lesson: Page;
  let room: { id: string; joinCode: string };
  let learnerId: string;

  before(async () => {
    berth = await startBerth();
    browser = await launchChromium();
    teacher = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    learner = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    dashboard = await teacher.newPage();
    room = await instructorWithClassroom(teacher, berth, 'ada@example.test', [LESSON], { page: dashboard });
  });

  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  test('the dashboard shows the join code, link and QR code, and goes live', async () => {
    await dashboard.goto(`${berth.baseUrl}/classrooms/${room.id}`);
    assert.equal((await dashboard.getByTestId('join-code').innerText()).replace('-', ''), room.joinCode);
    assert.equal(
      await dashboard.getByTestId('join-link').getAttribute('href'),
      `${berth.baseUrl}/join/${room.joinCode}`,
    );
    assert.match((await dashboard.getByTestId('join-qr').first().getAttribute('aria-label')) ?? '', /join/);
    await dashboard.locator('[data-testid="live-status"][data-state="live"]').waitFor();
    // Marks this document: a reload or navigation would lose it.
    await dashboard.evaluate(() => Object.assign(window, { berthNoReload: true }));
  });

  test('a learner who joins by code appears in the grid', async () => {
    learnerId = await joinAs(learner, berth, room.joinCode, 'Grace');
    await dashboard.getByTestId(`cell-${learnerId}-${EXERCISE}`).waitFor({ timeout: 5_000 });
    assert.equal(
      await dashboard.getByTestId(`cell-${learnerId}-${EXERCISE}`).getAttribute('data-passed'),
      'false',
    );
  });

  test('the learner fails, then passes run-hello in their terminal: amber, heatmap, then green within 2 s, no reload', async () => {
    lesson = await passRunHello(learner, berth, async (page) => {
      // A check before doing anything fails: amber in the grid, and its tasks in the heatmap.
      await checkRunHello(page, false);
      await dashboard
        .locator(`[data-testid="cell-${learnerId}-${EXERCISE}"][data-state="tried"]`)
        .waitFor({ timeout: 2_000 });
      await dashboard
        .locator(`[data-testid="task-heatmap"] [data-task^="${EXERCISE}/"]`)
        .first()
        .waitFor({ timeout: 10_000 });
    });
    const checked = Date.now();
    const cell = dashboard.locator(`[data-testid="cell-${learnerId}-${EXERCISE}"][data-passed="true"]`);
    await cell.waitFor({ timeout: 2_000 });
    console.log(`grid cell green ${Date.now() - checked} ms after the learner saw the result`);
    assert.match(await cell.innerText(), /^\s*(\d+)\/\1\b/, 'all tasks passed, as text');
    // Screen readers hear it (a polite live region).
    assert.equal(
      await dashboard.getByTestId('dashboard-announcer').textContent(),
      'Grace passed Run your first container',
    );
    assert.equal(await dashboard.evaluate(() => (window as { berthNoReload?: boolean }).berthNoReload), true);
    // Passed in the latest attempt: the exercise's tasks leave the heatmap.
    await dashboard
      .locator(`[data-testid="task-heatmap"] [data-task^="${EXERCISE}/"]`)
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 });
  });

  test('a raised hand shows in the queue; Watch shows the learner’s terminal with replay, then live', async () => {
    await lesson.getByTestId('raise-hand').click();
    await lesson.locator('[data-testid="raise-hand-form"] textarea').fill('Is <b>this</b> right?');
    await lesson.getByTestId('send-hand').click();
    const hand = dashboard.getByTestId(`hand-${learnerId}`);
    await hand.waitFor({ timeout: 5_000 });
    assert.match(
      await hand.innerText(),
      /Grace[\s\S]*Is <b>this<\/b> right\?/,
      'the message is shown as text',
    );
    await dashboard.getByTestId(`watch-${learnerId}`).click();
    await dashboard.waitForURL(`**/classrooms/${room.id}/watch/${learnerId}`);
    // The learner sees that they are watched.
    await lesson.getByTestId('instructor-watching').waitFor({ timeout: 5_000 });
    const mode = dashboard.getByTestId('watch-mode');
    assert.equal(await mode.getAttribute('data-mode'), 'read-only');
    assert.match(await mode.innerText(), /Read-only/);
    // Replay: what the learner did before the instructor looked.
    await waitForTerminal(dashboard, /Hello, Berth/, 20_000);
    await typeLine(lesson, 'echo live-$((6*7))');
    await waitForTerminal(dashboard, /live-42/, 10_000);
    assert.deepEqual(await seriousAxeViolations(dashboard), [], 'the watch page');
  });

  test('the instructor types only while the learner allows it, and both see which it is', async () => {
    // Read-only: the instructor's keys reach nobody.
    await typeLine(dashboard, 'echo teacher-$((100+1))');
    await lesson.waitForTimeout(1_000);
    assert.doesNotMatch(await lesson.getByTestId('terminal').innerText(), /teacher-101/);
    const allow = lesson.getByTestId('allow-typing');
    assert.equal(await allow.getAttribute('aria-checked'), 'false');
    await allow.click();
    await lesson.locator('[data-testid="allow-typing"][aria-checked="true"]').waitFor();
    await dashboard.locator('[data-testid="watch-mode"][data-mode="typing"]').waitFor({ timeout: 5_000 });
    await typeLine(dashboard, 'echo teacher-$((100+2))');
    await waitForTerminal(lesson, /teacher-102/, 10_000);
    await allow.click();
    await dashboard.locator('[data-testid="watch-mode"][data-mode="read-only"]').waitFor({ timeout: 5_000 });
  });

  test('when the learner’s sandbox ends, the watch page says so and finds their next one', async () => {
    const { id: old } = await postAs(learner, berth, '/api/sandboxes', { lessonId: LESSON }, 200);
    await postAs(learner, berth, `/api/sandboxes/${old}`, undefined, 200, 'DELETE');
    await dashboard.getByTestId('watch-look-again').waitFor({ timeout: 15_000 });
    const { id: next } = await postAs(learner, berth, '/api/sandboxes', { lessonId: LESSON }, 201);
    assert.notEqual(next, old);
    await dashboard.getByTestId('watch-look-again').click();
    // A new terminal (the old screen is gone with its sandbox), connected to the new sandbox's shell.
    await dashboard
      .locator('[data-testid="terminal"][data-connection="connected"]')
      .waitFor({ timeout: 90_000 });
    await lesson.reload();
    await waitForTerminal(lesson, /root@node1:~#/, 90_000);
    await typeLine(lesson, 'echo new-$((40+2))');
    await waitForTerminal(dashboard, /new-42/, 30_000);
    assert.doesNotMatch(await dashboard.getByTestId('terminal').innerText(), /Hello, Berth/);
  });

  test('resolving the hand empties the queue; the attempt history lists the passing run', async () => {
    await dashboard.goBack();
    await dashboard.getByTestId(`resolve-${learnerId}`).click();
    await dashboard.getByTestId(`hand-${learnerId}`).waitFor({ state: 'detached', timeout: 5_000 });
    await dashboard.getByTestId(`learner-${learnerId}`).click();
    const history = dashboard.getByTestId('attempt-history');
    await history.locator('tr[data-passed="true"]').first().waitFor({ timeout: 5_000 });
    assert.match(await history.innerText(), /Run your first container[\s\S]*Passed/);
    await dashboard.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });
  });

  test('pre-warm: the instructor asks for a warm sandbox and sees it come up, then releases it', async () => {
    await dashboard.getByTestId('prewarm-count').fill('1');
    await dashboard.getByTestId('prewarm-submit').click();
    const status = dashboard.getByTestId('prewarm-status');
    await status.filter({ hasText: /^1 ready, 0 starting/ }).waitFor({ timeout: 90_000 });
    await dashboard.getByTestId('prewarm-count').fill('0');
    await dashboard.getByTestId('prewarm-submit').click();
    await status.filter({ hasText: /^$/ }).waitFor({ state: 'attached', timeout: 10_000 });
  });

  test('a learner of the class, or another instructor, gets 404 for the dashboard and the watch page', async () => {
    const other = await browser.newContext();
    await instructorWithClassroom(other, berth, 'grace@example.test', [LESSON]);
    for (const ctx of [learner, other])
      for (const path of [`/classrooms/${room.id}`, `/classrooms/${room.id}/watch/${learnerId}`]) {
        const r = await ctx.request.get(`${berth.baseUrl}${path}`);
        assert.equal(r.status(), 404, path);
      }
    await other.close();
  });
});
