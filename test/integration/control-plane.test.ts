import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LABEL } from '../../sandbox-agent/src/docker/labels.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';
import { terminalSession } from '../support/terminal-client.ts';

const LESSON = 'networking/container-links';
const EXERCISE = 'networking/container-links/ping-by-name';

describe('control plane over real Redis, SQLite, agent and engine', () => {
  let cp: ControlPlane;
  let ada: string;
  let eve: string;
  let sandboxId: string;

  before(async () => {
    cp = await startControlPlane();
    ada = await cp.signIn('Ada');
    eve = await cp.signIn('Eve');
  });
  after(async () => cp.stop());

  test('health reports db, redis and the agent', async () => {
    const r = await cp.call('GET', '/api/health');
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'ok');
    assert.equal(r.json.db, 'ok');
    assert.equal(r.json.redis, 'ok');
    assert.equal(r.json.agents.length, 1);
    assert.equal(typeof r.json.agents[0].capacity, 'number');
  });

  test('catalog lists seven chapters in both languages', async () => {
    const en = await cp.call('GET', '/api/lessons?lang=en');
    const zh = await cp.call('GET', '/api/lessons?lang=zh');
    assert.equal(en.json.chapters.length, 7);
    const net = en.json.chapters.find((c: any) => c.id === 'networking');
    assert.ok(
      net.lessons.some((l: any) => l.id === LESSON && l.exercises.some((e: any) => e.id === EXERCISE)),
    );
    assert.notEqual(zh.json.chapters[5].title, en.json.chapters[5].title);
  });

  test('bad input gets clear errors', async () => {
    assert.equal((await cp.call('POST', '/api/sandboxes', { body: { lessonId: LESSON } })).status, 401);
    const bad = await cp.call('POST', '/api/sandboxes', { cookie: ada, raw: '{not json' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'bad_request');
    const invalid = await cp.call('POST', '/api/sandboxes', { cookie: ada, body: { lessonId: 42 } });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.json.error.code, 'validation_failed');
    const unknown = await cp.call('POST', '/api/sandboxes', {
      cookie: ada,
      body: { lessonId: 'nope/nothing' },
    });
    assert.equal(unknown.status, 404);
    const noName = await cp.call('POST', '/api/auth/guest', { body: { name: '   ' } });
    assert.equal(noName.status, 422);
  });

  test('a learner gets one sandbox that becomes ready', async () => {
    const r = await cp.call('POST', '/api/sandboxes', { cookie: ada, body: { lessonId: LESSON } });
    assert.equal(r.status, 201);
    assert.match(r.json.id, /^sbx_/);
    assert.equal(r.json.state, 'starting');
    assert.deepEqual(r.json.nodes, ['node1']);
    assert.ok(Date.parse(r.json.expiresAt) > Date.now());
    sandboxId = r.json.id;
    await waitForState(cp, ada, sandboxId, 'ready');
    const again = await cp.call('POST', '/api/sandboxes', { cookie: ada, body: { lessonId: LESSON } });
    assert.equal(again.status, 200);
    assert.equal(again.json.id, sandboxId);
  });

  test('another user gets 404 for the sandbox on every route and on the websocket', async () => {
    assert.equal((await cp.call('GET', `/api/sandboxes/${sandboxId}`, { cookie: eve })).status, 404);
    assert.equal((await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie: eve })).status, 404);
    const chk = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie: eve,
      body: { exerciseId: EXERCISE },
    });
    assert.equal(chk.status, 404);
    const t = terminalSession(cp.openTerminal(eve, sandboxId));
    await assert.rejects(t.opened, /404/);
    const anon = terminalSession(cp.openTerminal('berth_session=forged', sandboxId));
    await assert.rejects(anon.opened, /401/);
  });

  test('through the terminal websocket the exercise is done, checked and recorded', async () => {
    const before = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie: ada,
      body: { exerciseId: EXERCISE },
    });
    assert.equal(before.status, 200);
    assert.equal(before.json.passed, false);
    // The agent's finding in the page's language (English by default), then the task's hint.
    assert.match(before.json.tasks[0].message, /^No network named "my-net" exists yet\. Create it with/);

    const ws = cp.openTerminal(ada, sandboxId);
    const t = terminalSession(ws);
    await t.opened;
    t.send({ type: 'hello', lastSeq: 0 });
    t.send({ type: 'resize', cols: 120, rows: 40 });
    t.send('this is not json');
    t.send({ type: 'input', data: 123 });
    t.send({ type: 'ping' });
    t.send({
      type: 'input',
      data:
        'docker network create -d bridge my-net && docker run -dit --name busybox1 --network my-net busybox sh && ' +
        'docker run -dit --name busybox2 --network my-net busybox sh && docker exec busybox1 ping -c 2 busybox2\r',
    });
    await t.waitFor(/2 packets transmitted, 2 packets received/, 60_000);
    assert.ok(
      t.frames.some((f) => f.type === 'error' && f.code === 'bad_frame'),
      'bad frames get an error frame',
    );
    assert.ok(t.frames.some((f) => f.type === 'pong'));
    const lastSeq = Math.max(...t.frames.filter((f) => f.type === 'data').map((f) => f.seq));
    ws.close();

    const after = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie: ada,
      body: { exerciseId: EXERCISE, lang: 'zh' },
    });
    assert.equal(after.json.passed, true, JSON.stringify(after.json));
    assert.equal(after.json.tasks.length, 7);
    assert.ok(after.json.tasks.every((x: any) => x.passed && x.title && x.message));
    assert.equal(after.json.tasks[0].message, '网络 "my-net" 已存在（驱动 bridge）。');
    const progress = await cp.call('GET', '/api/progress', { cookie: ada });
    const p = progress.json.exercises.find((e: any) => e.exerciseId === EXERCISE);
    assert.equal(p.passed, true);
    assert.equal(p.attempts, 2);

    // Reconnect with lastSeq: only what came after is replayed; with 0 the buffer brings the screen back.
    const again = terminalSession(cp.openTerminal(ada, sandboxId));
    await again.opened;
    again.send({ type: 'hello', lastSeq });
    again.send({ type: 'input', data: 'echo after-$((40+2))\r' });
    await again.waitFor(/after-42/);
    assert.ok(!again.text().includes('packets received'), 'nothing before lastSeq is replayed');
    const reload = terminalSession(cp.openTerminal(ada, sandboxId));
    await reload.opened;
    reload.send({ type: 'hello', lastSeq: 0 });
    await reload.waitFor(/packets received[\s\S]*after-42/);
  });

  test('expiry through BullMQ removes everything, and survives a Redis restart', async () => {
    const { db } = await import('../../server/db/client.ts');
    // The delayed job from creation holds the TTL; move it to fire soon, then restart Redis underneath.
    const { sandboxQueue } = await import('../../server/queues/sandbox-queue.ts');
    const job = await sandboxQueue().getJob(`expire-${sandboxId}`);
    assert.ok(job, 'an expiry job exists for the sandbox');
    await job.changeDelay(2500);
    await cp.redis.restart();
    await waitForState(cp, ada, sandboxId, 'stopped', 60_000);
    const row = await db().sandbox.findUnique({ where: { id: sandboxId } });
    assert.match(row?.failureReason ?? '', /expired/);
    assert.equal((await cp.agent.engine.listContainers({ [LABEL.sandbox]: sandboxId })).length, 0);
    assert.equal((await cp.agent.engine.listNetworks({ [LABEL.sandbox]: sandboxId })).length, 0);
  });

  test('an idle sandbox is reaped by the scheduled job', async () => {
    const { sandboxQueue } = await import('../../server/queues/sandbox-queue.ts');
    const schedulers = await sandboxQueue().getJobSchedulers();
    assert.deepEqual(schedulers.map((s) => s.key).sort(), [
      'detect-lost-agents',
      'reap-idle',
      'reconcile',
      'refill-pool',
    ]);
    const r = await cp.call('POST', '/api/sandboxes', { cookie: eve, body: { lessonId: LESSON } });
    await waitForState(cp, eve, r.json.id, 'ready');
    const { db } = await import('../../server/db/client.ts');
    await db().sandbox.update({
      where: { id: r.json.id },
      data: { lastActiveAt: new Date(Date.now() - 31 * 60_000) },
    });
    // Run the scheduler's job now instead of waiting a minute for it.
    await sandboxQueue().add('reap-idle', {});
    await waitForState(cp, eve, r.json.id, 'stopped');
    const row = await db().sandbox.findUnique({ where: { id: r.json.id } });
    assert.match(row?.failureReason ?? '', /idle/);
    assert.equal((await cp.agent.engine.listContainers({ [LABEL.sandbox]: r.json.id })).length, 0);
  });

  test('DELETE stops a sandbox and a new one can start', async () => {
    const r = await cp.call('POST', '/api/sandboxes', { cookie: ada, body: { lessonId: LESSON } });
    assert.equal(r.status, 201);
    assert.notEqual(r.json.id, sandboxId);
    await waitForState(cp, ada, r.json.id, 'ready');
    const del = await cp.call('DELETE', `/api/sandboxes/${r.json.id}`, { cookie: ada });
    assert.equal(del.status, 200);
    assert.equal(del.json.state, 'stopped');
    assert.equal((await cp.agent.engine.listContainers({ [LABEL.sandbox]: r.json.id })).length, 0);
    const ws = terminalSession(cp.openTerminal(ada, r.json.id));
    await ws.opened;
    ws.send({ type: 'hello', lastSeq: 0 });
    await new Promise((res) => setTimeout(res, 300));
    assert.ok(ws.frames.some((f) => f.type === 'error' && f.code === 'not_found'));
  });
});
