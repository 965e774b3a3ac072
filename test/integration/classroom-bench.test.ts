import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runClassroom } from '../../bench/classroom-run.ts';
import { type ControlPlane, startControlPlane } from '../support/control-plane-harness.ts';

// The classroom bench's machinery on a small class (the full run is `npm run bench -- classroom`, 30
// learners): every learner joins by code, starts, types, types the container-links solution and passes.
describe('a class at once (classroom bench, 4 learners)', () => {
  let cp: ControlPlane;
  before(async () => {
    cp = await startControlPlane();
  });
  after(async () => cp?.stop());

  test('4 learners start, type and pass container-links at once with default settings', async () => {
    const run = await runClassroom(cp, { learners: 4, keys: 15, keyIntervalMs: 50 });
    assert.deepEqual(run.failures, []);
    assert.equal(run.passed, 4);
    assert.equal(run.startMs.length, 4);
    for (const [i, ms] of run.startMs.entries()) assert.ok(ms >= run.readyMs[i]! && ms < 300_000);
    assert.equal(run.echoAllMs.length, 4 * 15, 'every key of every learner came back');
    assert.equal(run.echoAloneMs.length, 15);
    assert.ok(run.host.start.cpuAvg > 0 && run.host.start.memUsedMaxGiB > 0, 'the host was sampled');

    // Nothing is left behind: every learner's sandbox was removed.
    const { db } = await import('../../server/db/client.ts');
    const live = await db().sandbox.count({
      where: { state: { in: ['starting', 'ready'] }, user: { role: 'learner' } },
    });
    assert.equal(live, 0);
  });
});
