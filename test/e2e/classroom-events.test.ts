import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { makeQuizCourse, quizRightAnswers } from '../../server/lessons/test-fixtures.ts';
import { type RunningBerth, startBerth } from '../support/berth-processes.ts';
import { createTestClassroom, joinAsLearner, signInInstructor } from '../support/classroom-people.ts';
import { type EventStream, openEventStream } from '../support/event-stream.ts';
import { waitUntil } from '../support/wait-until.ts';

// The classroom event stream through the real web server (server/main.ts hosting a production Next build,
// its own Redis and database), as the dashboard's EventSource reads it: events arrive as they are sent —
// nothing buffers them (compression, the route handler) — the 15 s ping comes, and a closed page
// unsubscribes on the server.
const LESSON = 'networking/demo';
const QUIZ = `${LESSON}/quiz`;

describe('the classroom event stream through the real web server', () => {
  let berth: RunningBerth;
  const streams: EventStream[] = [];

  before(async () => {
    process.env.BERTH_LESSONS_DIR = (await makeQuizCourse()).dir;
    berth = await startBerth();
    // The instructor is added straight to the web server's database, as `./berth instructors add` does.
    process.env.DATABASE_URL = berth.env.DATABASE_URL;
  });
  after(async () => {
    for (const s of streams) s.close();
    const { closeDb } = await import('../../server/db/client.ts');
    await closeDb();
    await berth?.stop();
  });

  test('a check reaches the instructor within 2 s, a broadcast the learner; pings; closing unsubscribes', async (t) => {
    const ada = await signInInstructor(berth, 'ada@example.test');
    const room = await createTestClassroom(berth, ada, [LESSON]);
    const lin = await joinAsLearner(berth, room.joinCode, 'Lin');
    const instructor = openEventStream(berth.baseUrl, `/api/classrooms/${room.id}/events`, ada);
    const learner = openEventStream(berth.baseUrl, `/api/classrooms/${room.id}/events`, lin.cookie);
    streams.push(instructor, learner);
    assert.equal(await instructor.status, 200);
    await Promise.all([instructor.ready, learner.ready]);

    const started = Date.now();
    const answered = await fetch(`${berth.baseUrl}/api/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: lin.cookie },
      body: JSON.stringify({ exerciseId: QUIZ, answers: quizRightAnswers }),
    });
    assert.equal(answered.status, 200);
    const e = await instructor.waitFor((ev) => ev.type === 'progress' && ev.learnerId === lin.id, 2000);
    t.diagnostic(`check → instructor's event: ${e.receivedAt - started} ms`);
    assert.ok(e.receivedAt - started <= 2000);
    assert.equal(e.type === 'progress' && e.cell.passed, true);

    const sent = await fetch(`${berth.baseUrl}/api/classrooms/${room.id}/broadcasts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ada },
      body: JSON.stringify({ message: 'Five minutes left' }),
    });
    assert.equal(sent.status, 201);
    const b = await learner.waitFor((ev) => ev.type === 'broadcast', 2000);
    assert.equal(b.type === 'broadcast' && b.message, 'Five minutes left');

    await waitUntil(() => instructor.comments.includes('ping'), 20_000);

    const redis = new Redis(berth.redis.url);
    try {
      const channel = `berth:classroom:${room.id}:events`;
      const subscribers = async () =>
        Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]);
      assert.equal(await subscribers(), 1, 'one subscription per web process, however many streams');
      instructor.close();
      learner.close();
      await waitUntil(async () => (await subscribers()) === 0, 5000);
    } finally {
      redis.disconnect();
    }
  });
});
