import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, progressCsv } from './progress-csv.ts';

test('cells that a spreadsheet would run as a formula are neutralised with a leading quote', () => {
  for (const bad of ['=1+1', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1'])
    assert.equal(csvCell(bad).slice(0, 2), `"'`, JSON.stringify(bad));
  assert.equal(csvCell('Lin'), '"Lin"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell(null), '""');
  assert.equal(csvCell(3), '"3"');
});

test('one row per learner and exercise after the header', () => {
  const cell = {
    passed: true,
    tasksPassed: 2,
    tasksTotal: 2,
    attempts: 3,
    firstPassedAt: '2026-01-01T00:00:00.000Z',
  };
  const csv = progressCsv({
    learners: [
      {
        id: 'u1',
        name: '-x',
        exercises: { 'a/b/c': cell, 'a/b/d': { ...cell, passed: false, firstPassedAt: null } },
      },
    ],
  });
  assert.deepEqual(csv.split('\r\n'), [
    '"learner_id","learner_name","exercise_id","passed","tasks_passed","tasks_total","first_passed_at","attempts"',
    `"u1","'-x","a/b/c","true","2","2","2026-01-01T00:00:00.000Z","3"`,
    `"u1","'-x","a/b/d","false","2","2","","3"`,
    '',
  ]);
});
