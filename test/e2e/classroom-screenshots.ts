// Screenshots of the instructor's classroom pages for a human to look at (not a test), on a real Berth with a
// seeded classroom: six learners, real check runs (quizzes answered right and wrong, a run-hello passed in a
// real sandbox through the lesson page's terminal, another failed), a raised hand and a broadcast. The
// dashboard (en and zh), its dialogs and the watch page, at desktop (1440) and phone (390) widths.
// Usage: NEXT_TELEMETRY_DISABLED=1 npx tsx test/e2e/classroom-screenshots.ts [outDir=/tmp/shots-classroom]
// With SHOTS_KEEP=1 Berth keeps running afterwards (until Ctrl-C) and <outDir>/berth.json holds its env and
// the classroom, so a `next dev` on another port with that env can show the same class while CSS is tuned.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startBerth } from '../support/berth-processes.ts';
import { launchChromium } from '../support/browser.ts';
import { instructorWithClassroom, joinAs, passRunHello, postAs } from '../support/classroom-browser.ts';
import { waitForTerminal } from '../support/terminal-page.ts';

const outDir = process.argv[2] ?? '/tmp/shots-classroom';
const LESSONS = ['concepts/images-and-containers', 'concepts/registries-and-tags'];
const IMAGE_QUIZ = 'concepts/images-and-containers/image-quiz';
const NAMES_QUIZ = 'concepts/registries-and-tags/names-quiz';

const imageQuiz = (right: number) => ({
  'image-holds': right > 0 ? ['program-files', 'start-settings'] : ['program-files', 'running-processes'],
  'shared-layers': right > 1 ? ['missing-layers'] : ['every-layer'],
  'settings-layers': right > 2 ? '0' : '1',
});
const namesQuiz = (right: boolean) => ({
  'full-name': right ? 'docker.io/library/nginx:latest' : 'nginx',
  'which-tag': ['tag'],
  'other-registry': right ? ['localhost-busybox', 'ghcr-tool'] : ['bitnami-redis'],
  'latest-means': right ? ['default-name'] : ['newest'],
});

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(file);
}

const berth = await startBerth();
const browser = await launchChromium();
try {
  await mkdir(outDir, { recursive: true });
  const teacher = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const room = await instructorWithClassroom(teacher, berth, 'ada@example.test', LESSONS, {
    title: 'Docker 101 · Tuesday',
  });
  const learners: { name: string; ctx: BrowserContext; id: string }[] = [];
  for (const name of ['Grace Hopper', 'Lin 林', 'Kai', 'Mo', 'Ana María', 'Sam']) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    learners.push({ name, ctx, id: await joinAs(ctx, berth, room.joinCode, name) });
  }
  const answer = (i: number, exerciseId: string, answers: unknown) =>
    postAs(learners[i]!.ctx, berth, '/api/answers', { exerciseId, answers }, 200);
  await answer(0, IMAGE_QUIZ, imageQuiz(3));
  for (const [i, right] of [
    [1, 1],
    [1, 2],
    [2, 0],
    [2, 1],
    [2, 1],
    [3, 3],
    [4, 2],
    [5, 0],
    [5, 0],
    [5, 1],
  ] as const)
    await answer(i, IMAGE_QUIZ, imageQuiz(right));
  await answer(0, NAMES_QUIZ, namesQuiz(true));
  await answer(3, NAMES_QUIZ, namesQuiz(false));
  await answer(4, NAMES_QUIZ, namesQuiz(false));

  // Grace passes run-hello in the real terminal; Kai checks it with nothing done.
  await passRunHello(learners[0]!.ctx, berth);
  const kai = await postAs(learners[2]!.ctx, berth, '/api/sandboxes', { lessonId: LESSONS[0] }, 201);
  for (let i = 0; i < 60; i++) {
    const r = await learners[2]!.ctx.request.get(`${berth.baseUrl}/api/sandboxes/${kai.id}`);
    if ((await r.json()).state === 'ready') break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await postAs(
    learners[2]!.ctx,
    berth,
    `/api/sandboxes/${kai.id}/checks`,
    { exerciseId: `${LESSONS[0]}/run-hello` },
    200,
  );

  await postAs(
    learners[5]!.ctx,
    berth,
    `/api/classrooms/${room.id}/hand`,
    { message: 'My quiz says 0 of 3 — what is a layer?' },
    200,
  );
  await postAs(learners[0]!.ctx, berth, `/api/classrooms/${room.id}/hand`, {}, 200);
  await postAs(
    teacher,
    berth,
    `/api/classrooms/${room.id}/broadcasts`,
    { message: 'Break until 10:15 — then chapter 2.' },
    201,
  );

  for (const [size, viewport] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const page = await teacher.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${berth.baseUrl}/classrooms/${room.id}`);
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
    await shot(page, `dashboard-${size}`);
    await shot(page, `dashboard-full-${size}`, true);
    await page.getByTestId(`learner-${learners[1]!.id}`).click();
    await page.getByTestId('attempt-history').locator('tbody tr').first().waitFor();
    await shot(page, `history-${size}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('show-to-class').click();
    await shot(page, `projector-${size}`);
    await page.keyboard.press('Escape');
    await page.goto(`${berth.baseUrl}/classrooms/${room.id}?lang=zh`);
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
    await shot(page, `dashboard-zh-full-${size}`, true);
    await page.goto(`${berth.baseUrl}/classrooms/${room.id}/watch/${learners[0]!.id}?lang=en`);
    await waitForTerminal(page, /Hello, Berth/, 30_000);
    await shot(page, `watch-${size}`);
    await page.close();
  }
  const closed = await teacher.newPage();
  await closed.goto(`${berth.baseUrl}/classrooms/${room.id}`);
  await closed.getByTestId('toggle-joining').click();
  await closed.locator('[data-testid="join-state"]', { hasText: 'closed' }).waitFor();
  await shot(closed, 'dashboard-joining-closed-desktop');
  if (process.env.SHOTS_KEEP === '1') {
    await writeFile(
      path.join(outDir, 'berth.json'),
      JSON.stringify({ env: berth.env, room, learners: learners.map((l) => l.id) }),
    );
    console.log(`kept running at ${berth.baseUrl}; Ctrl-C ends it`);
    await new Promise((resolve) => process.once('SIGINT', resolve));
  }
} finally {
  await browser.close();
  await berth.stop();
}
