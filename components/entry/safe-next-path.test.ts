import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNextPath } from './safe-next-path.ts';

test('only a path on this site is followed after sign-in', () => {
  assert.equal(safeNextPath('/classrooms/abc', '/classrooms'), '/classrooms/abc');
  assert.equal(safeNextPath(undefined, '/classrooms'), '/classrooms');
  for (const bad of ['https://evil.test/', '//evil.test', '/\\evil.test', 'classrooms', ''])
    assert.equal(safeNextPath(bad, '/classrooms'), '/classrooms', bad);
});
