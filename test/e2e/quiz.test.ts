import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  makeFixtureCourse,
  quizExercisesYaml,
  quizLessonProse,
  validLessonYaml,
} from '../../server/lessons/test-fixtures.ts';
import { guestCookie, seriousAxeViolations } from '../support/axe.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchChromium, waitHydrated } from '../support/browser.ts';

// A learner answers a quiz in a real browser on a phone-sized screen, against the real web server and
// database (a lesson fixture, not the course): wrong first (a message that gives nothing away, the
// answers kept as typed, markup shown as text), then right; without waiting for a sandbox.
const LESSON = '/lessons/networking/demo';
const QUIZ = 'networking/demo/quiz';

// Fields filled before React has hydrated the page would be reset by it: wait until it has.
const interactive = (page: Page) => waitHydrated(page, `[data-testid="check-${QUIZ}"]`);

describe('a quiz in a real browser', () => {
  let berth: RunningBerth;
  let browser: Browser;

  before(async () => {
    const fixture = await makeFixtureCourse();
    await fixture.writeLesson({
      'lesson.yaml': `${validLessonYaml}${quizExercisesYaml}`,
      ...quizLessonProse,
    });
    process.env.BERTH_LESSONS_DIR = fixture.dir;
    berth = await startBerth();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  test('wrong answers get a message that gives nothing away; right ones pass and count as progress', async () => {
    const ctx = await browser.newContext({
      baseURL: berth.baseUrl,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const cookie = await guestCookie(berth.baseUrl, 'Quiz');
    await ctx.addCookies([cookie]);
    const page = await ctx.newPage();
    await page.goto(LESSON);
    await interactive(page);
    const card = page.locator(`[data-exercise="${QUIZ}"]`);
    await card.waitFor();

    // Each question is a group named by its title; the fields are named by it too.
    assert.equal(await card.locator('fieldset').count(), 4);
    assert.equal(
      await card.getByRole('group', { name: 'Which are read-only?' }).getByRole('checkbox').count(),
      3,
    );
    assert.equal(await card.getByRole('radio').count(), 3);
    const tag = card.getByRole('textbox', { name: 'Which tag does docker pull nginx pull?' });
    const limit = card.getByRole('textbox', { name: 'How many layers may an image have at most?' });
    assert.equal(await tag.getAttribute('maxlength'), '200');

    await card.getByRole('radio', { name: "Into the image's top layer" }).check();
    await card.getByRole('checkbox', { name: "The base image's layers" }).check();
    await tag.fill('<b>x</b>');
    await limit.fill('12');
    const button = page.getByTestId(`check-${QUIZ}`);
    assert.equal(await button.isDisabled(), false, 'a quiz does not wait for the sandbox');
    await button.click();
    const result = page.locator(`[data-testid="check-result-${QUIZ}"]`);
    await result.and(page.locator('[data-passed="false"]')).waitFor({ timeout: 30_000 });

    const messages = await card
      .locator('li')
      .evaluateAll((items) =>
        items.map((li) => li.querySelector('[class*="taskMessage"]')?.textContent ?? ''),
      );
    assert.deepEqual(messages, [
      'That is not the right choice. Images are read-only.',
      'Not quite: pick every right choice and only those. Every image layer is.',
      'That is not the right answer. It is the default tag.',
      'That is not the right answer. A little under 128.',
    ]);
    // The answers stay as given, markup as text: no element was made of it.
    assert.equal(await tag.inputValue(), '<b>x</b>');
    assert.equal(await card.getByRole('radio', { name: "Into the image's top layer" }).isChecked(), true);
    assert.equal(await card.locator('b').count(), 0);
    // Nothing wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    assert.deepEqual(await seriousAxeViolations(page), [], 'no serious accessibility problem');
    const box = await card.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));

    await card.getByRole('radio', { name: "Into the container's own writable layer" }).check();
    await card.getByRole('checkbox', { name: 'Layers a build added' }).check();
    await tag.fill('latest');
    // Enter in a field checks the answers, like the button.
    await limit.fill('127');
    await limit.press('Enter');
    await result.and(page.locator('[data-passed="true"]')).waitFor({ timeout: 30_000 });
    assert.match(await result.innerText(), /All tasks pass/);

    const progress = await page.request.get('/api/progress');
    const quiz = (await progress.json()).exercises.find((e: { exerciseId: string }) => e.exerciseId === QUIZ);
    assert.deepEqual([quiz.passed, quiz.attempts], [true, 2]);

    // In Chinese: the questions, the choices and the messages.
    await page.goto(`${LESSON}?lang=zh`);
    await interactive(page);
    await card.getByRole('radio', { name: '写进镜像仓库' }).check();
    await page.getByTestId(`check-${QUIZ}`).click();
    await result.and(page.locator('[data-passed="false"]')).waitFor({ timeout: 30_000 });
    assert.match(await result.innerText(), /这个选项不对。 镜像是只读的。/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.equal(await card.getByText('node1').count(), 0, 'a quiz runs on no node');
    await page.screenshot({ path: '/tmp/quiz10-phone.png', fullPage: false });
    await ctx.close();
  });
});
