import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLessonsVerify } from '../../cli/lessons-verify.ts';

// Every exercise of the course, on a real sandbox: its checks fail on a fresh sandbox and pass
// after its reference solution. A check that cannot fail (or cannot pass) is caught here.
test('./berth lessons verify passes for every exercise', async () => {
  assert.equal(await runLessonsVerify([]), 0);
});

test('./berth lessons verify refuses an unknown exercise id', async () => {
  assert.equal(await runLessonsVerify(['no-such/lesson']), 1);
});
