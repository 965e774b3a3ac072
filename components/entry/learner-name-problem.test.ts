import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryStringsFor } from './entry-strings.ts';
import { learnerNameProblem } from './learner-name-problem.ts';

test('a display name is checked as the server checks it, with the reason in the learner’s language', () => {
  const t = entryStringsFor('en');
  assert.equal(learnerNameProblem('Ada', t), undefined);
  // Markup is a fine name: it is shown as text, never as HTML.
  assert.equal(learnerNameProblem('<b>Ada</b>', t), undefined);
  assert.equal(learnerNameProblem('   ', t), t.nameRequired);
  assert.equal(learnerNameProblem('x'.repeat(41), t), t.nameTooLong(40));
  assert.equal(learnerNameProblem('Ada\u202Eevil', t), t.nameBadCharacters);
  assert.equal(learnerNameProblem('   ', entryStringsFor('zh')), entryStringsFor('zh').nameRequired);
});
