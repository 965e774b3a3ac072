import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CODE_ALPHABET, JOIN_CODE_LENGTH, RESUME_CODE_LENGTH } from '../../contract/classrooms.ts';
import { createDbClient } from '../../server/db/client.ts';
import {
  makeFixtureCourse,
  quizExercisesYaml,
  quizLessonProse,
  validLessonYaml,
} from '../../server/lessons/test-fixtures.ts';
import { runBerth } from './berth-cli.ts';
import { type BareControlPlane, startBareControlPlane } from './control-plane-harness.ts';
import { type Reply, requestFrom } from './request-from.ts';

// Instructors and classrooms end to end on the real control plane (route handlers on a real HTTP server, a
// migrated database, SQLite or PostgreSQL, real Redis for the rate limits), with instructors added by the
// real CLI and progress from real check runs (a pure quiz answered through POST /api/answers). Requests come from
// different loopback addresses (127.0.0.x) so the per-address limits are tested as per address.

const LESSON = 'networking/demo';
const QUIZ = 'networking/demo/quiz';
const FIRST = 'networking/demo/first';
const PASSWORD = 'correct horse battery staple';

let cp: BareControlPlane;

/** A request from a chosen loopback address (test/support/request-from.ts). */
function send(method: string, path: string, opts: { body?: unknown; cookie?: string; from?: string } = {}) {
  return requestFrom(cp.baseUrl, method, path, opts);
}

function addInstructor(email: string, password: string | undefined): Promise<{ code: number; out: string }> {
  const flag = password === undefined ? [] : ['--password-stdin'];
  return runBerth(['instructors', 'add', email, ...flag], {
    stdin: password === undefined ? '' : `${password}\n`,
  });
}

async function login(email: string, password: string, from?: string): Promise<Reply> {
  return send('POST', '/api/auth/login', { body: { email, password }, from });
}

async function instructorCookie(email: string): Promise<string> {
  const r = await login(email, PASSWORD, '127.0.0.9');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.cookie);
  return r.cookie;
}

async function createClassroom(cookie: string, body: Record<string, unknown> = {}) {
  const r = await send('POST', '/api/classrooms', {
    cookie,
    body: { title: 'Docker 101', lessonIds: [LESSON], ...body },
  });
  assert.equal(r.status, 201, r.text);
  return r.json as { id: string; joinCode: string };
}

