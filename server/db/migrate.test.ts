import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  POSTGRES_BIN,
  postgresAvailable,
  type RunningPostgres,
  startPostgres,
} from '../../test/support/postgres.ts';
import { closeDb, createDbClient, databaseUrl, db, Prisma, type PrismaClient } from './client.ts';
import { migrateDatabase } from './migrate.ts';
import { migrationsDirFor, type Provider } from './provider-schema.ts';

// Real databases only: a SQLite file in a temp dir and a PostgreSQL 15 cluster
// started for this file. Needs the generated clients (npm run db:generate).

async function committedMigrations(provider: Provider): Promise<string[]> {
  const entries = await readdir(migrationsDirFor(provider), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Same checks for both providers: migrate, migrate again, then every model through the client. */
function databaseSuite(provider: Provider, open: () => Promise<{ url: string; stop(): Promise<void> }>) {
  let database: { url: string; stop(): Promise<void> };
  let client: PrismaClient;

  before(async () => {
    database = await open();
  });
  after(async () => {
    await client?.$disconnect();
    await database?.stop();
  });

  test('deploy applies every committed migration to a fresh database', async () => {
    const expected = await committedMigrations(provider);
    assert.ok(expected.length > 0, `no migrations committed in ${migrationsDirFor(provider)}`);
    assert.deepEqual(await migrateDatabase(database.url), { applied: expected });
  });

  test('deploy is idempotent', async () => {
    assert.deepEqual(await migrateDatabase(database.url), { applied: [] });
  });

  test('every model can be written and read back', async () => {
    client = createDbClient(database.url);
    const user = await client.user.create({ data: { name: 'Ada' } });
    assert.equal(user.role, 'learner');
    assert.match(user.id, /^c[a-z0-9]{20,}$/, 'cuid id');
    assert.ok(user.createdAt instanceof Date);

    const tokenHash = createHash('sha256').update(randomBytes(32)).digest('hex');
    const expiresAt = new Date(Date.now() + 3600_000);
    await client.session.create({ data: { tokenHash, userId: user.id, expiresAt } });
    const session = await client.session.findUnique({ where: { tokenHash }, include: { user: true } });
    assert.equal(session?.user.name, 'Ada');
    assert.equal(session?.expiresAt.getTime(), expiresAt.getTime(), 'millisecond precision survives');
    await assert.rejects(
      client.session.create({ data: { tokenHash, userId: user.id, expiresAt } }),
      (err) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002',
      'tokenHash is unique, reported as P2002 on both providers',
    );

    const sandbox = await client.sandbox.create({
      data: {
        id: `sbx_${randomBytes(6).toString('hex')}`,
        userId: user.id,
        lessonId: 'networking/container-links',
        agentId: 'local',
        state: 'starting',
        nodes: JSON.stringify(['node1', 'node2']),
        expiresAt,
      },
    });
    assert.equal(sandbox.failureReason, null);
    assert.equal(sandbox.instructorTyping, false, 'a new sandbox lets no instructor type');
    const ready = await client.sandbox.update({ where: { id: sandbox.id }, data: { state: 'ready' } });
    assert.ok(ready.updatedAt.getTime() >= sandbox.updatedAt.getTime());
    const live = await client.sandbox.findMany({ where: { userId: user.id, state: 'ready' } });
    assert.deepEqual(
      live.map((s) => JSON.parse(s.nodes)),
      [['node1', 'node2']],
    );

    const tasks = [{ id: 'ping', title: 'Ping by name', passed: true, message: 'ok' }];
    await client.checkRun.create({
      data: {
        userId: user.id,
        sandboxId: sandbox.id,
        exerciseId: 'networking/container-links/ping',
        passed: true,
        tasks: JSON.stringify(tasks),
      },
    });
    // History outlives the sandbox: sandboxId is a plain column, not a foreign key.
    await client.sandbox.delete({ where: { id: sandbox.id } });
    const runs = await client.checkRun.findMany({
      where: { userId: user.id, exerciseId: 'networking/container-links/ping' },
    });
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.sandboxId, sandbox.id);
    assert.equal(runs[0]?.passed, true);
    assert.deepEqual(JSON.parse(runs[0]?.tasks ?? ''), tasks);

    // Classrooms: the seat-taking conditional update (server/classrooms/join-classroom.ts) and a learner
    // whose classroom goes keeping their row and history (SET NULL).
    const instructor = await client.user.create({
      data: { name: 'Grace', role: 'instructor', email: 'grace@example.test', passwordHash: '$argon2id$x' },
    });
    const room = await client.classroom.create({
      data: {
        title: 'Docker 101',
        instructorId: instructor.id,
        lessonIds: '[]',
        joinCode: 'ABCDEFGHJK',
        learnerCap: 1,
      },
    });
    const takeSeat = () =>
      client.classroom.updateMany({
        where: { id: room.id, joinOpen: true, archivedAt: null, learnerCount: { lt: 1 } },
        data: { learnerCount: { increment: 1 } },
      });
    assert.equal((await takeSeat()).count, 1);
    assert.equal((await takeSeat()).count, 0, 'the cap holds');
    const learner = await client.user.create({
      data: { name: 'Lin', classroomId: room.id, resumeCodeHash: 'h' },
    });
    await client.checkRun.create({
      data: { userId: learner.id, exerciseId: 'a/b/c', passed: true, tasks: '[]' },
    });
    // The live classroom: a raised hand per learner (one at most), broadcasts kept; both go with the room.
    await client.raisedHand.create({
      data: { learnerId: learner.id, classroomId: room.id, message: '<b>?</b>' },
    });
    await assert.rejects(
      client.raisedHand.create({ data: { learnerId: learner.id, classroomId: room.id } }),
      (err) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002',
    );
    await client.broadcast.create({ data: { classroomId: room.id, message: 'Break' } });
    assert.equal(
      (await client.raisedHand.findUniqueOrThrow({ where: { learnerId: learner.id } })).message,
      '<b>?</b>',
    );
    await client.classroom.delete({ where: { id: room.id } });
    assert.equal(await client.raisedHand.count(), 0);
    assert.equal(await client.broadcast.count(), 0);
    const orphan = await client.user.findUniqueOrThrow({ where: { id: learner.id } });
    assert.equal(orphan.classroomId, null);
    assert.equal(await client.checkRun.count({ where: { userId: learner.id } }), 1);
    await client.user.deleteMany({ where: { id: { in: [instructor.id, learner.id] } } });

    // Deleting a user removes what hangs off it.
    await client.user.delete({ where: { id: user.id } });
    assert.equal(await client.session.count(), 0);
    assert.equal(await client.checkRun.count(), 0);
  });
}

describe('SQLite', () => {
  databaseSuite('sqlite', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-sqlite-'));
    // A directory that does not exist yet, like a first run's BERTH_HOME.
    return {
      url: `file:${path.join(dir, 'home', 'berth.db')}`,
      stop: () => rm(dir, { recursive: true, force: true }),
    };
  });
});

describe('PostgreSQL 15', {
  skip: postgresAvailable() ? false : `${POSTGRES_BIN}/initdb not found (apt-get install postgresql)`,
}, () => {
  databaseSuite('postgresql', (): Promise<RunningPostgres> => startPostgres());
});

describe('process-wide client', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'berth-home-'));
  });
  after(async () => {
    await closeDb();
    await rm(dir, { recursive: true, force: true });
  });

  test('db() defaults to SQLite in BERTH_HOME, in WAL mode, and is one shared client', async () => {
    // config() is parsed once per process; nothing else in this file reads it first.
    delete process.env.DATABASE_URL;
    process.env.BERTH_HOME = dir;
    assert.equal(databaseUrl(), `file:${path.join(dir, 'berth.db')}`);
    await migrateDatabase(databaseUrl());
    assert.equal(db(), db());
    const [mode] = await db().$queryRaw<{ journal_mode: string }[]>`PRAGMA journal_mode`;
    assert.equal(mode?.journal_mode, 'wal', 'deploy leaves SQLite in WAL mode for concurrent readers');
    assert.equal(await db().user.count(), 0);
    await closeDb();
    assert.equal(await db().user.count(), 0, 'reconnects after closeDb()');
  });
});
