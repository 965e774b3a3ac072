import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

const LESSON = 'networking/container-links';

// Placement on one agent that holds one sandbox at most and heartbeats only when the test says so (the
// interval is ten minutes), so the registry's load is stale on purpose — the state in which a start right
// after a DELETE used to get 503. A stop frees its room at once, and starts at once never share a room.
describe('placement', () => {
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
    assert.equal(
      (await cp.call('DELETE', `/api/sandboxes/${third.json.id}`, { cookie: ann.cookie })).status,
      200,
    );
  });

  test('two starts at once for the last room: one gets it, the other 503 — never both', async () => {
    const [cid, dot] = [await learner('Cid'), await learner('Dot')];
    const answers = await Promise.all([start(cid.cookie), start(dot.cookie)]);
    assert.deepEqual(
      answers.map((a) => a.status).sort(),
      [201, 503],
      `one placement per room: ${JSON.stringify(answers.map((a) => a.json))}`,
    );
    const won = answers.find((a) => a.status === 201)!;
    const owner = won === answers[0] ? cid : dot;
    await waitForState(cp, owner.cookie, won.json.id, 'ready');
    assert.equal(
      (await cp.call('DELETE', `/api/sandboxes/${won.json.id}`, { cookie: owner.cookie })).status,
      200,
    );
  });

  test('a double click (starts of one learner at once) makes one sandbox', async () => {
    const eve = await learner('Eve');
    const answers = await Promise.all([1, 2, 3, 4].map(() => start(eve.cookie)));
    assert.deepEqual(
      answers.map((a) => a.status).sort(),
      [200, 200, 200, 201],
      JSON.stringify(answers.map((a) => a.json)),
    );
    assert.equal(new Set(answers.map((a) => a.json.id)).size, 1, 'the same sandbox');
    await waitForState(cp, eve.cookie, answers[0]!.json.id, 'ready');
  });
  test('the database itself refuses a second live sandbox for one learner, and frees the slot on stop', async () => {
    // Two replicas can both pass the "no live sandbox yet" read; the unique liveUserId decides.
    const { db } = await import('../../server/db/client.ts');
    const { isUniqueViolation } = await import('../../server/db/unique-violation.ts');
    const { transitionSandbox } = await import('../../server/sandboxes/sandbox-state.ts');
    const fay = await learner('Fay');
    const me = await cp.call('GET', '/api/auth/me', { cookie: fay.cookie });
    const row = (id: string) => ({
      id,
      userId: me.json.user.id,
      liveUserId: me.json.user.id,
      lessonId: LESSON,
      agentId: cp.agent.settings.agentId,
      state: 'starting',
      nodes: '["node1"]',
      expiresAt: new Date(Date.now() + 60_000),
    });
    await db().sandbox.create({ data: row('sbx_fayfirst0000') });
    await assert.rejects(db().sandbox.create({ data: row('sbx_faysecond000') }), isUniqueViolation);
    assert.equal(await transitionSandbox('sbx_fayfirst0000', 'stopped', 'test'), true);
    const freed = await db().sandbox.findUniqueOrThrow({ where: { id: 'sbx_fayfirst0000' } });
    assert.equal(freed.liveUserId, null);
    await db().sandbox.create({ data: row('sbx_faysecond000') });
    await transitionSandbox('sbx_faysecond000', 'stopped', 'test');
  });
});
