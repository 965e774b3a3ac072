import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';
import { postgresAvailable, type RunningPostgres, startPostgres } from '../support/postgres.ts';

const LESSON = 'networking/container-links';
const EXERCISE = 'networking/container-links/ping-by-name';

// The same control plane on PostgreSQL via DATABASE_URL: migrations, sessions, sandboxes, checks, progress.
describe('control plane on PostgreSQL', {
  skip: !postgresAvailable() && 'PostgreSQL 15 is not installed',
}, () => {
  let pg: RunningPostgres;
  let cp: ControlPlane;

  before(async () => {
    pg = await startPostgres();
    cp = await startControlPlane({ DATABASE_URL: pg.url });
  });
  after(async () => {
    await cp?.stop();
    await pg?.stop();
  });

  test('a learner signs in, gets a sandbox, checks and sees progress', async () => {
    const health = await cp.call('GET', '/api/health');
    assert.equal(health.json.db, 'ok');
    const cookie = await cp.signIn('Postgres Pat');
    const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } });
    assert.equal(r.status, 201);
    await waitForState(cp, cookie, r.json.id, 'ready');
    const check = await cp.call('POST', `/api/sandboxes/${r.json.id}/checks`, {
      cookie,
      body: { exerciseId: EXERCISE },
    });
    assert.equal(check.status, 200);
    assert.equal(check.json.passed, false);
    const progress = await cp.call('GET', '/api/progress', { cookie });
    assert.deepEqual(
      progress.json.exercises.map((e: any) => [e.exerciseId, e.passed, e.attempts]),
      [[EXERCISE, false, 1]],
    );
    const other = await cp.signIn('Other');
    assert.equal((await cp.call('GET', `/api/sandboxes/${r.json.id}`, { cookie: other })).status, 404);
    assert.equal((await cp.call('DELETE', `/api/sandboxes/${r.json.id}`, { cookie })).json.state, 'stopped');
  });
});
