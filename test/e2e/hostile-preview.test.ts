import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runBerth } from '../support/berth-cli.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { launchChromium } from '../support/browser.ts';
import { typeLine, waitForTerminal } from '../support/terminal-page.ts';

// A learner's sandbox serves a hostile page (busybox httpd, published with -p) whose script, at one click on it,
// tries to use the viewer's Berth session: open the learner's terminal websocket (and its watch mode),
// create/replace/delete through the API with credentials: 'include' (simple requests the browser sends
// with the SameSite=Lax cookie, since the preview origin is another port of the same host), and read
// document.cookie. Opened by the learner, then by the instructor of the learner's classroom: every attempt
// must fail, the page reports what it saw, Berth's answers are recorded from the network, and both
// people's own Berth pages keep working. A learner of no classroom of theirs gets 404 for the preview.

const LESSON = 'networking/container-links';
const LESSON_PATH = `/lessons/${LESSON}`;
const PASSWORD = 'hostile preview test password';

interface Attempt {
  method: string;
  url: string;
  status: number;
  /** Whether the browser attached the Berth session cookie. */
  sentSession: boolean;
}

/** The page the learner's container serves: every attempt's outcome lands in #report as JSON. */
function hostilePage(berth: string, sandboxId: string, classroomId: string): string {
  const script = `
const BERTH = ${JSON.stringify(berth)}, SBX = ${JSON.stringify(sandboxId)}, ROOM = ${JSON.stringify(classroomId)};
const LESSON = ${JSON.stringify(LESSON)};
function socket(path) {
  return new Promise((resolve) => {
    let opened = false;
    const ws = new WebSocket(BERTH.replace('http', 'ws') + path);
    ws.onopen = () => { opened = true; ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 })); ws.send(JSON.stringify({ type: 'input', data: 'touch /root/pwned\\r' })); };
    ws.onmessage = (m) => { resolve('received:' + String(m.data).slice(0, 60)); ws.close(); };
    ws.onclose = (e) => resolve((opened ? 'opened then closed:' : 'refused:') + e.code);
    setTimeout(() => resolve('timeout'), 8000);
  });
}
async function call(method, path, body, mode) {
  try {
    const r = await fetch(BERTH + path, { method, mode: mode || 'cors', credentials: 'include',
      headers: body ? { 'content-type': 'text/plain' } : undefined, body: body ? JSON.stringify(body) : undefined });
    return r.type === 'opaque' ? 'opaque' : 'status:' + r.status + ':' + (await r.text()).slice(0, 80);
  } catch (e) { return 'blocked:' + e.name; }
}
document.getElementById('go').onclick = async () => {
  const r = {};
  r.terminal = await socket('/ws/terminal?sandbox=' + SBX + '&node=node1');
  r.watch = await socket('/ws/terminal?sandbox=' + SBX + '&node=node1&watch=1');
  r.readMe = await call('GET', '/api/auth/me');
  r.deleteSandbox = await call('DELETE', '/api/sandboxes/' + SBX);
  r.replaceSandbox = await call('POST', '/api/sandboxes', { lessonId: 'concepts/images-and-containers', onLive: 'replace' }, 'no-cors');
  r.createClassroom = await call('POST', '/api/classrooms', { title: 'planted', lessonIds: [LESSON] }, 'no-cors');
  r.archiveClassroom = await call('PATCH', '/api/classrooms/' + ROOM, { archived: true });
  r.writeFile = await call('POST', '/api/sandboxes/' + SBX + '/checks', { exerciseId: LESSON + '/ping-by-name' }, 'no-cors');
  r.cookies = document.cookie;
  document.getElementById('report').textContent = JSON.stringify(r);
};
`;
  return `<!doctype html><meta charset="utf-8"><title>totally harmless</title><h1>hostile-preview</h1><button id="go">Show me</button><pre id="report"></pre><script>${script}</script>\n`;
}

async function addInstructor(env: NodeJS.ProcessEnv, email: string): Promise<void> {
  const r = await runBerth(['instructors', 'add', email, '--password-stdin'], { env, stdin: PASSWORD });
  assert.equal(r.code, 0, r.out);
}

/** fetch() from inside a Berth page (its own origin, its own cookie). */
function api(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ([method, path, body]) => {
      const r = await fetch(path as string, {
        method: method as string,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, json: await r.json().catch(() => null) };
    },
    [method, path, body] as const,
  );
}

