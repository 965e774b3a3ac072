import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousAxeViolations } from '../support/axe.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchChromium } from '../support/browser.ts';
import { addInstructorCli, INSTRUCTOR_PASSWORD, postAs } from '../support/classroom-browser.ts';
import { waitForTerminal } from '../support/terminal-page.ts';

// The ways into a class, in real browsers on a real Berth (web and agent processes, a real sandbox): the
// instructor signs in at /signin and creates a classroom with the form; a learner joins at /join/CODE, gets
// their resume code once, lands on the first lesson and continues on a second device with the code; the
// lesson page's classroom widgets follow the instructor live (a broadcast, the raised hand, watching,
// typing permission) without a reload. Unhappy paths: a wrong password, a closed code, an unknown resume code.

const LESSON = 'concepts/images-and-containers';
const EMAIL = 'ada@example.test';
// A display name with markup: it must show as these characters, never as an element.
const MARKUP_NAME = '<img src=x onerror=berthXss=1>Grace';

describe('joining a class and following the instructor live', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let teacher: BrowserContext;
  let learner: BrowserContext;
  let teacherPage: Page;
  let lesson: Page;
  let room: { id: string; joinCode: string };
  let resumeCode: string;
  let learnerId: string;

  before(async () => {
    berth = await startBerth();
    browser = await launchChromium();
    teacher = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    learner = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await learner.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: berth.baseUrl });
    await addInstructorCli(berth, EMAIL);
    teacherPage = await teacher.newPage();
  });

  after(async () => {
    await browser?.close();
    await berth?.stop();
  });

  test('a wrong password is refused with a clear message and signs nobody in', async () => {
    // Typed, and Enter pressed, before the page's scripts have run (held back here; a slow network in
    // class): the bare HTML form is not sent, and React takes over what was typed.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await teacherPage.route('**/_next/static/**/*.js', async (route) => {
      await held;
      await route.continue();
    });
    const posts: string[] = [];
    teacherPage.on('request', (r) => {
      if (r.method() === 'POST' && r.isNavigationRequest()) posts.push(r.url());
    });
    await teacherPage.goto(`${berth.baseUrl}/signin`, { waitUntil: 'commit' });
    await teacherPage.getByLabel('Email').fill(EMAIL);
    await teacherPage.getByLabel('Password').fill('not the password');
    const button = teacherPage.getByRole('button', { name: 'Sign in' });
    assert.equal(await button.isDisabled(), true, 'the button waits for the page to be ready');
    await teacherPage.getByLabel('Password').press('Enter');
    release();
    await button.click(); // waits until it is enabled
    await teacherPage.unrouteAll({ behavior: 'wait' });
    const error = teacherPage.getByTestId('signin-error');
    await error.waitFor();
    assert.match(await error.innerText(), /Wrong email or password/);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal(new URL(teacherPage.url()).pathname, '/signin');
    // The password field is cleared and focused for the next try.
    assert.equal(await teacherPage.getByLabel('Password').inputValue(), '');
    assert.equal(await teacherPage.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
    assert.equal((await teacher.request.get(`${berth.baseUrl}/api/auth/me`)).status(), 401);
    assert.deepEqual(posts, [], 'no bare HTML form was sent');
    assert.equal(await teacherPage.getByLabel('Email').inputValue(), EMAIL);
    assert.deepEqual(await seriousAxeViolations(teacherPage), [], 'the sign-in page');
  });

  test('the instructor signs in at /signin and creates a classroom with the form', async () => {
    await teacherPage.getByLabel('Password').fill(INSTRUCTOR_PASSWORD);
    await teacherPage.getByRole('button', { name: 'Sign in' }).click();
    await teacherPage.waitForURL('**/classrooms');
    await teacherPage.getByTestId('no-classrooms').waitFor();
    assert.deepEqual(await seriousAxeViolations(teacherPage), [], 'the classrooms page');

    const form = teacherPage.getByTestId('create-classroom-form');
    // Nothing chosen: the form says what is missing and sends nothing.
    await form.getByRole('button', { name: 'Create classroom' }).click();
    await form.getByText('Give the classroom a title.').waitFor();
    await form.getByText('Pick at least one lesson.').waitFor();
    assert.equal(await teacherPage.evaluate(() => document.activeElement?.getAttribute('name')), 'title');

    await form.getByLabel('Title').fill('Docker 101 — Monday');
    await form.locator(`input[value="${LESSON}"]`).check();
    // The chapter's own box is now "mixed": some of its lessons are picked.
    const chapterBox = form.getByRole('checkbox', { name: /^All of / }).first();
    assert.equal(await chapterBox.evaluate((el: HTMLInputElement) => el.indeterminate), true);
    assert.match(await form.getByTestId('lessons-chosen').innerText(), /1 lesson chosen/);
    await form.getByLabel(/Learner cap/).fill('5');
    await form.getByRole('button', { name: 'Create classroom' }).click();
    await teacherPage.waitForURL(/\/classrooms\/[^/]+$/);
    const id = new URL(teacherPage.url()).pathname.split('/').pop()!;
    const { classrooms } = await (await teacher.request.get(`${berth.baseUrl}/api/classrooms`)).json();
    const created = classrooms.find((c: { id: string }) => c.id === id);
    assert.ok(created, 'the new classroom is the instructor’s');
    assert.equal(created.title, 'Docker 101 — Monday');
    assert.deepEqual(created.lessonIds, [LESSON]);
    assert.equal(created.learnerCap, 5);
    room = { id, joinCode: created.joinCode };

    // The list shows it, with its code in groups.
    await teacherPage.goto(`${berth.baseUrl}/classrooms`);
    const card = teacherPage.getByTestId(`classroom-${id}`);
    assert.match(
      await card.innerText(),
      new RegExp(`${room.joinCode.slice(0, 5)}-${room.joinCode.slice(5)}`),
    );
    assert.match(await card.innerText(), /0 of 5 learners/);
  });

  test('a learner joins at /join/CODE with a markup name, shown as text, and gets the resume code once', async () => {
    const page = await learner.newPage();
    await page.goto(`${berth.baseUrl}/join/${room.joinCode.toLowerCase()}`);
    assert.equal(
      (await page.getByTestId('join-code').innerText()).replace('-', ''),
      room.joinCode,
      'the code from the link, as typed in any case',
    );
    await page.getByLabel('Your display name').fill(MARKUP_NAME);
    await page.getByRole('button', { name: 'Join the class' }).click();
    const code = page.getByTestId('resume-code');
    await code.waitFor();
    resumeCode = (await code.innerText()).replace(/-/g, '');
    assert.match(resumeCode, /^[23456789A-HJKMNP-Z]{16}$/);
    assert.match(await page.getByTestId('joined').innerText(), /shown only this once/);
    // Copy puts the code on the clipboard and says so.
    await page.getByTestId('copy-resume-code').click();
    await page.getByText('Copied to the clipboard.').waitFor();
    assert.equal((await page.evaluate(() => navigator.clipboard.readText())).replace(/-/g, ''), resumeCode);
    assert.deepEqual(await seriousAxeViolations(page), [], 'the joined page');

    await page.getByTestId('continue-to-lesson').click();
    await page.waitForURL(`**/lessons/${LESSON}`);
    lesson = page;
    const me = await (await learner.request.get(`${berth.baseUrl}/api/auth/me`)).json();
    learnerId = me.user.id;
    assert.equal(me.user.name, MARKUP_NAME);
    // The header shows the name as text; no element was made from it and no script ran.
    await lesson.getByText(MARKUP_NAME).first().waitFor();
    assert.equal(await lesson.locator('img[src="x"]').count(), 0);
    assert.equal(await lesson.evaluate(() => (window as { berthXss?: number }).berthXss), undefined);

    // Shown once: coming back to the link offers to carry on, never the code again.
    const again = await learner.newPage();
    await again.goto(`${berth.baseUrl}/join/${room.joinCode}`);
    await again.getByTestId('already-joined').waitFor();
    assert.equal(await again.getByTestId('resume-code').count(), 0);
    assert.doesNotMatch(await again.content(), new RegExp(resumeCode));
    await again.close();
  });

  test('the lesson page has the classroom widgets, and the sandbox starts as usual', async () => {
    await lesson.getByTestId('classroom-live').waitFor();
    assert.match(await lesson.getByTestId('classroom-live').innerText(), /Docker 101 — Monday/);
    await waitForTerminal(lesson, /root@node1:~#/, 120_000);
    await lesson.locator('[data-testid="classroom-live"][data-live="open"]').waitFor({ timeout: 10_000 });
    assert.deepEqual(await seriousAxeViolations(lesson), [], 'the lesson page with the classroom widgets');
  });

  test('a broadcast from the instructor shows on the learner’s page without a reload', async () => {
    await lesson.evaluate(() => Object.assign(window, { berthNoReload: true }));
    const message = 'Stop at exercise 2 <b>now</b> & look at the board';
    const sent = Date.now();
    await postAs(teacher, berth, `/api/classrooms/${room.id}/broadcasts`, { message }, 201);
    const banner = lesson.getByTestId('broadcast-banner');
    await lesson.getByTestId('broadcast-message').waitFor({ timeout: 5_000 });
    console.log(`broadcast on the learner's page ${Date.now() - sent} ms after it was sent`);
    assert.equal(await lesson.getByTestId('broadcast-message').innerText(), message, 'as text');
    assert.equal(await banner.getAttribute('role'), 'status');
    assert.equal(await banner.getAttribute('aria-live'), 'polite');
    assert.equal(await lesson.evaluate(() => (window as { berthNoReload?: boolean }).berthNoReload), true);
    // Dismissed, it stays dismissed on the next page; the bar still offers it.
    await lesson.getByTestId('dismiss-broadcast').click();
    assert.equal(await lesson.getByTestId('broadcast-message').count(), 0);
    await lesson.getByTestId('show-broadcasts').click();
    await lesson.getByTestId('broadcast-message').waitFor();
    await lesson.getByTestId('dismiss-broadcast').click();
  });

  test('raise hand: the learner sees it up, the instructor’s queue has it, resolving it lowers it', async () => {
    await lesson.getByTestId('raise-hand').click();
    const form = lesson.getByTestId('raise-hand-form');
    await form.getByLabel('What do you need help with?').fill('My containers <b>cannot</b> ping');
    await form.getByTestId('send-hand').click();
    await lesson.getByTestId('hand-raised').waitFor();
    assert.equal(await lesson.getByTestId('hand-message').innerText(), 'My containers <b>cannot</b> ping');
    // Focus follows to the button that undoes it.
    await lesson.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'lower-hand',
      null,
      {
        timeout: 2_000,
      },
    );
    const { hands } = await (
      await teacher.request.get(`${berth.baseUrl}/api/classrooms/${room.id}/hands`)
    ).json();
    assert.deepEqual(
      hands.map((h: { learnerId: string; message: string }) => [h.learnerId, h.message]),
      [[learnerId, 'My containers <b>cannot</b> ping']],
    );
    // The learner lowers it; raises it again; the instructor resolves it: the page follows each.
    await lesson.getByTestId('lower-hand').click();
    await lesson.getByTestId('raise-hand').waitFor();
    await lesson.getByTestId('raise-hand').click();
    await lesson.getByTestId('send-hand').click();
    await lesson.getByTestId('hand-raised').waitFor();
    await postAs(teacher, berth, `/api/classrooms/${room.id}/hands/${learnerId}`, undefined, 200, 'DELETE');
    await lesson.getByTestId('hand-raised').waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(
      await lesson.getByTestId('hand-resolved').innerText(),
      'Your instructor has answered your raised hand.',
    );
    // …and said once, politely, to a screen reader.
    assert.equal(
      await lesson.getByTestId('classroom-live').getByRole('status').innerText(),
      'Your instructor has answered your raised hand.',
    );
  });

  test('"Instructor is watching" follows a watcher; "Allow instructor to type" shows its state and sticks', async () => {
    const { learners } = await (
      await teacher.request.get(`${berth.baseUrl}/api/classrooms/${room.id}/progress`)
    ).json();
    const sandboxId = learners.find((l: { id: string }) => l.id === learnerId).sandboxId;
    assert.ok(sandboxId, 'the learner has a live sandbox');
    // The instructor's read-only view of the terminal, as the dashboard's watch page opens it.
    await teacherPage.evaluate(
      ({ id }) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(
            `${location.origin.replace('http', 'ws')}/ws/terminal?sandbox=${id}&node=node1&watch=1`,
          );
          Object.assign(window, { berthWatch: ws });
          ws.onopen = () => {
            ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
            resolve();
          };
          ws.onerror = () => reject(new Error('watch socket failed'));
        }),
      { id: sandboxId },
    );
    await lesson.getByTestId('instructor-watching').waitFor({ timeout: 5_000 });
    const toggle = lesson.getByTestId('allow-typing');
    assert.equal(await toggle.getAttribute('role'), 'switch');
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await toggle.click();
    await lesson.locator('[data-testid="allow-typing"][aria-checked="true"]').waitFor();
    // The server keeps it: a fresh page of the lesson shows it on, and still watched.
    await lesson.reload();
    await lesson.locator('[data-testid="allow-typing"][aria-checked="true"]').waitFor({ timeout: 60_000 });
    await lesson.getByTestId('instructor-watching').waitFor();
    await toggle.click();
    await lesson.locator('[data-testid="allow-typing"][aria-checked="false"]').waitFor();
    await teacherPage.evaluate(() => (window as unknown as { berthWatch: WebSocket }).berthWatch.close());
    await lesson.getByTestId('instructor-watching').waitFor({ state: 'detached', timeout: 5_000 });
  });

  test('the resume code signs the same learner in on a second device', async () => {
    const device = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await device.newPage();
    await page.goto(`${berth.baseUrl}/resume`);
    // Typed as a person might: lower case, in groups.
    await page.getByLabel('Resume code').fill(resumeCode.toLowerCase().replace(/(.{4})(?!$)/g, '$1 '));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`**/lessons/${LESSON}`);
    await page.getByTestId('classroom-live').waitFor();
    const me = await (await device.request.get(`${berth.baseUrl}/api/auth/me`)).json();
    assert.equal(me.user.id, learnerId);
    assert.equal(me.user.name, MARKUP_NAME);
    await device.close();
  });

  test('unhappy paths: a closed code, an unknown resume code, a full classroom; in Chinese too', async () => {
    await postAs(teacher, berth, `/api/classrooms/${room.id}`, { joinOpen: false }, 200, 'PATCH');
    const stranger = await browser.newContext();
    const page = await stranger.newPage();
    await page.goto(`${berth.baseUrl}/join/${room.joinCode}`);
    await page.getByLabel('Your display name').fill('Late');
    await page.getByRole('button', { name: 'Join the class' }).click();
    const error = page.getByTestId('join-error');
    await error.waitFor();
    assert.match(await error.innerText(), /No open classroom has this code/);
    assert.equal(await page.getByTestId('resume-code').count(), 0);

    await page.goto(`${berth.baseUrl}/resume`);
    await page.getByLabel('Resume code').fill('ABCD-EFGH-JKMN-PQRS');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('resume-error').waitFor();
    assert.match(await page.getByTestId('resume-error').innerText(), /unknown/);
    assert.equal((await stranger.request.get(`${berth.baseUrl}/api/auth/me`)).status(), 401);

    // A classroom with one seat, taken: the next learner hears it is full.
    const small = await postAs(
      teacher,
      berth,
      '/api/classrooms',
      { title: 'Tiny', lessonIds: [LESSON], learnerCap: 1 },
      201,
    );
    const first = await browser.newContext();
    await postAs(first, berth, '/api/classrooms/join', { code: small.joinCode, name: 'First' }, 201);
    await first.close();
    await page.goto(`${berth.baseUrl}/join/${small.joinCode}?lang=zh`);
    await page.getByRole('heading', { name: '加入你的班级' }).waitFor();
    await page.getByLabel('显示名称').fill('第二个');
    await page.getByRole('button', { name: '加入班级' }).click();
    await page.getByTestId('join-error').waitFor();
    assert.match(await page.getByTestId('join-error').innerText(), /这个班级已满/);
    await stranger.close();
  });
});
