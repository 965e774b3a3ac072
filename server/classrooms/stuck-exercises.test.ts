import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STUCK_WINDOW_MS, type StuckRun, stuckExercises } from './stuck-exercises.ts';

const now = new Date('2026-11-30T10:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const run = (exerciseId: string, passed: boolean, minutesAgo: number, userId = 'u1'): StuckRun => ({
  userId,
  exerciseId,
  passed,
  createdAt: ago(minutesAgo),
});

test('three failures of one exercise in the window, no pass of it: stuck on it', () => {
  const runs = [run('a/b/c', false, 9), run('a/b/c', false, 5), run('a/b/c', false, 1)];
  assert.deepEqual([...stuckExercises(runs, now)], [['u1', 'a/b/c']]);
});

test('two failures, a pass in the window, or failures older than the window: not stuck', () => {
  assert.equal(stuckExercises([run('x/y/z', false, 2), run('x/y/z', false, 1)], now).size, 0);
  const passedBetween = [
    run('x/y/z', false, 8),
    run('x/y/z', true, 6),
    run('x/y/z', false, 4),
    run('x/y/z', false, 1),
  ];
  assert.equal(stuckExercises(passedBetween, now).size, 0);
  const old = STUCK_WINDOW_MS / 60_000 + 1;
  assert.equal(
    stuckExercises([run('x/y/z', false, old), run('x/y/z', false, 3), run('x/y/z', false, 1)], now).size,
    0,
  );
});

test('failures of different exercises do not add up; of several stuck ones the last failed is named', () => {
  assert.equal(
    stuckExercises([run('a/a/a', false, 3), run('b/b/b', false, 2), run('c/c/c', false, 1)], now).size,
    0,
  );
  const two = [
    ...[7, 6, 5].map((m) => run('a/a/a', false, m)),
    ...[4, 3, 2].map((m) => run('b/b/b', false, m)),
    ...[3, 2, 1].map((m) => run('a/a/a', false, m, 'u2')),
  ];
  assert.deepEqual(Object.fromEntries(stuckExercises(two, now)), { u1: 'b/b/b', u2: 'a/a/a' });
});