/** Opens a preview tab and waits for its report; records Berth's answers to the page's requests. */
async function runHostilePage(context: BrowserContext, open: () => Promise<unknown>, berth: string) {
  const attempts: Attempt[] = [];
  const tabPromise = context.waitForEvent('page');
  await open();
  const tab = await tabPromise;
  // The browser's own view of each request (DevTools protocol): what it sent — cookies, Origin — and
  // what Berth answered, including for opaque responses the page cannot read.
  const cdp = await context.newCDPSession(tab);
  const requests = new Map<string, Attempt>();
  // Extra-info events may come before or after the request's own event: kept apart, joined at the end.
  const cookies = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith(berth)) return;
    const a = {
      method: e.request.method,
      url: e.request.url.slice(berth.length),
      status: 0,
      sentSession: false,
    };
    requests.set(e.requestId, a);
    attempts.push(a);
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    cookies.set(e.requestId, String(e.headers.Cookie ?? e.headers.cookie ?? ''));
  });
  cdp.on('Network.responseReceived', (e) => {
    const a = requests.get(e.requestId);
    if (a) a.status = e.response.status;
  });
  await cdp.send('Network.enable');
  // The page acts when its button is clicked (as a viewer would, lured), once the recording is on.
  await tab.locator('#go').click();
  await tab.waitForFunction(() => document.getElementById('report')?.textContent, undefined, {
    timeout: 60_000,
  });
  const report = JSON.parse((await tab.locator('#report').textContent()) ?? '{}') as Record<string, string>;
  for (const [id, a] of requests) a.sentSession = (cookies.get(id) ?? '').includes('berth_session=');
  return { tab, report, attempts };
}

function assertAllRefused(
  report: Record<string, string>,
  attempts: Attempt[],
  t: { diagnostic(s: string): void },
): void {
  for (const [k, v] of Object.entries(report)) t.diagnostic(`${k}: ${v}`);
  for (const a of attempts)
    t.diagnostic(
      `${a.method} ${a.url} ${a.sentSession ? 'with' : 'without'} the session cookie → ${a.status || 'no answer for the page (CORS)'}`,
    );
  assert.match(report.terminal!, /^refused:/, 'the terminal websocket never opens');
  assert.match(report.watch!, /^refused:/, 'nor its watch mode');
  for (const k of ['readMe', 'deleteSandbox', 'archiveClassroom'])
    assert.match(report[k]!, /^blocked:TypeError$/, `${k}: the page reads no answer`);
  for (const k of ['replaceSandbox', 'createClassroom', 'writeFile']) assert.equal(report[k], 'opaque', k);
  assert.doesNotMatch(report.cookies!, /berth_session|berth_preview/, 'no Berth secret in document.cookie');
  // What reached Berth (the DELETE and PATCH die in their CORS preflight): the three simple POSTs, which the
  // browser sends with the session cookie (same site) — and 403, which only the Origin check gives a
  // learner's POST /api/sandboxes (api-route.ts runs it before it looks at the session).
  const sent = attempts.filter((a) => a.method === 'POST');
  assert.deepEqual(
    sent.map((a) => a.url.replace(/sbx_[0-9a-f]+/, 'SBX')).sort(),
    ['/api/classrooms', '/api/sandboxes', '/api/sandboxes/SBX/checks'],
    JSON.stringify(attempts),
  );
  for (const a of sent) {
    assert.ok(a.sentSession, `${a.url}: the browser sent the session along`);
    assert.equal(a.status, 403, `${a.method} ${a.url}`);
  }
}

