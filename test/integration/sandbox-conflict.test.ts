import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sandboxConflictSchema } from '../../contract/public-api.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

// POST /api/sandboxes {lessonId, onLive}: a page may ask before a live sandbox of another lesson is
// replaced. Without onLive the original contract holds (reuse when the nodes fit, else replace).
const ONE_NODE = 'networking/container-links';
const TWO_NODES = 'networking/two-hosts';

describe('a live sandbox of another lesson is never replaced without asking', () => {
  let cp: ControlPlane;
  let ada: string;

  before(async () => {
    cp = await startControlPlane();
    ada = await cp.signIn('Ada');
  });
  after(async () => cp.stop());

  const start = (lessonId: string, onLive?: string) =>
    cp.call('POST', '/api/sandboxes', { cookie: ada, body: onLive ? { lessonId, onLive } : { lessonId } });

  test('ask: a sandbox without the nodes the lesson needs is answered 409, not reusable, and kept', async () => {
    const first = await start(ONE_NODE, 'ask');
    assert.equal(first.status, 201);
    await waitForState(cp, ada, first.json.id, 'ready');
    const sameLesson = await start(ONE_NODE, 'ask');
    assert.equal(sameLesson.status, 200);
    assert.equal(sameLesson.json.id, first.json.id);

    const asked = await start(TWO_NODES, 'ask');
    assert.equal(asked.status, 409);
    const conflict = sandboxConflictSchema.parse(asked.json);
    assert.equal(conflict.error.code, 'conflict');
    assert.equal(conflict.reusable, false);
    assert.equal(conflict.sandbox.id, first.json.id);
    assert.equal(conflict.sandbox.lessonId, ONE_NODE);
    // keep cannot give a one-node sandbox to a two-node lesson: still 409, still running.
    assert.equal((await start(TWO_NODES, 'keep')).status, 409);
    assert.equal(
      (await cp.call('GET', `/api/sandboxes/${first.json.id}`, { cookie: ada })).json.state,
      'ready',
    );
  });

  test('replace stops the old sandbox and starts a fresh one for the new lesson', async () => {
    const old = (await start(ONE_NODE)).json.id as string;
    const fresh = await start(TWO_NODES, 'replace');
    assert.equal(fresh.status, 201);
    assert.notEqual(fresh.json.id, old);
    assert.deepEqual(fresh.json.nodes, ['node1', 'node2']);
    assert.equal(fresh.json.lessonId, TWO_NODES);
    await waitForState(cp, ada, old, 'stopped');
    await waitForState(cp, ada, fresh.json.id, 'ready', 90_000);
  });

  test('ask then keep: a sandbox with the nodes is reused for the new lesson, which then finds it', async () => {
    const live = (await start(TWO_NODES)).json.id as string;
    const asked = await start(ONE_NODE, 'ask');
    assert.equal(asked.status, 409);
    assert.equal(sandboxConflictSchema.parse(asked.json).reusable, true);
    const kept = await start(ONE_NODE, 'keep');
    assert.equal(kept.status, 200);
    assert.equal(kept.json.id, live);
    assert.equal(kept.json.lessonId, ONE_NODE);
    const again = await start(ONE_NODE, 'ask');
    assert.equal(again.status, 200);
    assert.equal(again.json.id, live);
  });

  test('without onLive the original contract holds: reused when the nodes fit, else replaced', async () => {
    const live = (await start(ONE_NODE)).json.id as string;
    const reused = await start(TWO_NODES);
    assert.equal(reused.status, 200);
    assert.equal(reused.json.id, live);
    const small = await start(ONE_NODE, 'replace');
    assert.equal(small.status, 200, 'replace only replaces a sandbox of another lesson');
    const one = await start(TWO_NODES, 'replace');
    assert.equal(one.status, 201);
    await waitForState(cp, ada, one.json.id, 'ready', 90_000);
    const oneNode = await start(ONE_NODE, 'replace');
    assert.equal(oneNode.status, 201);
    assert.deepEqual(oneNode.json.nodes, ['node1']);
    await waitForState(cp, ada, oneNode.json.id, 'ready');
    const replaced = await start(TWO_NODES);
    assert.equal(replaced.status, 201, 'a sandbox without the nodes is replaced, as before');
    assert.notEqual(replaced.json.id, oneNode.json.id);
    await waitForState(cp, ada, oneNode.json.id, 'stopped');
  });
});
