import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { makeQuizCourse, quizRightAnswers } from '../../server/lessons/test-fixtures.ts';
import { createTestClassroom, joinAsLearner, signInInstructor } from './classroom-people.ts';
import { type BareControlPlane, startBareControlPlane } from './control-plane-harness.ts';
import { type EventStream, openEventStream } from './event-stream.ts';
import { waitUntil } from './wait-until.ts';

// The live classroom over HTTP on the real control plane (route handlers on a real HTTP server, a migrated
// database, SQLite or PostgreSQL, real Redis for pub/sub): the event stream and who sees what on it, hands, broadcasts,
// attempt history and the live fields of the progress JSON; every route tried by the classroom's
// instructor, its learners, another class's instructor and learner, and a stranger. Progress comes from
// real check runs (a pure quiz answered through POST /api/answers). Terminal watching, which needs real
// sandboxes, is in test/integration/classroom-watch.test.ts.

const LESSON = 'networking/demo';
const QUIZ = 'networking/demo/quiz';
const RIGHT = quizRightAnswers;
const WRONG = { ...RIGHT, 'default-tag': 'x', 'layer-limit': '1' };

let cp: BareControlPlane;
const streams: EventStream[] = [];

function stream(path: string, cookie?: string): EventStream {
  const s = openEventStream(cp.baseUrl, path, cookie);
  streams.push(s);
  return s;
}

