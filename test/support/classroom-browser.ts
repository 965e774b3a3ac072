import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { runBerth } from './berth-cli.ts';
import type { RunningBerth } from './berth-processes.ts';
import { typeLine, waitForTerminal } from './terminal-page.ts';

// The people of a classroom in real browser contexts on a running Berth (startBerth): an instructor added
// by the real CLI and signed in through POST /api/auth/login, and learners who join by code. Each context's
// API calls share its cookie jar, so its pages are signed in as that person.
export const INSTRUCTOR_PASSWORD = 'correct horse battery staple';

export async function addInstructorCli(berth: RunningBerth, email: string): Promise<void> {
  const r = await runBerth(['instructors', 'add', email, '--password-stdin'], {
    env: berth.env,
    stdin: `${INSTRUCTOR_PASSWORD}\n`,
  });
  assert.equal(r.code, 0, r.out);
}

/** POST `path` as the context's person; asserts the status, returns the JSON answer. */
export async function postAs(
  ctx: BrowserContext,
  berth: RunningBerth,
  path: string,
  data: unknown,
  status: number,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' = 'POST',
): Promise<any> {
  const r = await ctx.request.fetch(`${berth.baseUrl}${path}`, { method, data });
  assert.equal(r.status(), status, `${method} ${path}: ${await r.text()}`);
  return r.status() === 204 ? {} : r.json();
}

/** Signs the instructor in (through the /signin page with `page`, else the API) and creates a classroom of
 * `lessonIds`. */
export async function instructorWithClassroom(
  ctx: BrowserContext,
  berth: RunningBerth,
  email: string,
  lessonIds: string[],
  opts: { title?: string; page?: Page } = {},
): Promise<{ id: string; joinCode: string }> {
  await addInstructorCli(berth, email);
  if (opts.page) {
    await opts.page.goto(`${berth.baseUrl}/signin?next=/classrooms`);
    await opts.page.locator('input[name="email"]').fill(email);
    await opts.page.locator('input[name="password"]').fill(INSTRUCTOR_PASSWORD);
    await opts.page.locator('[data-testid="signin-form"] button[type="submit"]').click();
    await opts.page.waitForURL((url) => url.pathname === '/classrooms');
  } else await postAs(ctx, berth, '/api/auth/login', { email, password: INSTRUCTOR_PASSWORD }, 200);
  return postAs(ctx, berth, '/api/classrooms', { title: opts.title ?? 'Docker 101', lessonIds }, 201);
}

/** A learner joins by code in `ctx`; returns their user id. */
export async function joinAs(
  ctx: BrowserContext,
  berth: RunningBerth,
  code: string,
  name: string,
): Promise<string> {
  const r = await postAs(ctx, berth, '/api/classrooms/join', { code, name }, 201);
  return r.user.id;
}

/** The canonical concepts/images-and-containers/run-hello, done as a learner does it: the lesson page's real
 * terminal, then Check. `first` runs once the shell is up, before the solution (e.g. a check that fails).
 * Resolves with the page once its result shows passed. */
export const RUN_HELLO = 'concepts/images-and-containers/run-hello';

export async function passRunHello(
  ctx: BrowserContext,
  berth: RunningBerth,
  first?: (lesson: Page) => Promise<void>,
): Promise<Page> {
  const lesson = await ctx.newPage();
  await lesson.goto(`${berth.baseUrl}/lessons/concepts/images-and-containers`);
  await waitForTerminal(lesson, /root@node1:~#/, 90_000);
  await first?.(lesson);
  await typeLine(lesson, "docker run --name hello busybox echo 'Hello, Berth'");
  await waitForTerminal(lesson, /Hello, Berth[\s\S]*#\s*$/);
  await checkRunHello(lesson, true);
  return lesson;
}

/** Presses run-hello's Check and waits for a result that passed (or not). */
export async function checkRunHello(lesson: Page, passed: boolean): Promise<void> {
  await lesson.getByTestId(`check-${RUN_HELLO}`).click();
  await lesson
    .locator(`[data-testid="check-result-${RUN_HELLO}"][data-passed="${passed}"]`)
    .waitFor({ timeout: 60_000 });
}
