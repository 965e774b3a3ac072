import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStorageFull } from './storage-full.ts';

test('a full disk is recognised in the shapes SQLite, PostgreSQL and Node report it', () => {
  // As Prisma 7 with @prisma/adapter-better-sqlite3 reports it (seen on a full tmpfs).
  const sqlite = Object.assign(new Error('Invalid `db.user.create()` invocation'), {
    code: 'P2039',
    meta: {
      modelName: 'User',
      driverAdapterError: {
        name: 'DriverAdapterError',
        cause: {
          originalCode: 'SQLITE_FULL',
          kind: 'sqlite',
          extendedCode: 1,
          message: 'database or disk is full',
        },
      },
    },
  });
  assert.equal(isStorageFull(sqlite), true);
  assert.equal(isStorageFull({ cause: { kind: 'postgres', code: '53100' } }), true);
  assert.equal(isStorageFull(Object.assign(new Error('write'), { code: 'ENOSPC' })), true);
});

test('other errors are not mistaken for a full disk', () => {
  assert.equal(isStorageFull(new Error('boom')), false);
  assert.equal(isStorageFull({ code: 'P2002', meta: { target: ['id'] } }), false);
  assert.equal(isStorageFull(null), false);
  const loop: Record<string, unknown> = { code: 'X' };
  loop.cause = loop;
  assert.equal(isStorageFull(loop), false);
});
