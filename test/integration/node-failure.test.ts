import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { watchNodeDeaths } from '../../sandbox-agent/src/sandboxes/watch-node-deaths.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

const LESSON = 'networking/container-links';

// When the Docker engine inside a sandbox dies, the learner is told (state failed, with a reason)
// and can start a fresh sandbox — no dead terminal that silently hangs.
describe('a sandbox whose inner dockerd dies', () => {
  let cp: ControlPlane;
  let stopWatching: () => void;

  before(async () => {
    cp = await startControlPlane();
    stopWatching = await watchNodeDeaths(cp.agent.engine, cp.agent.manager, cp.agent.settings.agentId);
  });
  after(async () => {
    stopWatching?.();
    await cp?.stop();
  });

  test('is reported failed, and the learner can start a new one', async () => {
    const cookie = await cp.signIn('Crash Test');
    const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } });
    await waitForState(cp, cookie, r.json.id, 'ready');
    const node = cp.agent.manager.nodeContainer(r.json.id, 'node1');
    await cp.agent.engine.exec(node, ['bash', '-c', 'kill -9 $(pidof dockerd)'], { timeoutMs: 10_000 });

    const deadline = Date.now() + 20_000;
    while (cp.agent.manager.get(r.json.id).state !== 'failed' && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(cp.agent.manager.get(r.json.id).state, 'failed');

    const { sandboxQueue } = await import('../../server/queues/sandbox-queue.ts');
    await sandboxQueue().add('reconcile', {}); // what the 30 s scheduler does
    const failed = await waitForState(cp, cookie, r.json.id, 'failed', 20_000);
    assert.match(failed.failureReason, /node1 stopped/);

    const fresh = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } });
    assert.equal(fresh.status, 201);
    assert.notEqual(fresh.json.id, r.json.id);
    await waitForState(cp, cookie, fresh.json.id, 'ready');
  });
});
