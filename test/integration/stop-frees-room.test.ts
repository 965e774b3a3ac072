import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

const LESSON = 'networking/container-links';

// A stop frees its room at once: placement must not wait for the agent's next heartbeat. The agent holds
// one sandbox at most and heartbeats only when the test says so (the interval is ten minutes), so the
// registry's load is stale on purpose — the state in which a start right after a DELETE used to get 503.
describe('a stopped sandbox frees its room at once', () => {
  let cp: ControlPlane;
  const learner = async (name: string) => ({ cookie: await cp.signIn(name) });
  const start = (cookie: string) => cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } });
  const loadInRegistry = async () => {
    const { db } = await import('../../server/db/client.ts');
    return (await db().agent.findUniqueOrThrow({ where: { id: cp.agent.settings.agentId } })).sandboxes;
  };

  before(async () => {
    cp = await startControlPlane({ BERTH_AGENT_HEARTBEAT_MS: '600000' }, { maxSandboxes: 1 });
  });
  after(async () => {
    await cp?.stop();
  });

  test('DELETE then POST answers 201 even though the last heartbeat still counts the old sandbox', async () => {
    const ann = await learner('Ann');
    const first = await start(ann.cookie);
    assert.equal(first.status, 201, JSON.stringify(first.json));
    await waitForState(cp, ann.cookie, first.json.id, 'ready');
    // The agent reports its one sandbox; the host is full now.
    await cp.heartbeatNow();
    assert.equal(await loadInRegistry(), 1);
    const bob = await learner('Bob');
    const refused = await start(bob.cookie);
    assert.equal(refused.status, 503);
    assert.equal(refused.json.error.code, 'out_of_capacity');

    // A heartbeat measured before the DELETE but landing after it (the agent's loop is not in step with
    // the learner) reports the old load again.
    const stale = cp.heartbeatReport();
    assert.equal(
      (await cp.call('DELETE', `/api/sandboxes/${first.json.id}`, { cookie: ann.cookie })).status,
      200,
    );
    await cp.heartbeatNow(stale);
    assert.equal(await loadInRegistry(), 1, 'the registry still carries the stale load');

    const second = await start(bob.cookie);
    assert.equal(second.status, 201, JSON.stringify(second.json));
    await waitForState(cp, bob.cookie, second.json.id, 'ready');

    // And the learner who stopped theirs gets the room of the next stop just the same.
    assert.equal(
      (await cp.call('DELETE', `/api/sandboxes/${second.json.id}`, { cookie: bob.cookie })).status,
      200,
    );
    const third = await start(ann.cookie);
    assert.equal(third.status, 201, JSON.stringify(third.json));
    await waitForState(cp, ann.cookie, third.json.id, 'ready');
  });
});
