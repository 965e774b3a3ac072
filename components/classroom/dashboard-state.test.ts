import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClassroomLiveProgress } from '../../contract/classrooms';
import { applyClassroomEvent, cellState, initialDashboardState, withProgress } from './dashboard-state';

const EX = 'concepts/images-and-containers/run-hello';
const cell = (over = {}) => ({
  passed: false,
  tasksPassed: 0,
  tasksTotal: 2,
  attempts: 0,
  firstPassedAt: null,
  ...over,
});
const progress: ClassroomLiveProgress = {
  learners: [
    {
      id: 'u1',
      name: 'Ada',
      exercises: { [EX]: cell() },
      lastActiveAt: null,
      idle: true,
      stuck: EX,
      handRaised: false,
      sandboxId: 'sbx_1',
    },
  ],
};

test('a progress event replaces the cell, wakes the learner and ends "stuck" on that exercise once passed', () => {
  const s0 = initialDashboardState(progress, [], []);
  const passed = cell({
    passed: true,
    tasksPassed: 2,
    attempts: 3,
    firstPassedAt: '2026-11-30T09:00:00.000Z',
  });
  const s1 = applyClassroomEvent(s0, { type: 'progress', learnerId: 'u1', exerciseId: EX, cell: passed }, {});
  const ada = s1.learners[0]!;
  assert.deepEqual(ada.exercises[EX], passed);
  assert.equal(ada.idle, false);
  assert.equal(ada.stuck, null);
  assert.equal(cellState(ada.exercises[EX]), 'passed');
  assert.equal(cellState(cell({ attempts: 1 })), 'tried');
  assert.equal(cellState(cell()), 'none');
  // An event about someone not on the page changes nothing.
  assert.equal(
    applyClassroomEvent(s1, { type: 'progress', learnerId: 'zz', exerciseId: EX, cell: passed }, {}),
    s1,
  );
});

test('a joining learner gets a row of untried exercises; hands queue oldest first and leave when lowered', () => {
  const empty = { [EX]: cell() };
  let s = initialDashboardState(progress, [], []);
  s = applyClassroomEvent(s, { type: 'learner', learnerId: 'u2', name: 'Lin' }, empty);
  assert.deepEqual(
    s.learners.map((l) => [l.name, l.exercises[EX]?.tasksTotal]),
    [
      ['Ada', 2],
      ['Lin', 2],
    ],
  );
  const hand = (learnerId: string, name: string, at: string, raised = true) =>
    ({ type: 'hand', learnerId, name, raised, message: raised ? 'help' : null, at }) as const;
  s = applyClassroomEvent(s, hand('u2', 'Lin', '2026-11-30T09:02:00Z'), empty);
  s = applyClassroomEvent(s, hand('u1', 'Ada', '2026-11-30T09:01:00Z'), empty);
  assert.deepEqual(
    s.hands.map((h) => [h.name, h.sandboxId]),
    [
      ['Ada', 'sbx_1'],
      ['Lin', null],
    ],
  );
  assert.equal(s.learners[0]!.handRaised, true);
  s = applyClassroomEvent(s, hand('u1', 'Ada', '2026-11-30T09:03:00Z', false), empty);
  assert.deepEqual(
    s.hands.map((h) => h.name),
    ['Lin'],
  );
  assert.equal(s.learners[0]!.handRaised, false);
});

test('watch and typing events mark the learner; a fresh snapshot keeps them and never undoes a cell', () => {
  let s = initialDashboardState(
    progress,
    [],
    [],
    [
      { type: 'watch', learnerId: 'u1', sandboxId: 'sbx_1', watching: 1 },
      { type: 'typing', learnerId: 'u1', sandboxId: 'sbx_1', allowed: true },
    ],
  );
  assert.equal(s.learners[0]!.watching, 1);
  assert.equal(s.learners[0]!.typingAllowed, true);
  const passed = cell({
    passed: true,
    tasksPassed: 2,
    attempts: 1,
    firstPassedAt: '2026-11-30T09:00:00.000Z',
  });
  s = applyClassroomEvent(s, { type: 'progress', learnerId: 'u1', exerciseId: EX, cell: passed }, {});
  // A snapshot fetched just before that event: its flags count, its older cell does not.
  s = withProgress(s, { learners: [{ ...progress.learners[0]!, idle: true }] });
  assert.equal(s.learners[0]!.idle, true);
  assert.deepEqual(s.learners[0]!.exercises[EX], passed);
  // …nor forget someone who joined after it was taken.
  s = applyClassroomEvent(s, { type: 'learner', learnerId: 'u9', name: 'Late' }, {});
  s = withProgress(s, progress);
  assert.deepEqual(
    s.learners.map((l) => l.name),
    ['Ada', 'Late'],
  );
  assert.equal(s.learners[0]!.watching, 1);
  assert.equal(s.learners[0]!.typingAllowed, true);
});

test('broadcasts come newest first, once each', () => {
  let s = initialDashboardState(progress, [], [{ id: 'b1', message: 'old', at: '2026-11-30T09:00:00Z' }]);
  const b2 = { type: 'broadcast', id: 'b2', message: 'new', at: '2026-11-30T09:05:00Z' } as const;
  s = applyClassroomEvent(applyClassroomEvent(s, b2, {}), b2, {});
  assert.deepEqual(
    s.broadcasts.map((b) => b.id),
    ['b2', 'b1'],
  );
});