/** The whole suite on the default SQLite database, or on the one `openDatabase` starts. */
export function classroomSuite(openDatabase?: () => Promise<{ url: string; stop(): Promise<void> }>): void {
  let database: { url: string; stop(): Promise<void> } | undefined;
  before(async () => {
    const course = await makeFixtureCourse();
    await course.writeLesson({ 'lesson.yaml': validLessonYaml + quizExercisesYaml, ...quizLessonProse });
    database = await openDatabase?.();
    cp = await startBareControlPlane({
      ...(database ? { DATABASE_URL: database.url } : {}),
      BERTH_LESSONS_DIR: course.dir,
      BERTH_LOGIN_PER_ADDRESS: '6',
      BERTH_LOGIN_FAILURES_PER_ACCOUNT: '3',
      BERTH_JOINS_PER_ADDRESS: '5',
      // Classroom-only: the guest sign-in is refused (tested below).
      BERTH_GUEST_SIGN_IN: 'false',
    });
    for (const email of ['ada@example.test', 'grace@example.test', 'locked@example.test']) {
      const r = await addInstructor(email, PASSWORD);
      assert.equal(r.code, 0, r.out);
    }
  });

  after(async () => {
    await cp?.stop();
    await database?.stop();
  });

  describe('instructor accounts', () => {
    // Without --password-stdin the CLI prints a setup link instead (test/integration/instructor-setup.test.ts).
    test('the CLI refuses a short password from stdin', async () => {
      const short = await addInstructor('x@example.test', 'short');
      assert.notEqual(short.code, 0);
      assert.match(short.out, /at least 12 characters/);
      const db = createDbClient(process.env.DATABASE_URL!);
      try {
        assert.equal(await db.user.count({ where: { email: 'x@example.test' } }), 0);
        const ada = await db.user.findUniqueOrThrow({ where: { email: 'ada@example.test' } });
        assert.equal(ada.role, 'instructor');
        assert.match(ada.passwordHash ?? '', /^\$argon2id\$/, 'stored as an argon2id hash, never in clear');
      } finally {
        await db.$disconnect();
      }
    });

    test('sign-in: the right pair → an instructor session; a wrong one and an unknown email → the same 401', async () => {
      const ok = await login('Ada@Example.test', PASSWORD, '127.0.0.2');
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.user.role, 'instructor');
      const me = await send('GET', '/api/auth/me', { cookie: ok.cookie });
      assert.equal(me.json.user.role, 'instructor');

      const wrong = await login('ada@example.test', 'not the password', '127.0.0.2');
      const unknown = await login('nobody@example.test', PASSWORD, '127.0.0.2');
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual(wrong.json, unknown.json, 'nothing tells a known email from an unknown one');
      assert.equal(wrong.cookie, undefined);
    });

    test('sign-ins are limited per account (failures) and per address (every attempt): 429', async () => {
      const from = '127.0.0.3';
      for (let i = 0; i < 3; i++)
        assert.equal((await login('locked@example.test', 'guess', from)).status, 401);
      // The account's failure budget is spent: even the right password is refused, from any address.
      assert.equal((await login('locked@example.test', PASSWORD, from)).status, 429);
      assert.equal((await login('locked@example.test', PASSWORD, '127.0.0.4')).status, 429);
      // Another account from the same address still works until the address's budget (6 attempts) is spent.
      assert.equal((await login('grace@example.test', PASSWORD, from)).status, 200);
      assert.equal((await login('grace@example.test', PASSWORD, from)).status, 200);
      const limited = await login('grace@example.test', PASSWORD, from);
      assert.equal(limited.status, 429);
      assert.equal(limited.json.error.code, 'rate_limited');
      // …and only for that address.
      assert.equal((await login('grace@example.test', PASSWORD, '127.0.0.5')).status, 200);
    });

    test('signing out ends the session on the server, not only in the browser', async () => {
      const r = await login('grace@example.test', PASSWORD, '127.0.0.7');
      assert.equal(r.status, 200);
      const out = await send('POST', '/api/auth/logout', { cookie: r.cookie });
      assert.equal(out.status, 204);
      assert.match(out.cookie ?? '', /^berth_session=$/);
      assert.equal((await send('GET', '/api/auth/me', { cookie: r.cookie })).status, 401);
    });

    test('an instructor session expires', async () => {
      const r = await login('grace@example.test', PASSWORD, '127.0.0.6');
      assert.equal(r.status, 200);
      assert.match(r.text, /instructor/);
      const db = createDbClient(process.env.DATABASE_URL!);
      try {
        const sessions = await db.session.findMany({ where: { user: { email: 'grace@example.test' } } });
        // BERTH_INSTRUCTOR_SESSION_HOURS (12 by default), not a learner's 30 days.
        for (const s of sessions) assert.ok(s.expiresAt.getTime() - Date.now() <= 12 * 3600_000 + 5000);
        await db.session.updateMany({
          where: { user: { email: 'grace@example.test' } },
          data: { expiresAt: new Date(Date.now() - 1000) },
        });
      } finally {
        await db.$disconnect();
      }
      assert.equal((await send('GET', '/api/auth/me', { cookie: r.cookie })).status, 401);
    });
  });

  test('classroom-only: guest sign-in is refused with a hint to join by code', async () => {
    const r = await send('POST', '/api/auth/guest', { body: { name: 'Guest' } });
    assert.equal(r.status, 403);
    assert.match(r.json.error.message, /join with the code/);
    assert.equal(r.cookie, undefined);
  });

  describe('classrooms', () => {
    let ada: string;
    let grace: string;
    before(async () => {
      ada = await instructorCookie('ada@example.test');
      grace = await instructorCookie('grace@example.test');
    });

    test('only instructors create classrooms, for lessons of the course; join codes avoid look-alikes', async () => {
      assert.equal(
        (await send('POST', '/api/classrooms', { body: { title: 't', lessonIds: [LESSON] } })).status,
        401,
      );
      const room = await createClassroom(ada);
      const learner = await send('POST', '/api/classrooms/join', {
        body: { code: room.joinCode, name: 'Pat' },
        from: '127.0.0.25',
      });
      const byGuest = await send('POST', '/api/classrooms', {
        cookie: learner.cookie,
        body: { title: 't', lessonIds: [LESSON] },
      });
      assert.equal(byGuest.status, 403);
      const bad = await send('POST', '/api/classrooms', {
        cookie: ada,
        body: { title: 't', lessonIds: ['networking/no-such-lesson'] },
      });
      assert.equal(bad.status, 422);
      assert.match(bad.json.error.message, /no-such-lesson/);

      const codes = new Set<string>();
      for (let i = 0; i < 3; i++) codes.add((await createClassroom(ada)).joinCode);
      assert.equal(codes.size, 3);
      for (const code of codes) assert.match(code, new RegExp(`^[${CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`));
      assert.doesNotMatch([...codes].join(''), /[01OIL]/);
    });

    test('learners join with a code and a name, pass a quiz, and the instructor sees progress as JSON and CSV', async () => {
      const room = await createClassroom(ada);
      const formula = '=HYPERLINK("http://x","y")';
      const join = await send('POST', '/api/classrooms/join', {
        body: { code: room.joinCode.toLowerCase().replace(/(.{5})/, '$1-'), name: 'Lin' },
        from: '127.0.0.20',
      });
      assert.equal(join.status, 201, join.text);
      assert.equal(join.json.classroomId, room.id);
      assert.match(join.json.resumeCode, new RegExp(`^[${CODE_ALPHABET}]{${RESUME_CODE_LENGTH}}$`));
      const lin = join.cookie!;
      const evil = await send('POST', '/api/classrooms/join', {
        body: { code: room.joinCode, name: formula },
        from: '127.0.0.20',
      });
      assert.equal(evil.status, 201, evil.text);

      // Lin answers the quiz wrong (two of four tasks right), then right.
      const half = {
        'writable-layer': ['container-layer'],
        'read-only': ['base', 'added'],
        'default-tag': 'x',
        'layer-limit': '1',
      };
      const r1 = await send('POST', '/api/answers', {
        cookie: lin,
        body: { exerciseId: QUIZ, answers: half },
      });
      assert.equal(r1.status, 200, r1.text);
      assert.equal(r1.json.passed, false);
      const all = { ...half, 'default-tag': 'LATEST', 'layer-limit': '127' };
      const r2 = await send('POST', '/api/answers', {
        cookie: lin,
        body: { exerciseId: QUIZ, answers: all },
      });
      assert.equal(r2.json.passed, true, r2.text);

      const progress = await send('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
      assert.equal(progress.status, 200, progress.text);
      const [first, second] = progress.json.learners;
      assert.equal(progress.json.learners.length, 2);
      assert.equal(first.name, 'Lin');
      assert.deepEqual(Object.keys(first.exercises).sort(), [FIRST, 'networking/demo/live', QUIZ]);
      assert.equal(first.exercises[QUIZ].passed, true);
      assert.equal(first.exercises[QUIZ].tasksPassed, 4);
      assert.equal(first.exercises[QUIZ].tasksTotal, 4);
      assert.equal(first.exercises[QUIZ].attempts, 2);
      assert.deepEqual(
        { ...first.exercises[FIRST], firstPassedAt: undefined },
        { passed: false, tasksPassed: 0, tasksTotal: 2, attempts: 0, firstPassedAt: undefined },
      );
      assert.equal(second.name, formula, 'the name is data, returned as typed');
      assert.equal(second.exercises[QUIZ].attempts, 0);

      const csv = await send('GET', `/api/classrooms/${room.id}/progress.csv`, { cookie: ada });
      assert.equal(csv.status, 200);
      const lines = csv.text.trimEnd().split('\r\n');
      assert.equal(lines.length, 1 + 2 * 3, 'a header, then one row per learner and exercise');
      assert.match(lines[0]!, /"tasks_passed".*"first_passed_at".*"attempts"/);
      const linQuiz = lines.find((l) => l.includes('"Lin"') && l.includes(QUIZ))!;
      assert.match(linQuiz, /"true","4","4","\d{4}-\d\d-\d\dT[^"]+","2"$/);
      const evilRows = lines.filter((l) => l.includes('HYPERLINK'));
      assert.equal(evilRows.length, 3);
      for (const row of evilRows) assert.ok(row.includes(`"'=HYPERLINK(""http://x"",""y"")"`), row);
      for (const row of lines)
        for (const cell of row.split('","')) assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+\-@]/);

      // Another instructor, a learner, and nobody all get 404.
      for (const cookie of [grace, lin, undefined]) {
        const status = (await send('GET', `/api/classrooms/${room.id}/progress`, { cookie })).status;
        assert.equal(status, cookie ? 404 : 401);
        assert.equal(
          (await send('GET', `/api/classrooms/${room.id}/progress.csv`, { cookie })).status,
          cookie ? 404 : 401,
        );
      }
    });

    test('display names are validated', async () => {
      const room = await createClassroom(ada);
      for (const name of ['', '   ', 'a\u0000b', 'evil\u202Egnp.exe', 'x'.repeat(41)]) {
        const r = await send('POST', '/api/classrooms/join', {
          body: { code: room.joinCode, name },
          from: '127.0.0.21',
        });
        assert.equal(r.status, 422, `${JSON.stringify(name)}: ${r.text}`);
      }
    });

    test('a resume code signs the same learner in again on another device', async () => {
      const room = await createClassroom(ada);
      const join = await send('POST', '/api/classrooms/join', {
        body: { code: room.joinCode, name: 'Mo' },
        from: '127.0.0.22',
      });
      const other = await send('POST', '/api/classrooms/resume', {
        body: { resumeCode: join.json.resumeCode },
        from: '127.0.0.23',
      });
      assert.equal(other.status, 200, other.text);
      assert.notEqual(other.cookie, join.cookie);
      assert.equal(
        (await send('GET', '/api/auth/me', { cookie: other.cookie })).json.user.id,
        join.json.user.id,
      );
      const wrong = await send('POST', '/api/classrooms/resume', {
        body: { resumeCode: 'A'.repeat(RESUME_CODE_LENGTH) },
        from: '127.0.0.23',
      });
      assert.equal(wrong.status, 404);
    });

    test('closing joining keeps learners and progress; archiving ends resumes; others cannot close it', async () => {
      const room = await createClassroom(ada);
      const join = await send('POST', '/api/classrooms/join', {
        body: { code: room.joinCode, name: 'Kai' },
        from: '127.0.0.24',
      });
      const quiz = {
        'writable-layer': ['container-layer'],
        'read-only': ['base', 'added'],
        'default-tag': 'latest',
        'layer-limit': '127',
      };
      await send('POST', '/api/answers', { cookie: join.cookie, body: { exerciseId: QUIZ, answers: quiz } });

      assert.equal(
        (await send('PATCH', `/api/classrooms/${room.id}`, { cookie: grace, body: { joinOpen: false } }))
          .status,
        404,
      );
      const closed = await send('PATCH', `/api/classrooms/${room.id}`, {
        cookie: ada,
        body: { joinOpen: false },
      });
      assert.equal(closed.status, 200, closed.text);
      assert.equal(closed.json.joinOpen, false);
      const late = await send('POST', '/api/classrooms/join', {
        body: { code: room.joinCode, name: 'Late' },
        from: '127.0.0.24',
      });
      assert.equal(late.status, 404);
      // The learner can still come back, and their progress is all there.
      const back = await send('POST', '/api/classrooms/resume', {
        body: { resumeCode: join.json.resumeCode },
        from: '127.0.0.24',
      });
      assert.equal(back.status, 200);
      const progress = await send('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
      assert.equal(progress.json.learners.length, 1);
      assert.equal(progress.json.learners[0].exercises[QUIZ].passed, true);

      const archived = await send('PATCH', `/api/classrooms/${room.id}`, {
        cookie: ada,
        body: { archived: true },
      });
      assert.equal(archived.json.archived, true);
      assert.equal(
        (await send('PATCH', `/api/classrooms/${room.id}`, { cookie: ada, body: { joinOpen: true } })).status,
        409,
      );
      const resume = await send('POST', '/api/classrooms/resume', {
        body: { resumeCode: join.json.resumeCode },
        from: '127.0.0.24',
      });
      assert.equal(resume.status, 404);
      const kept = await send('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
      assert.equal(kept.json.learners[0].exercises[QUIZ].passed, true, 'archiving deletes no progress');
      const list = await send('GET', '/api/classrooms', { cookie: ada });
      assert.ok(
        list.json.classrooms.some((c: { id: string; archived: boolean }) => c.id === room.id && c.archived),
      );
    });

    test('a learner cap holds, also when learners join at once', async () => {
      const room = await createClassroom(ada, { learnerCap: 3 });
      const joins = await Promise.all(
        ['127.0.0.30', '127.0.0.31', '127.0.0.32', '127.0.0.33', '127.0.0.34'].map((from, i) =>
          send('POST', '/api/classrooms/join', { body: { code: room.joinCode, name: `L${i}` }, from }),
        ),
      );
      const statuses = joins.map((j) => j.status).sort();
      assert.deepEqual(statuses, [201, 201, 201, 409, 409]);
      assert.match(joins.find((j) => j.status === 409)!.json.error.message, /full/);
      const progress = await send('GET', `/api/classrooms/${room.id}/progress`, { cookie: ada });
      assert.equal(progress.json.learners.length, 3);
    });

    test('joins are limited per address (guessing codes gets 429), other addresses unaffected', async () => {
      const room = await createClassroom(ada);
      const from = '127.0.0.40';
      for (let i = 0; i < 5; i++) {
        const guess = await send('POST', '/api/classrooms/join', {
          body: { code: 'ABCDEFGHJK', name: 'g' },
          from,
        });
        assert.equal(guess.status, 404);
      }
      const limited = await send('POST', '/api/classrooms/join', {
        body: { code: room.joinCode, name: 'g' },
        from,
      });
      assert.equal(limited.status, 429, 'even the right code once the budget is spent');
      const elsewhere = await send('POST', '/api/classrooms/join', {
        body: { code: room.joinCode, name: 'g' },
        from: '127.0.0.41',
      });
      assert.equal(elsewhere.status, 201);
    });
  });
}
