import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

const LESSON = 'networking/container-links';

async function poolRows(ready: boolean) {
  const { db } = await import('../../server/db/client.ts');
  const { POOL_USER_ID } = await import('../../server/sandboxes/warm-pool.ts');
  return db().sandbox.findMany({
    where: { userId: POOL_USER_ID, state: ready ? 'ready' : { in: ['starting', 'ready'] } },
  });
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// A learner gets a pre-started sandbox at once; the pool refills itself through BullMQ.
describe('warm pool', () => {
  let cp: ControlPlane;
  before(async () => {
    cp = await startControlPlane({ BERTH_WARM_POOL_SIZE: '1' });
  });
  after(async () => cp?.stop());

  test('fills, hands a ready sandbox to a learner, and refills', async () => {
    const [warm] = await until('a ready pool sandbox', async () => {
      const rows = await poolRows(true);
      return rows.length === 1 ? rows : undefined;
    });
    const cookie = await cp.signIn('Quick Quinn');
    const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } });
    assert.equal(r.status, 201);
    assert.equal(r.json.id, warm!.id, 'the learner got the pre-started sandbox');
    assert.equal(r.json.state, 'ready');
    assert.ok(
      Date.parse(r.json.expiresAt) > warm!.expiresAt.getTime() - 31 * 60_000,
      'TTL restarts at the claim',
    );

    // It is really theirs: the terminal works, and nobody else can see it.
    await waitForState(cp, cookie, r.json.id, 'ready', 1000);
    const other = await cp.signIn('Other');
    assert.equal((await cp.call('GET', `/api/sandboxes/${r.json.id}`, { cookie: other })).status, 404);

    // The claim triggers a refill: a new pool sandbox comes up.
    await until('the pool to refill', async () => {
      const rows = await poolRows(true);
      return rows.length === 1 && rows[0]!.id !== warm!.id ? rows : undefined;
    });
    const { sandboxQueue } = await import('../../server/queues/sandbox-queue.ts');
    const job = await sandboxQueue().getJob(`expire-${r.json.id}`);
    assert.ok(job, 'the claimed sandbox has its own expiry job');
    assert.ok(Math.abs(job.timestamp + (job.opts.delay ?? 0) - Date.parse(r.json.expiresAt)) < 5000);
  });
});
