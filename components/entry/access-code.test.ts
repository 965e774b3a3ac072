import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupCode, normalizeCode } from './access-code.ts';

test('codes read in groups and are typed in any case, with any spaces and dashes', () => {
  assert.equal(groupCode('ABCDEFGHJK'), 'ABCDE-FGHJK');
  assert.equal(groupCode('ABCDEFGHJKMNPQRS'), 'ABCD-EFGH-JKMN-PQRS');
  assert.equal(normalizeCode(' abcde-fghjk '), 'ABCDEFGHJK');
  assert.equal(normalizeCode('abcd efgh-jkmn pqrs'), 'ABCDEFGHJKMNPQRS');
  assert.equal(normalizeCode(groupCode('ABCDEFGHJK')), 'ABCDEFGHJK');
});