describe('a hostile page in a learner’s preview gets nothing of Berth', () => {
  let berth: RunningBerth;
  let chromium: Browser;
  let learner: BrowserContext;
  let instructor: BrowserContext;
  let stranger: BrowserContext;
  let learnerPage: Page;
  let teacherPage: Page;
  let sandboxId: string;
  let classroomId: string;

  before(async () => {
    berth = await startBerth();
    chromium = await launchChromium();
    [learner, instructor, stranger] = await Promise.all([
      chromium.newContext(),
      chromium.newContext(),
      chromium.newContext(),
    ]);
    await addInstructor(berth.env, 'teacher@example.test');
    teacherPage = await instructor.newPage();
    await teacherPage.goto(berth.baseUrl);
    const login = await api(teacherPage, 'POST', '/api/auth/login', {
      email: 'teacher@example.test',
      password: PASSWORD,
    });
    assert.equal(login.status, 200);
    const room = await api(teacherPage, 'POST', '/api/classrooms', {
      title: 'Docker 101',
      lessonIds: [LESSON],
    });
    assert.equal(room.status, 201);
    classroomId = room.json.id;

    learnerPage = await learner.newPage();
    await learnerPage.goto(berth.baseUrl);
    const joined = await api(learnerPage, 'POST', '/api/classrooms/join', {
      code: room.json.joinCode,
      name: 'Lin',
    });
    assert.equal(joined.status, 201);
    await learnerPage.goto(`${berth.baseUrl}${LESSON_PATH}`);
    await waitForTerminal(learnerPage, /root@node1:~#/, 120_000);
    sandboxId = (await api(learnerPage, 'POST', '/api/sandboxes', { lessonId: LESSON })).json.id;
    const written = await api(learnerPage, 'PUT', `/api/sandboxes/${sandboxId}/files`, {
      node: 'node1',
      path: '/root/hostile/index.html',
      content: hostilePage(berth.baseUrl, sandboxId, classroomId),
    });
    assert.equal(written.status, 200, JSON.stringify(written.json));
    await typeLine(
      learnerPage,
      'docker run -d --name hostile -p 8080:80 -v /root/hostile:/www busybox httpd -f -p 80 -h /www',
    );
    await learnerPage.locator('[data-testid="port-link-node1-8080"]').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await chromium?.close();
    await berth?.stop();
  });

  test('opened by the learner: on the preview origin, every attempt is refused', async (t) => {
    const { tab, report, attempts } = await runHostilePage(
      learner,
      () => learnerPage.locator('[data-testid="port-link-node1-8080"]').click(),
      berth.baseUrl,
    );
    assert.equal(new URL(tab.url()).origin, berth.previewBaseUrl, 'another origin than Berth’s');
    assert.equal(await tab.locator('h1').innerText(), 'hostile-preview');
    assert.equal(await tab.evaluate(() => window.opener), null, 'no handle on the lesson page');
    assertAllRefused(report, attempts, t);
    await tab.close();
  });

  test('the learner’s own Berth page still works: same sandbox, terminal and API', async () => {
    const again = await api(learnerPage, 'GET', `/api/sandboxes/${sandboxId}`);
    assert.equal(again.status, 200);
    assert.equal(again.json.state, 'ready', 'not deleted, not replaced');
    await typeLine(learnerPage, 'clear; ls /root/pwned 2>&1 | head -1; echo own-page-$((40+2))');
    await waitForTerminal(learnerPage, /No such file or directory[\s\S]*own-page-42/);
  });

  test('opened by the instructor of the learner’s classroom: shown to them, and refused the same', async (t) => {
    const ticket = await api(teacherPage, 'POST', `/api/sandboxes/${sandboxId}/previews`, {
      node: 'node1',
      port: 8080,
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.json));
    const { tab, report, attempts } = await runHostilePage(
      instructor,
      () => teacherPage.evaluate((url) => window.open(url, '_blank', 'noopener'), ticket.json.url),
      berth.baseUrl,
    );
    assert.equal(await tab.locator('h1').innerText(), 'hostile-preview');
    assertAllRefused(report, attempts, t);
    const rooms = await api(teacherPage, 'GET', '/api/classrooms');
    assert.deepEqual(
      rooms.json.classrooms.map((c: { title: string; archived: boolean }) => [c.title, c.archived]),
      [['Docker 101', false]],
      'nothing planted, nothing archived',
    );
    assert.equal((await api(learnerPage, 'GET', `/api/sandboxes/${sandboxId}`)).json.state, 'ready');
    await tab.close();
  });

  test('a learner of no classroom of the instructor’s gets 404 for the preview, with or without the link', async () => {
    const page = await stranger.newPage();
    await page.goto(berth.baseUrl);
    const guest = await api(page, 'POST', '/api/auth/guest', { name: 'Eve' });
    assert.equal(guest.status, 201);
    assert.equal(
      (await api(page, 'POST', `/api/sandboxes/${sandboxId}/previews`, { node: 'node1', port: 8080 })).status,
      404,
    );
    assert.equal((await api(page, 'GET', `/api/sandboxes/${sandboxId}/ports`)).status, 404);
    const direct = await page.goto(`${berth.previewBaseUrl}/preview/${sandboxId}/node1/8080/`);
    assert.equal(direct?.status(), 404);
    assert.doesNotMatch(await page.content(), /hostile-preview/);
    // Berth's own origin serves no preview any more, to anyone.
    const old = await page.goto(`${berth.baseUrl}/preview/${sandboxId}/node1/8080/`);
    assert.equal(old?.status(), 404);
  });
});
