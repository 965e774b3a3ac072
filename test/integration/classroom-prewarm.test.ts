import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestClassroom, joinAsLearner, signInInstructor } from '../support/classroom-people.ts';
import { type ControlPlane, startControlPlane } from '../support/control-plane-harness.ts';

const LESSON = 'networking/container-links';

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Pre-warm for a class and the classroom's sandbox time limit, through the HTTP API on a real agent.
describe('classroom pre-warm and sandbox time limit', () => {
  let cp: ControlPlane;
  before(async () => {
    // No general warm pool: every warm sandbox here is the class's.
    cp = await startControlPlane({ BERTH_WARM_POOL_SIZE: '0', BERTH_SANDBOX_TTL_MINUTES: '60' });
  });
  after(async () => cp?.stop());

  test('the time limit is validated against the host, applied to learners, and only its instructor sees it', async () => {
    const instructor = await signInInstructor(cp, 'limits@example.org');
    const tooLong = await cp.call('POST', '/api/classrooms', {
      cookie: instructor,
      body: { title: 'Long', lessonIds: [LESSON], sandboxMinutes: 61 },
    });
    assert.equal(tooLong.status, 422, JSON.stringify(tooLong.json));
    assert.match(tooLong.json.error.message, /at most 60/);
    const made = await cp.call('POST', '/api/classrooms', {
      cookie: instructor,
      body: { title: 'Short', lessonIds: [LESSON], sandboxMinutes: 45 },
    });
    assert.equal(made.status, 201);
    const id = made.json.id;
    assert.equal(
      (await cp.call('GET', `/api/classrooms/${id}`, { cookie: instructor })).json.sandboxMinutes,
      45,
    );
    const patchTooLong = await cp.call('PATCH', `/api/classrooms/${id}`, {
      cookie: instructor,
      body: { sandboxMinutes: 500 },
    });
    assert.equal(patchTooLong.status, 422);
    const zero = await cp.call('PATCH', `/api/classrooms/${id}`, {
      cookie: instructor,
      body: { sandboxMinutes: 0 },
    });
    assert.equal(zero.status, 422);
    const patched = await cp.call('PATCH', `/api/classrooms/${id}`, {
      cookie: instructor,
      body: { sandboxMinutes: 20 },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.json.sandboxMinutes, 20);

    const learner = await joinAsLearner(cp, made.json.joinCode, 'Tess Timer');
    const t0 = Date.now();
    const started = await cp.call('POST', '/api/sandboxes', {
      cookie: learner.cookie,
      body: { lessonId: LESSON },
    });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const ttl = Date.parse(started.json.expiresAt) - t0;
    assert.ok(ttl > 19 * 60_000 && ttl <= 20 * 60_000 + 5000, `the class's 20 minutes, got ${ttl} ms`);
    await cp.call('DELETE', `/api/sandboxes/${started.json.id}`, { cookie: learner.cookie });

    // Cleared: the host's limit again.
    const cleared = await cp.call('PATCH', `/api/classrooms/${id}`, {
      cookie: instructor,
      body: { sandboxMinutes: null },
    });
    assert.equal(cleared.json.sandboxMinutes, null);
  });

  test('an instructor pre-warms N sandboxes, sees them come up, and only the class claims them', async () => {
    const instructor = await signInInstructor(cp, 'warm@example.org');
    const stranger = await signInInstructor(cp, 'stranger@example.org');
    const { id, joinCode } = await createTestClassroom(cp, instructor, [LESSON]);
    const learner = await joinAsLearner(cp, joinCode, 'Wendy Warm');

    // Only the classroom's instructor: everyone else meets the same 404 as for no classroom at all.
    for (const cookie of [stranger, learner.cookie]) {
      assert.equal((await cp.call('GET', `/api/classrooms/${id}/prewarm`, { cookie })).status, 404);
      assert.equal(
        (await cp.call('POST', `/api/classrooms/${id}/prewarm`, { cookie, body: { count: 3 } })).status,
        404,
      );
    }
    assert.equal(
      (await cp.call('POST', `/api/classrooms/${id}/prewarm`, { cookie: instructor, body: { count: -1 } }))
        .status,
      422,
    );

    const asked = await cp.call('POST', `/api/classrooms/${id}/prewarm`, {
      cookie: instructor,
      body: { count: 2 },
    });
    assert.equal(asked.status, 200, JSON.stringify(asked.json));
    assert.equal(asked.json.requested, 2);
    // The dashboard sees them come up: starting, then ready.
    const seen = new Set<string>();
    await until('2 ready', async () => {
      const s = (await cp.call('GET', `/api/classrooms/${id}/prewarm`, { cookie: instructor })).json;
      if (s.starting > 0) seen.add('starting');
      return s.ready === 2 && s.starting === 0 ? s : undefined;
    });
    assert.ok(seen.has('starting'), 'they were seen starting');
    const { db } = await import('../../server/db/client.ts');
    const held = (await db().sandbox.findMany({ where: { prewarmClassroomId: id } })).map((s) => s.id);
    assert.equal(held.length, 2);

    // Someone outside the class starts a sandbox for the same lesson: a cold start, not the class's.
    const guest = await cp.signIn('Outside Olga');
    const outside = await cp.call('POST', '/api/sandboxes', { cookie: guest, body: { lessonId: LESSON } });
    assert.equal(outside.status, 201);
    assert.ok(!held.includes(outside.json.id), "a guest never gets the class's sandbox");
    assert.equal(outside.json.state, 'starting');
    // Its page asks with waitMs: the answer comes when it is ready, not on a later poll.
    const bad = await cp.call('GET', `/api/sandboxes/${outside.json.id}?waitMs=soon`, { cookie: guest });
    assert.equal(bad.status, 422);
    const w0 = Date.now();
    const waited = await cp.call('GET', `/api/sandboxes/${outside.json.id}?waitMs=20000`, { cookie: guest });
    assert.equal(waited.json.state, 'ready', JSON.stringify(waited.json));
    assert.ok(Date.now() - w0 < 20_000);
    const r0 = Date.now();
    await cp.call('GET', `/api/sandboxes/${outside.json.id}?waitMs=20000`, { cookie: guest });
    assert.ok(Date.now() - r0 < 2000, 'a ready sandbox is answered at once');
    await cp.call('DELETE', `/api/sandboxes/${outside.json.id}`, { cookie: guest });

    // A learner of the class claims one at once: ready, theirs, with the host's time limit.
    const t0 = Date.now();
    const claimed = await cp.call('POST', '/api/sandboxes', {
      cookie: learner.cookie,
      body: { lessonId: LESSON },
    });
    assert.equal(claimed.status, 201);
    assert.ok(held.includes(claimed.json.id), 'the learner got a pre-warmed sandbox');
    assert.equal(claimed.json.state, 'ready');
    assert.ok(Math.abs(Date.parse(claimed.json.expiresAt) - t0 - 60 * 60_000) < 10_000);
    const ws = cp.openTerminal(learner.cookie, claimed.json.id);
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 })));
      ws.on('message', (m) => {
        const f = JSON.parse(m.toString());
        if (f.type === 'data') resolve(f.data);
        if (f.type === 'error') reject(new Error(f.message));
      });
    });
    assert.ok(first.length > 0, 'its terminal answers');
    ws.close();

    const status = (await cp.call('GET', `/api/classrooms/${id}/prewarm`, { cookie: instructor })).json;
    assert.deepEqual(status, { requested: 2, ready: 1, starting: 0, claimed: 1 });
    // A claim is not replaced: the class asked for two, and has two.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(
      (await cp.call('GET', `/api/classrooms/${id}/prewarm`, { cookie: instructor })).json.starting,
      0,
    );

    // Released: the one still held stops; the learner's stays theirs.
    const released = await cp.call('POST', `/api/classrooms/${id}/prewarm`, {
      cookie: instructor,
      body: { count: 0 },
    });
    assert.equal(released.json.requested, 0);
    await until('the held one to stop', async () => {
      const s = (await cp.call('GET', `/api/classrooms/${id}/prewarm`, { cookie: instructor })).json;
      return s.ready === 0 && s.starting === 0 ? s : undefined;
    });
    const mine = await cp.call('GET', `/api/sandboxes/${claimed.json.id}`, { cookie: learner.cookie });
    assert.equal(mine.json.state, 'ready');
    await cp.call('DELETE', `/api/sandboxes/${claimed.json.id}`, { cookie: learner.cookie });
  });
});
