import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { createTestClassroom, joinAsLearner, signInInstructor } from '../support/classroom-people.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';
import { type EventStream, openEventStream } from '../support/event-stream.ts';
import { terminalSession } from '../support/terminal-client.ts';
import { waitUntil } from '../support/wait-until.ts';

// Watching a learner's terminal, on the real control plane with a real agent and a real sandbox on the
// sandbox engine: the instructor of the learner's classroom gets the same output with replay, may type only
// while the learner allows it (revoking holds from the next keystroke), never resizes the learner's terminal,
// and the learner is told how many watch. Everyone else gets 404, on the websocket and on the typing route.
// Also: a real sandbox check reaches the instructor's event stream within 2 s, and the idle flag.

const LESSON = 'networking/container-links';
const EXERCISE = 'networking/container-links/ping-by-name';
const OTHER_QUIZ = 'concepts/images-and-containers/image-quiz';

let cp: ControlPlane;
const closers: Array<() => void> = [];

function watchSocket(cookie: string, sandboxId: string, watch = true): WebSocket {
  const query = `sandbox=${sandboxId}&node=node1${watch ? '&watch=1' : ''}`;
  const ws = new WebSocket(`${cp.baseUrl.replace('http', 'ws')}/ws/terminal?${query}`, {
    headers: { cookie },
  });
  closers.push(() => ws.readyState === WebSocket.OPEN && ws.close());
  return ws;
}

function stream(classroomId: string, cookie: string): EventStream {
  const s = openEventStream(cp.baseUrl, `/api/classrooms/${classroomId}/events`, cookie);
  closers.push(() => s.close());
  return s;
}

async function upgradeStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.once('open', () => resolve(101));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
}

