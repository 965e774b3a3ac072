import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { agentConfig } from '../../sandbox-agent/src/config.ts';
import { Engine } from '../../sandbox-agent/src/docker/engine.ts';
import { LABEL } from '../../sandbox-agent/src/docker/labels.ts';
import { type AgentProcess, startAgentProcess } from '../support/agent-process.ts';
import {
  type BareControlPlane,
  startBareControlPlane,
  waitForState,
} from '../support/control-plane-harness.ts';

const LESSON = 'networking/container-links';
const HEARTBEAT_MS = 300;
const TIMEOUT_MS = 3000;

// Two real sandbox-agent processes (own ids, ports, homes) on the one sandbox engine, registered with
// one control plane over real Redis and SQLite: placement, capacity, drain, a lost host and its return.
describe('two worker hosts', () => {
  let cp: BareControlPlane;
  let a: AgentProcess;
  let b: AgentProcess;
  const engine = new Engine(agentConfig().BERTH_ENGINE_SOCKET);
  // Placement breaks ties by id: "a" gets the first sandbox.
  const ids = { a: `ma-a-${process.pid}`, b: `ma-b-${process.pid}` };
  const learners: Record<string, { cookie: string; sandboxId?: string }> = {};

  const health = async () => (await cp.call('GET', '/api/health')).json;
  const agentOf = async (sandboxId: string) => {
    const { db } = await import('../../server/db/client.ts');
    return (await db().sandbox.findUniqueOrThrow({ where: { id: sandboxId } })).agentId;
  };
  const start = async (name: string) => {
    learners[name] ??= { cookie: await cp.signIn(name) };
    const r = await cp.call('POST', '/api/sandboxes', {
      cookie: learners[name].cookie,
      body: { lessonId: LESSON },
    });
    if (r.status === 201) learners[name].sandboxId = r.json.id;
    return r;
  };
  // The operator's command, as a real process against the same database (async: this process must
  // keep taking heartbeats meanwhile).
  const berthAgents = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)(
      'node',
      ['--import', 'tsx', 'cli/main.ts', 'agents', ...args],
      { env: process.env },
    );
    return stdout;
  };
  let lostOnB: { cookie: string; sandboxId?: string }[] = [];
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const v = await probe();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}`);
  };

  before(async () => {
    cp = await startBareControlPlane({
      BERTH_AGENT_HEARTBEAT_MS: String(HEARTBEAT_MS),
      BERTH_AGENT_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    const env = { BERTH_AGENT_HEARTBEAT_MS: String(HEARTBEAT_MS), BERTH_MAX_SANDBOXES: '2' };
    [a, b] = await Promise.all([
      startAgentProcess({ id: ids.a, controlUrl: cp.baseUrl, token: cp.token, env }),
      startAgentProcess({ id: ids.b, controlUrl: cp.baseUrl, token: cp.token, env }),
    ]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await cp?.stop();
  });

  test('both agents register with their capacity; health lists them', async () => {
    const h = await until('both agents in /api/health', async () => {
      const h = await health();
      return h.agents.filter((x: any) => x.status === 'ok').length === 2 ? h : undefined;
    });
    assert.equal(h.status, 'ok');
    assert.deepEqual(
      h.agents.map((x: any) => [x.id, x.capacity, x.sandboxes, x.draining]),
      [
        [ids.a, 2, 0, false],
        [ids.b, 2, 0, false],
      ],
    );
    // A heartbeat without the shared token is refused.
    const forged = await fetch(`${cp.baseUrl}/api/agents/heartbeat`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token-at-all', 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'evil', url: 'http://127.0.0.1:1', capacity: 99, sandboxes: 0 }),
    });
    assert.equal(forged.status, 401);
    assert.equal((await health()).agents.length, 2);
  });

  test('placement spreads sandboxes by free room', async () => {
    const first = await start('Ann');
    const second = await start('Bob');
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(await agentOf(first.json.id), ids.a);
    assert.equal(await agentOf(second.json.id), ids.b, 'the second sandbox goes to the emptier host');
    await waitForState(cp, learners.Ann!.cookie, first.json.id, 'ready');
    await waitForState(cp, learners.Bob!.cookie, second.json.id, 'ready');
  });

  test('a drained agent gets no new sandboxes; capacity is respected', async () => {
    assert.match(await berthAgents('drain', ids.b), /draining/);
    assert.match(await berthAgents('list'), new RegExp(`${ids.b}\\s+up\\s+yes`));
    const third = await start('Cid');
    assert.equal(third.status, 201);
    assert.equal(await agentOf(third.json.id), ids.a, 'not on the draining host');
    // a is full (2/2) and b is draining: no room anywhere.
    const refused = await start('Dot');
    assert.equal(refused.status, 503);
    assert.equal(refused.json.error.code, 'out_of_capacity');
    assert.equal((await health()).agents.find((x: any) => x.id === ids.b).draining, true);

    await berthAgents('undrain', ids.b);
    const fourth = await start('Dot');
    assert.equal(fourth.status, 201);
    assert.equal(await agentOf(fourth.json.id), ids.b);
    // Both hosts at BERTH_MAX_SANDBOXES=2 now.
    const full = await start('Eve');
    assert.equal(full.status, 503);
    assert.equal(full.json.error.code, 'out_of_capacity');
    await waitForState(cp, learners.Cid!.cookie, third.json.id, 'ready');
    await waitForState(cp, learners.Dot!.cookie, fourth.json.id, 'ready');
  });

  test('kill -9 of one agent: its sandboxes are reported lost, the other host keeps working', async () => {
    const onB = [{ ...learners.Bob! }, { ...learners.Dot! }];
    lostOnB = onB;
    const onA = [learners.Ann!, learners.Cid!];
    const killedAt = Date.now();
    await b.kill('SIGKILL');
    const { LOST_AGENT_REASON } = await import('../../server/agents/detect-lost-agents.ts');
    for (const l of onB) {
      const s = await waitForState(cp, l.cookie, l.sandboxId!, 'failed', TIMEOUT_MS + 20_000);
      assert.equal(s.failureReason, LOST_AGENT_REASON);
    }
    const tookMs = Date.now() - killedAt;
    console.log(`# lost sandboxes reported failed ${tookMs} ms after kill -9 (timeout ${TIMEOUT_MS} ms)`);
    // The clock starts at b's last heartbeat, up to one interval before the kill.
    assert.ok(tookMs >= TIMEOUT_MS - HEARTBEAT_MS, 'not before the heartbeat timeout');

    // The other host's sandboxes are untouched and work: a file round-trips through agent a.
    for (const l of onA) {
      const id = l.sandboxId!;
      assert.equal((await cp.call('GET', `/api/sandboxes/${id}`, { cookie: l.cookie })).json.state, 'ready');
      const put = await cp.call('PUT', `/api/sandboxes/${id}/files`, {
        cookie: l.cookie,
        body: { path: '/root/still-here.txt', content: `alive ${id}\n` },
      });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      const got = await cp.call('GET', `/api/sandboxes/${id}/files?path=/root/still-here.txt`, {
        cookie: l.cookie,
      });
      assert.equal(got.json.content, `alive ${id}\n`);
    }
    const h = await health();
    assert.deepEqual(
      h.agents.map((x: any) => [x.id, x.status]),
      [
        [ids.a, 'ok'],
        [ids.b, 'down'],
      ],
    );
    assert.equal(h.status, 'degraded', 'a host went down without being drained');
    // The learner's way out: a new sandbox, on the host that is left (a is full, so free one first).
    await cp.call('DELETE', `/api/sandboxes/${learners.Cid!.sandboxId}`, { cookie: learners.Cid!.cookie });
    const again = await start('Bob');
    assert.equal(again.status, 201);
    assert.equal(await agentOf(again.json.id), ids.a);
    await waitForState(cp, learners.Bob!.cookie, again.json.id, 'ready');
  });

  test('the agent that comes back removes what was reported lost instead of resurrecting it', async () => {
    const before = await engine.listContainers({ [LABEL.agent]: ids.b });
    assert.equal(before.length, 2, 'the lost sandboxes outlived their agent');
    await b.start();
    assert.match(b.logs(), /adopted 2 sandbox/);
    await until('the lost sandboxes removed from the returning agent', async () =>
      (await engine.listContainers({ [LABEL.agent]: ids.b })).length === 0 ? true : undefined,
    );
    for (const l of lostOnB) {
      const s = await cp.call('GET', `/api/sandboxes/${l.sandboxId}`, { cookie: l.cookie });
      assert.equal(s.json.state, 'failed');
    }
    const h = await until('b live again with no sandboxes', async () => {
      const h = await health();
      const hb = h.agents.find((x: any) => x.id === ids.b);
      return hb.status === 'ok' && hb.sandboxes === 0 ? h : undefined;
    });
    assert.equal(h.status, 'ok');
  });
});