async function answer(cookie: string, answers: Record<string, unknown>) {
  const r = await cp.call('POST', '/api/answers', { cookie, body: { exerciseId: QUIZ, answers } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json;
}

/** The whole suite on the default SQLite database, or on the one `openDatabase` starts. */
export function classroomLiveSuite(
  openDatabase?: () => Promise<{ url: string; stop(): Promise<void> }>,
): void {
  let database: { url: string; stop(): Promise<void> } | undefined;
  let ada: string; // instructor of room A
  let grace: string; // instructor of room B
  let room: { id: string; joinCode: string };
  let lin: { cookie: string; id: string };
  let mo: { cookie: string; id: string };
  let zed: { cookie: string; id: string }; // a learner of room B
  let stranger: string; // a guest in no classroom
  let outsiders: Array<[string, string]>;
  let otherRoom: { id: string; joinCode: string };
  const other = () => otherRoom;

  before(async () => {
    database = await openDatabase?.();
    cp = await startBareControlPlane({
      ...(database ? { DATABASE_URL: database.url } : {}),
      BERTH_LESSONS_DIR: (await makeQuizCourse()).dir,
    });
    ada = await signInInstructor(cp, 'ada@example.test');
    grace = await signInInstructor(cp, 'grace@example.test');
    room = await createTestClassroom(cp, ada, [LESSON]);
    otherRoom = await createTestClassroom(cp, grace, [LESSON]);
    const other = otherRoom;
    lin = await joinAsLearner(cp, room.joinCode, 'Lin');
    mo = await joinAsLearner(cp, room.joinCode, 'Mo');
    zed = await joinAsLearner(cp, other.joinCode, 'Zed');
    stranger = await cp.signIn('Stranger');
    outsiders = [
      ['another instructor', grace],
      ["another class's learner", zed.cookie],
      ['a guest in no classroom', stranger],
    ];
  });
  after(async () => {
    for (const s of streams) s.close();
    await cp?.stop();
    await database?.stop();
  });

  test("a learner's check reaches the instructor's event stream within 2 s, as the progress JSON's cell", async () => {
    const instructor = stream(`/api/classrooms/${room.id}/events`, ada);
    const learner = stream(`/api/classrooms/${room.id}/events`, lin.cookie);
    assert.equal(await instructor.status, 200);
    await Promise.all([instructor.ready, learner.ready]);
    const started = Date.now();
    await answer(lin.cookie, WRONG);
    const event = await instructor.waitFor((e) => e.type === 'progress' && e.learnerId === lin.id, 2000);
    const elapsed = event.receivedAt - started;
    assert.ok(elapsed <= 2000, `${elapsed} ms`);
    assert.equal(event.type, 'progress');
    if (event.type !== 'progress') return;
    assert.equal(event.exerciseId, QUIZ);
    assert.deepEqual(event.cell, {
      passed: false,
      tasksPassed: 2,
      tasksTotal: 4,
      attempts: 1,
      firstPassedAt: null,
    });

    await answer(lin.cookie, RIGHT);
    const passed = await instructor.waitFor((e) => e.type === 'progress' && e.cell.passed, 2000);
    const progress = await cp.call('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
    const row = progress.json.learners.find((l: { id: string }) => l.id === lin.id);
    assert.deepEqual(
      passed.type === 'progress' && passed.cell,
      row.exercises[QUIZ],
      'the same cell as the grid',
    );
    assert.equal(row.exercises[QUIZ].attempts, 2);
    // A learner's stream carries nobody's progress, not even their own (their page has the check result).
    assert.equal(learner.events.filter((e) => e.type === 'progress').length, 0);
    assert.deepEqual(instructor.malformed, []);
  });

  test('the event stream: 404 to everyone but the classroom (another class too), 401 signed out', async () => {
    for (const [who, cookie] of outsiders)
      assert.equal(await stream(`/api/classrooms/${room.id}/events`, cookie).status, 404, who);
    assert.equal(await stream(`/api/classrooms/${room.id}/events`).status, 401);
    assert.equal(await stream('/api/classrooms/no-such-room/events', ada).status, 404);
    const mine = await fetch(`${cp.baseUrl}/api/classrooms/${room.id}/events`, { headers: { cookie: ada } });
    assert.match(mine.headers.get('content-type') ?? '', /^text\/event-stream/);
    await mine.body?.cancel();
  });

  test('a new learner shows up on the instructor stream', async () => {
    const instructor = stream(`/api/classrooms/${room.id}/events`, ada);
    await instructor.ready;
    const kim = await joinAsLearner(cp, room.joinCode, 'Kim');
    const e = await instructor.waitFor((ev) => ev.type === 'learner' && ev.learnerId === kim.id, 2000);
    assert.equal(e.type === 'learner' && e.name, 'Kim');
  });

  test('hands: a learner raises (message stored as typed) and lowers; the instructor sees the queue and resolves', async () => {
    const instructor = stream(`/api/classrooms/${room.id}/events`, ada);
    const linStream = stream(`/api/classrooms/${room.id}/events`, lin.cookie);
    const moStream = stream(`/api/classrooms/${room.id}/events`, mo.cookie);
    await Promise.all([instructor.ready, linStream.ready, moStream.ready]);
    const markup = '<img src=x onerror=alert(1)> stuck on <b>step 2</b>';
    const up = await cp.call('POST', `/api/classrooms/${room.id}/hand`, {
      cookie: lin.cookie,
      body: { message: markup },
    });
    assert.equal(up.status, 200, JSON.stringify(up.json));
    assert.deepEqual(up.json, { raised: true });
    const moUp = await cp.call('POST', `/api/classrooms/${room.id}/hand`, { cookie: mo.cookie, body: {} });
    assert.equal(moUp.status, 200);

    const seen = await instructor.waitFor((e) => e.type === 'hand' && e.learnerId === lin.id && e.raised);
    assert.equal(seen.type === 'hand' && seen.message, markup, 'stored and sent as typed');
    assert.equal(seen.type === 'hand' && seen.name, 'Lin');
    await linStream.waitFor((e) => e.type === 'hand' && e.learnerId === lin.id);
    await moStream.waitFor((e) => e.type === 'hand' && e.learnerId === mo.id);
    assert.ok(
      !moStream.events.some((e) => e.type === 'hand' && e.learnerId === lin.id),
      "a learner does not see another learner's hand",
    );

    const queue = await cp.call('GET', `/api/classrooms/${room.id}/hands`, { cookie: ada });
    assert.equal(queue.status, 200);
    assert.deepEqual(
      queue.json.hands.map((h: { learnerId: string; message: string | null; sandboxId: string | null }) => [
        h.learnerId,
        h.message,
        h.sandboxId,
      ]),
      [
        [lin.id, markup, null],
        [mo.id, null, null],
      ],
      'oldest first',
    );
    // Raising again replaces the message and keeps the place in the queue.
    await cp.call('POST', `/api/classrooms/${room.id}/hand`, {
      cookie: lin.cookie,
      body: { message: 'still' },
    });
    const again = await cp.call('GET', `/api/classrooms/${room.id}/hands`, { cookie: ada });
    assert.deepEqual(
      again.json.hands.map((h: { learnerId: string; message: string | null }) => [h.learnerId, h.message]),
      [
        [lin.id, 'still'],
        [mo.id, null],
      ],
    );
    const grid = await cp.call('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
    const flag = (id: string) => grid.json.learners.find((l: { id: string }) => l.id === id).handRaised;
    assert.equal(flag(lin.id), true);

    const down = await cp.call('DELETE', `/api/classrooms/${room.id}/hand`, { cookie: lin.cookie });
    assert.deepEqual([down.status, down.json], [200, { raised: false }]);
    await instructor.waitFor((e) => e.type === 'hand' && e.learnerId === lin.id && !e.raised);
    const resolved = await cp.call('DELETE', `/api/classrooms/${room.id}/hands/${mo.id}`, { cookie: ada });
    assert.equal(resolved.status, 200);
    await moStream.waitFor((e) => e.type === 'hand' && e.learnerId === mo.id && !e.raised);
    assert.deepEqual(
      (await cp.call('GET', `/api/classrooms/${room.id}/hands`, { cookie: ada })).json.hands,
      [],
    );
  });

  test('hands: everyone else gets 404; bad input 400/422', async () => {
    for (const [who, cookie] of outsiders) {
      const raise = await cp.call('POST', `/api/classrooms/${room.id}/hand`, { cookie, body: {} });
      assert.equal(raise.status, 404, who);
      assert.equal((await cp.call('DELETE', `/api/classrooms/${room.id}/hand`, { cookie })).status, 404, who);
      assert.equal((await cp.call('GET', `/api/classrooms/${room.id}/hands`, { cookie })).status, 404, who);
      const resolve = await cp.call('DELETE', `/api/classrooms/${room.id}/hands/${lin.id}`, { cookie });
      assert.equal(resolve.status, 404, who);
    }
    // The instructor is no learner of it; a learner is not its instructor.
    assert.equal(
      (await cp.call('POST', `/api/classrooms/${room.id}/hand`, { cookie: ada, body: {} })).status,
      404,
    );
    assert.equal(
      (await cp.call('GET', `/api/classrooms/${room.id}/hands`, { cookie: lin.cookie })).status,
      404,
    );
    const byLearner = await cp.call('DELETE', `/api/classrooms/${room.id}/hands/${mo.id}`, {
      cookie: lin.cookie,
    });
    assert.equal(byLearner.status, 404);
    // A learner of another class is no learner of this one, even to its instructor.
    assert.equal(
      (await cp.call('DELETE', `/api/classrooms/${room.id}/hands/${zed.id}`, { cookie: ada })).status,
      404,
    );
    assert.equal((await cp.call('POST', `/api/classrooms/${room.id}/hand`, { body: {} })).status, 401);

    const long = await cp.call('POST', `/api/classrooms/${room.id}/hand`, {
      cookie: lin.cookie,
      body: { message: 'x'.repeat(281) },
    });
    assert.equal(long.status, 422);
    const max = await cp.call('POST', `/api/classrooms/${room.id}/hand`, {
      cookie: lin.cookie,
      body: { message: 'x'.repeat(280) },
    });
    assert.equal(max.status, 200);
    const broken = await cp.call('POST', `/api/classrooms/${room.id}/hand`, {
      cookie: lin.cookie,
      raw: '{"message":',
    });
    assert.equal(broken.status, 400);
    assert.equal(broken.json.error.code, 'bad_request');
    const wrongType = await cp.call('POST', `/api/classrooms/${room.id}/hand`, {
      cookie: lin.cookie,
      body: { message: 7 },
    });
    assert.equal(wrongType.status, 422);
    await cp.call('DELETE', `/api/classrooms/${room.id}/hand`, { cookie: lin.cookie });
  });

  test('broadcasts reach every learner of the class and only them, and are kept (newest 20)', async () => {
    const linStream = stream(`/api/classrooms/${room.id}/events`, lin.cookie);
    const zedStream = stream(`/api/classrooms/${other().id}/events`, zed.cookie);
    await Promise.all([linStream.ready, zedStream.ready]);
    const text = '<script>alert(1)</script> Break until 10:40';
    const sent = await cp.call('POST', `/api/classrooms/${room.id}/broadcasts`, {
      cookie: ada,
      body: { message: text },
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    assert.equal(sent.json.message, text);
    const got = await linStream.waitFor((e) => e.type === 'broadcast', 2000);
    assert.deepEqual(got.type === 'broadcast' && { id: got.id, message: got.message, at: got.at }, sent.json);
    const kept = await cp.call('GET', `/api/classrooms/${room.id}/broadcasts`, { cookie: mo.cookie });
    assert.equal(kept.status, 200);
    assert.deepEqual(kept.json.broadcasts[0], sent.json, 'a page opened later shows it');

    for (let i = 1; i <= 21; i++)
      assert.equal(
        (
          await cp.call('POST', `/api/classrooms/${room.id}/broadcasts`, {
            cookie: ada,
            body: { message: `n${i}` },
          })
        ).status,
        201,
      );
    const recent = await cp.call('GET', `/api/classrooms/${room.id}/broadcasts`, { cookie: ada });
    assert.equal(recent.json.broadcasts.length, 20);
    assert.equal(recent.json.broadcasts[0].message, 'n21', 'newest first');
    assert.equal(recent.json.broadcasts[19].message, 'n2');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(
      zedStream.events.filter((e) => e.type === 'broadcast').length,
      0,
      'another class hears nothing',
    );

    for (const [who, cookie] of outsiders) {
      const post = await cp.call('POST', `/api/classrooms/${room.id}/broadcasts`, {
        cookie,
        body: { message: 'hi' },
      });
      assert.equal(post.status, 404, who);
      assert.equal(
        (await cp.call('GET', `/api/classrooms/${room.id}/broadcasts`, { cookie })).status,
        404,
        who,
      );
    }
    const byLearner = await cp.call('POST', `/api/classrooms/${room.id}/broadcasts`, {
      cookie: lin.cookie,
      body: { message: 'hi all' },
    });
    assert.equal(byLearner.status, 404);
    for (const message of ['', '   ', 'x'.repeat(501)]) {
      const bad = await cp.call('POST', `/api/classrooms/${room.id}/broadcasts`, {
        cookie: ada,
        body: { message },
      });
      assert.equal(bad.status, 422, JSON.stringify(message));
    }
    assert.equal(
      (
        await cp.call('POST', `/api/classrooms/${room.id}/broadcasts`, {
          cookie: ada,
          body: { message: 'x'.repeat(500) },
        })
      ).status,
      201,
    );
    const broken = await cp.call('POST', `/api/classrooms/${room.id}/broadcasts`, {
      cookie: ada,
      raw: 'message=hi',
    });
    assert.equal(broken.status, 400);
  });

  test("attempt history: one learner's runs newest first, to the instructor only", async () => {
    const r = await cp.call('GET', `/api/classrooms/${room.id}/learners/${lin.id}/attempts`, { cookie: ada });
    assert.equal(r.status, 200);
    const ours = r.json.attempts.filter((a: { exerciseId: string }) => a.exerciseId === QUIZ);
    assert.deepEqual(
      ours.map((a: { passed: boolean; tasksPassed: number; tasksTotal: number }) => [
        a.passed,
        a.tasksPassed,
        a.tasksTotal,
      ]),
      [
        [true, 4, 4],
        [false, 2, 4],
      ],
    );
    assert.ok(Date.parse(ours[0].at) >= Date.parse(ours[1].at));
    const path = `/api/classrooms/${room.id}/learners/${lin.id}/attempts`;
    for (const [who, cookie] of outsiders)
      assert.equal((await cp.call('GET', path, { cookie })).status, 404, who);
    assert.equal((await cp.call('GET', path, { cookie: lin.cookie })).status, 404, 'not even the learner');
    const otherLearner = await cp.call('GET', `/api/classrooms/${room.id}/learners/${zed.id}/attempts`, {
      cookie: ada,
    });
    assert.equal(otherLearner.status, 404);
    const grace404 = await cp.call('GET', `/api/classrooms/${other().id}/learners/${lin.id}/attempts`, {
      cookie: grace,
    });
    assert.equal(grace404.status, 404, "another instructor's classroom does not reach this learner");
  });

  test('progress JSON: lastActiveAt, stuck after 3 failed attempts without a pass, no sandbox = not idle', async () => {
    for (let i = 0; i < 3; i++) await answer(mo.cookie, WRONG);
    const r = await cp.call('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
    const row = (id: string) => r.json.learners.find((l: { id: string }) => l.id === id);
    assert.equal(row(mo.id).stuck, QUIZ);
    assert.equal(row(lin.id).stuck, null, 'Lin failed once and then passed');
    assert.ok(Date.now() - Date.parse(row(mo.id).lastActiveAt) < 60_000);
    for (const id of [lin.id, mo.id]) {
      assert.equal(row(id).idle, false);
      assert.equal(row(id).sandboxId, null);
      assert.equal(row(id).handRaised, false);
    }
    await answer(mo.cookie, RIGHT);
    const after = await cp.call('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
    assert.equal(
      after.json.learners.find((l: { id: string }) => l.id === mo.id).stuck,
      null,
      'a pass unsticks',
    );
  });

  test('closed streams leave no subscription behind; one per process however many are open', async () => {
    const redis = new Redis(cp.redis.url);
    const channel = `berth:classroom:${room.id}:events`;
    const subscribers = async () => Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]);
    try {
      for (const s of streams) s.close();
      await waitUntil(async () => (await subscribers()) === 0, 5000);
      const early = [1, 2, 3].map(() =>
        openEventStream(cp.baseUrl, `/api/classrooms/${room.id}/events`, ada),
      );
      await Promise.all(early.map((s) => s.status));
      for (const s of early) s.close(); // as soon as the response starts
      const late = [1, 2].map(() =>
        openEventStream(cp.baseUrl, `/api/classrooms/${room.id}/events`, lin.cookie),
      );
      await Promise.all(late.map((s) => s.ready));
      assert.equal(await subscribers(), 1, 'one subscription per process, however many streams');
      for (const s of late) s.close();
      await waitUntil(async () => (await subscribers()) === 0, 5000);
    } finally {
      redis.disconnect();
    }
  });
}