describe('watching a learner terminal (real sandbox)', () => {
  let ada: string;
  let grace: string;
  let room: { id: string; joinCode: string };
  let lin: { cookie: string; id: string };
  let zed: { cookie: string; id: string };
  let stranger: string;
  let sandboxId: string;

  before(async () => {
    cp = await startControlPlane();
    ada = await signInInstructor(cp, 'ada@example.test');
    grace = await signInInstructor(cp, 'grace@example.test');
    room = await createTestClassroom(cp, ada, [LESSON]);
    const other = await createTestClassroom(cp, grace, [LESSON]);
    lin = await joinAsLearner(cp, room.joinCode, 'Lin');
    zed = await joinAsLearner(cp, other.joinCode, 'Zed');
    stranger = await cp.signIn('Stranger');
    const r = await cp.call('POST', '/api/sandboxes', { cookie: lin.cookie, body: { lessonId: LESSON } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    sandboxId = r.json.id;
    await waitForState(cp, lin.cookie, sandboxId, 'ready');
  });
  after(async () => {
    for (const close of closers) close();
    await cp.stop();
  });

  test('only the instructor of the learner’s classroom (and the owner) may watch; everyone else 404', async () => {
    for (const [who, cookie] of [
      ['another instructor', grace],
      ["another class's learner", zed.cookie],
      ['a guest', stranger],
    ] as const) {
      assert.equal(await upgradeStatus(watchSocket(cookie, sandboxId)), 404, who);
      assert.equal(await upgradeStatus(watchSocket(cookie, sandboxId, false)), 404, who);
    }
    assert.equal(await upgradeStatus(watchSocket(ada, sandboxId, false)), 404, 'the instructor only watches');
    assert.equal(await upgradeStatus(watchSocket(ada, 'sbx_nope')), 404);
    assert.equal(await upgradeStatus(watchSocket('berth_session=forged', sandboxId)), 401);
    const own = watchSocket(lin.cookie, sandboxId);
    assert.equal(await upgradeStatus(own), 101, 'the owner may open a read-only view of their own');
    own.close();
  });

  test("the instructor may look at the learner's sandbox state but not act on it; nobody else even looks", async () => {
    const look = await cp.call('GET', `/api/sandboxes/${sandboxId}`, { cookie: ada });
    assert.deepEqual([look.status, look.json.id, look.json.state], [200, sandboxId, 'ready']);
    const check = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie: ada,
      body: { exerciseId: EXERCISE },
    });
    assert.equal(check.status, 404);
    assert.equal(
      (await cp.call('GET', `/api/sandboxes/${sandboxId}/files?node=node1&path=/root`, { cookie: ada }))
        .status,
      404,
    );
    assert.equal((await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie: ada })).status, 404);
    for (const cookie of [grace, zed.cookie, stranger])
      assert.equal((await cp.call('GET', `/api/sandboxes/${sandboxId}`, { cookie })).status, 404);
    assert.equal(
      (await cp.call('GET', `/api/sandboxes/${sandboxId}`, { cookie: lin.cookie })).json.state,
      'ready',
    );
    const own = await cp.call('GET', `/api/sandboxes/${sandboxId}/files?node=node1&path=/root`, {
      cookie: lin.cookie,
    });
    assert.equal(own.status, 200, 'the same request is fine for the owner');
  });

  test('the typing permission: the owner only (404 for the instructor and everyone else), bad input rejected', async () => {
    const path = `/api/sandboxes/${sandboxId}/instructor-typing`;
    for (const cookie of [ada, grace, zed.cookie, stranger])
      assert.equal((await cp.call('PUT', path, { cookie, body: { allowed: true } })).status, 404);
    assert.equal((await cp.call('PUT', path, { body: { allowed: true } })).status, 401);
    assert.equal((await cp.call('PUT', path, { cookie: lin.cookie, raw: '{"allowed":' })).status, 400);
    assert.equal((await cp.call('PUT', path, { cookie: lin.cookie, body: { allowed: 'yes' } })).status, 422);
    assert.equal((await cp.call('PUT', path, { cookie: lin.cookie, body: {} })).status, 422);
  });

  test('read-only with replay; typing only while allowed, revoked at once; resizes ignored; the learner sees the watchers', async () => {
    const learnerEvents = stream(room.id, lin.cookie);
    const instructorEvents = stream(room.id, ada);
    await Promise.all([learnerEvents.ready, instructorEvents.ready]);

    const learner = terminalSession(cp.openTerminal(lin.cookie, sandboxId));
    closers.push(() => learner.ws.close());
    await learner.opened;
    learner.send({ type: 'hello', lastSeq: 0 });
    learner.send({ type: 'resize', cols: 100, rows: 30 });
    learner.send({ type: 'input', data: 'echo before-$((40+2))\r' });
    await learner.waitFor(/before-42/);

    const watcher = terminalSession(watchSocket(ada, sandboxId));
    await watcher.opened;
    watcher.send({ type: 'hello', lastSeq: 0 });
    await watcher.waitFor(/before-42/); // replayed
    const watched = await learnerEvents.waitFor((e) => e.type === 'watch' && e.watching === 1, 5000);
    assert.equal(watched.type === 'watch' && watched.sandboxId, sandboxId);
    await instructorEvents.waitFor((e) => e.type === 'watch' && e.learnerId === lin.id && e.watching === 1);

    // Read-only: the input is refused and never reaches the shell; a resize changes nothing.
    watcher.send({ type: 'resize', cols: 40, rows: 10 });
    watcher.send({ type: 'input', data: 'echo sneaky-$((1+1))\r' });
    await waitUntil(() => watcher.frames.some((f) => f.type === 'error' && f.code === 'read_only'));
    learner.send({ type: 'input', data: 'stty size; echo live-$((2+2))\r' });
    await watcher.waitFor(/live-4/); // the learner's output reaches the watcher live
    assert.match(learner.text(), /30 100/, "the learner's size wins");
    assert.doesNotMatch(learner.text(), /sneaky-2/);

    // Allowed: the instructor types into the learner's shell, both see it.
    const allow = await cp.call('PUT', `/api/sandboxes/${sandboxId}/instructor-typing`, {
      cookie: lin.cookie,
      body: { allowed: true },
    });
    assert.deepEqual([allow.status, allow.json], [200, { allowed: true }]);
    await instructorEvents.waitFor((e) => e.type === 'typing' && e.allowed && e.sandboxId === sandboxId);
    await learnerEvents.waitFor((e) => e.type === 'typing' && e.allowed);
    watcher.send({ type: 'input', data: 'echo helped-$((2+3))\r' });
    await learner.waitFor(/helped-5/);
    await watcher.waitFor(/helped-5/);

    // Revoked: the very next keystroke is refused.
    const refusedBefore = watcher.frames.filter((f) => f.code === 'read_only').length;
    const revoke = await cp.call('PUT', `/api/sandboxes/${sandboxId}/instructor-typing`, {
      cookie: lin.cookie,
      body: { allowed: false },
    });
    assert.deepEqual(revoke.json, { allowed: false });
    watcher.send({ type: 'input', data: 'echo late-$((3+4))\r' });
    await waitUntil(() => watcher.frames.filter((f) => f.code === 'read_only').length > refusedBefore);
    learner.send({ type: 'input', data: 'echo end-$((4+5))\r' });
    await learner.waitFor(/end-9/);
    assert.doesNotMatch(learner.text(), /late-7/);

    // A learner page opened now starts with the present state; the count drops when the watcher leaves.
    const later = stream(room.id, lin.cookie);
    await later.ready;
    assert.ok(later.events.some((e) => e.type === 'watch' && e.watching === 1));
    assert.ok(later.events.some((e) => e.type === 'typing' && !e.allowed));
    watcher.ws.close();
    await learnerEvents.waitFor((e) => e.type === 'watch' && e.watching === 0, 5000);
  });

  test('the live fields follow the sandbox: sandboxId, idle after 5 minutes without input, active again on input', async () => {
    const { db } = await import('../../server/db/client.ts');
    const row = async () => {
      const r = await cp.call('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
      return r.json.learners.find((l: { id: string }) => l.id === lin.id);
    };
    assert.equal((await row()).sandboxId, sandboxId);
    assert.equal((await row()).idle, false);
    // Six minutes without input or check: as if the last keystroke was then.
    await db().sandbox.update({
      where: { id: sandboxId },
      data: { lastActiveAt: new Date(Date.now() - 6 * 60_000) },
    });
    assert.equal((await row()).idle, true);
    const t = terminalSession(cp.openTerminal(lin.cookie, sandboxId));
    closers.push(() => t.ws.close());
    await t.opened;
    t.send({ type: 'hello', lastSeq: 0 });
    t.send({ type: 'input', data: 'echo back-$((5+5))\r' });
    await t.waitFor(/back-10/);
    await waitUntil(async () => (await row()).idle === false);
  });

  test("a check in the learner's sandbox reaches the instructor's stream within 2 s", async (t) => {
    const events = stream(room.id, ada);
    await events.ready;
    // An exercise outside the classroom's lessons is no column of its grid: no event for it.
    const elsewhere = await cp.call('POST', '/api/answers', {
      cookie: lin.cookie,
      body: { exerciseId: OTHER_QUIZ, answers: { 'image-holds': ['program-files'] } },
    });
    assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.json));
    const started = Date.now();
    const r = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie: lin.cookie,
      body: { exerciseId: EXERCISE },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const checked = Date.now();
    const e = await events.waitFor((ev) => ev.type === 'progress' && ev.exerciseId === EXERCISE, 2000);
    t.diagnostic(`check took ${checked - started} ms; event ${e.receivedAt - checked} ms after the answer`);
    assert.ok(e.receivedAt - checked <= 2000);
    assert.equal(e.type === 'progress' && e.cell.passed, false);
    assert.equal(e.type === 'progress' && e.cell.attempts, 1);
    // Published in order on one connection: had the quiz been published, it would have come first.
    assert.ok(!events.events.some((ev) => ev.type === 'progress' && ev.exerciseId === OTHER_QUIZ));
  });

  test('a replaced sandbox starts read-only again, whatever the old one allowed', async () => {
    const allow = await cp.call('PUT', `/api/sandboxes/${sandboxId}/instructor-typing`, {
      cookie: lin.cookie,
      body: { allowed: true },
    });
    assert.equal(allow.status, 200);
    assert.equal(
      (await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie: lin.cookie })).status,
      200,
    );
    const fresh = await cp.call('POST', '/api/sandboxes', { cookie: lin.cookie, body: { lessonId: LESSON } });
    assert.equal(fresh.status, 201, JSON.stringify(fresh.json));
    await waitForState(cp, lin.cookie, fresh.json.id, 'ready');
    const events = stream(room.id, lin.cookie);
    await events.ready;
    const typing = events.events.find((e) => e.type === 'typing');
    assert.deepEqual(typing, {
      type: 'typing',
      learnerId: lin.id,
      sandboxId: fresh.json.id,
      allowed: false,
      receivedAt: typing?.receivedAt,
    });
    const watcher = terminalSession(watchSocket(ada, fresh.json.id));
    await watcher.opened;
    watcher.send({ type: 'hello', lastSeq: 0 });
    watcher.send({ type: 'input', data: 'echo nope\r' });
    await waitUntil(() => watcher.frames.some((f) => f.type === 'error' && f.code === 'read_only'));
    const old = terminalSession(watchSocket(ada, sandboxId));
    await old.opened;
    await waitUntil(() => old.frames.some((f) => f.type === 'error' && f.code === 'not_found'));
    assert.ok(!old.frames.some((f) => f.type === 'data'), 'the stopped sandbox shows nothing');
  });
});
