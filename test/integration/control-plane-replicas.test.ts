import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Queue } from 'bullmq';
import WebSocket from 'ws';
import { waitForRegisteredAgent } from '../../cli/health.ts';
import { ensureWebBuild } from '../../cli/web-build.ts';
import { agentConfig } from '../../sandbox-agent/src/config.ts';
import { Engine } from '../../sandbox-agent/src/docker/engine.ts';
import { LABEL } from '../../sandbox-agent/src/docker/labels.ts';
import { SANDBOX_QUEUE } from '../../server/queues/sandbox-queue.ts';
import { type AgentProcess, startAgentProcess } from '../support/agent-process.ts';
import { openEventStream } from '../support/event-stream.ts';
import { type RunningHaproxy, startHaproxy } from '../support/haproxy.ts';
import { type RunningPostgres, startPostgres } from '../support/postgres.ts';
import { type RunningRedis, startRedis } from '../support/redis.ts';
import { type ReplicaProcess, startReplica } from '../support/replica-process.ts';
import { terminalSession } from '../support/terminal-client.ts';

const LESSON = 'networking/container-links';
const EXERCISE = 'networking/container-links/ping-by-name';
const HEARTBEAT_MS = 1000;
const JOB_LOCK_MS = 2000;

// Two control-plane replicas (two server/main.ts processes) on one PostgreSQL and one Redis, behind a
// stock HAProxy doing round robin without stickiness; the agent reaches them through it too. A learner's
// requests and terminal reconnects alternate between the replicas; one replica is killed mid-job.
describe('two control-plane replicas behind a load balancer', () => {
  let pg: RunningPostgres;
  let redis: RunningRedis;
  let lb: RunningHaproxy;
  let agent: AgentProcess;
  let queue: Queue;
  const replicas: ReplicaProcess[] = [];
  const homes: string[] = [];
  let bothUpAt = 0;
  const token = randomBytes(24).toString('hex');
  const agentId = `rep-${process.pid}`;
  const engine = new Engine(agentConfig().BERTH_ENGINE_SOCKET);
  const ann: { cookie: string; sandboxId: string; progress?: unknown; lastSeq: number } = {
    cookie: '',
    sandboxId: '',
    lastSeq: 0,
  };

  // Through the load balancer, as a browser would; every answer names the replica that served it.
  const call = async (
    method: string,
    url: string,
    opts: { cookie?: string; body?: unknown; base?: string } = {},
  ) => {
    const res = await fetch(`${opts.base ?? lb.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(opts.cookie ? { cookie: opts.cookie } : {}) },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    return {
      status: res.status,
      json: (await res.json().catch(() => null)) as any,
      replica: res.headers.get('x-berth-replica'),
      cookie: res.headers.get('set-cookie')?.split(';')[0],
    };
  };
  const openTerminal = (cookie: string, sandboxId: string) =>
    terminalSession(
      new WebSocket(`${lb.url.replace('http', 'ws')}/ws/terminal?sandbox=${sandboxId}&node=node1`, {
        headers: { cookie },
      }),
    );
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const v = await probe().catch(() => undefined);
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}`);
  };
  const ready = (cookie: string, id: string) =>
    until(`sandbox ${id} ready`, async () => {
      const r = await call('GET', `/api/sandboxes/${id}`, { cookie });
      return r.json?.state === 'ready' ? r.json : undefined;
    });

  before(async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      BERTH_AGENT_TOKEN: token,
      BERTH_WARM_POOL_SIZE: '0',
      BERTH_AGENT_HEARTBEAT_MS: String(HEARTBEAT_MS),
      BERTH_JOB_LOCK_MS: String(JOB_LOCK_MS),
    };
    await ensureWebBuild(env);
    // Two replicas deploying at once against one empty PostgreSQL: migrations must not race.
    const migrations = await Promise.all(
      [1, 2].map(
        () =>
          new Promise<number | null>((resolve) => {
            const c = spawn('node', ['--import', 'tsx', 'server/db/migrate.ts', 'deploy'], {
              env,
              stdio: 'ignore',
            });
            c.on('exit', resolve);
          }),
      ),
    );
    assert.deepEqual(migrations, [0, 0], 'both concurrent migrations succeed');
    for (const name of ['r1', 'r2']) {
      const home = await fs.mkdtemp(path.join(os.tmpdir(), `berth-${name}-`));
      homes.push(home);
      replicas.push(await startReplica(name, { ...env, BERTH_HOME: home }));
    }
    bothUpAt = Date.now();
    lb = await startHaproxy(replicas.map((r) => ({ name: r.name, address: r.address })));
    agent = await startAgentProcess({
      id: agentId,
      controlUrl: lb.url,
      token,
      env: { BERTH_AGENT_HEARTBEAT_MS: String(HEARTBEAT_MS) },
    });
    assert.ok(await waitForRegisteredAgent(`${lb.url}/api/health`, agentId, { timeoutMs: 30_000 }));
    queue = new Queue(SANDBOX_QUEUE, { connection: { url: redis.url, maxRetriesPerRequest: null } });
  });

  after(async () => {
    await queue?.close();
    await agent?.stop();
    for (const r of replicas) {
      await r.signal('SIGCONT');
      await r.signal('SIGKILL');
    }
    await lb?.stop();
    await redis?.stop();
    await pg?.stop();
    for (const h of homes) await fs.rm(h, { recursive: true, force: true });
  });

  test("a learner's requests alternate between the replicas, and the session holds on both", async () => {
    const signIn = await call('POST', '/api/auth/guest', { body: { name: 'Ann' } });
    assert.equal(signIn.status, 201);
    ann.cookie = signIn.cookie!;
    const served: string[] = [];
    for (let i = 0; i < 8; i++) {
      const me = await call('GET', '/api/auth/me', { cookie: ann.cookie });
      assert.equal(me.status, 200, 'the session cookie is good on every replica');
      served.push(me.replica!);
    }
    for (const r of ['r1', 'r2'])
      assert.ok(served.filter((s) => s === r).length >= 2, `${r} served its share: ${served.join(' ')}`);
    // The agent's heartbeats land on either replica, and both see it live.
    for (const r of replicas) {
      const h = await call('GET', '/api/health', { base: r.url });
      assert.equal(h.json.agents.find((a: any) => a.id === agentId)?.status, 'ok', `health on ${r.name}`);
    }
  });

  test('sandbox, terminal replay after a reconnect to the other replica, and checks work across them', async () => {
    const started = await call('POST', '/api/sandboxes', { cookie: ann.cookie, body: { lessonId: LESSON } });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    ann.sandboxId = started.json.id;
    await ready(ann.cookie, ann.sandboxId);

    const first = openTerminal(ann.cookie, ann.sandboxId);
    await first.opened;
    first.send({ type: 'hello', lastSeq: 0 });
    // Output the learner misses: printed after the socket closed, on whichever replica it was.
    first.send({ type: 'input', data: 'echo typed-on-$((1+1)); sleep 1; echo missed-$((40+2))\r' });
    await first.waitFor(/typed-on-2/);
    const seen = first.lastSeq();
    first.ws.close();

    // Reconnect (as the page does, with the last seq seen) until the upgrade lands on the other replica.
    let second = openTerminal(ann.cookie, ann.sandboxId);
    for (let i = 0; i < 4; i++) {
      await second.opened;
      if (second.replica() !== first.replica()) break;
      second.ws.close();
      second = openTerminal(ann.cookie, ann.sandboxId);
    }
    assert.ok(first.replica() && second.replica(), 'both upgrades name their replica');
    assert.notEqual(second.replica(), first.replica(), 'a reconnect reached the other replica');
    second.send({ type: 'hello', lastSeq: seen });
    await second.waitFor(/missed-42/);
    assert.ok(!second.text().includes('typed-on-2'), 'nothing up to lastSeq is replayed');
    const seqs = second.frames.filter((f) => f.type === 'data').map((f) => f.seq as number);
    assert.ok(seqs[0]! > seen, 'replay starts after lastSeq');

    // The exercise through the other replica's relay, then checks through both replicas.
    second.send({
      type: 'input',
      data:
        'docker network create -d bridge my-net && docker run -dit --name busybox1 --network my-net busybox sh && ' +
        'docker run -dit --name busybox2 --network my-net busybox sh && docker exec busybox1 ping -c 2 busybox2\r',
    });
    await second.waitFor(/2 packets transmitted, 2 packets received/, 60_000);
    ann.lastSeq = second.lastSeq();
    second.ws.close();
    const checkedBy = new Set<string>();
    let made = 0;
    for (let i = 0; i < 4 && checkedBy.size < 2; i++) {
      made++;
      const check = await call('POST', `/api/sandboxes/${ann.sandboxId}/checks`, {
        cookie: ann.cookie,
        body: { exerciseId: EXERCISE },
      });
      assert.equal(check.status, 200, JSON.stringify(check.json));
      assert.equal(check.json.passed, true, JSON.stringify(check.json));
      checkedBy.add(check.replica!);
    }
    assert.deepEqual([...checkedBy].sort(), ['r1', 'r2'], 'checks ran through both replicas');

    // Progress is one record in one database: each check appears once, whichever replica answers.
    const attempts = await (async () => {
      const byReplica = new Map<string, any>();
      for (let i = 0; i < 4 && byReplica.size < 2; i++) {
        const p = await call('GET', '/api/progress', { cookie: ann.cookie });
        byReplica.set(p.replica!, p.json);
      }
      assert.equal(byReplica.size, 2);
      const [a, b] = [...byReplica.values()];
      assert.deepEqual(a, b, 'both replicas report the same progress');
      ann.progress = a;
      return a.exercises.find((e: any) => e.exerciseId === EXERCISE);
    })();
    assert.equal(attempts.passed, true);
    assert.equal(attempts.attempts, made, 'each check recorded once');
  });

  test('a classroom event published on one replica reaches an event stream held by the other', async () => {
    const [r1, r2] = replicas as [ReplicaProcess, ReplicaProcess];
    const password = 'correct horse battery staple';
    const added = await new Promise<number | null>((resolve) => {
      const c = spawn(
        'node',
        ['--import', 'tsx', 'cli/main.ts', 'instructors', 'add', 'ada@example.test', '--password-stdin'],
        {
          env: { ...process.env, DATABASE_URL: pg.url, BERTH_HOME: homes[0] },
          stdio: ['pipe', 'ignore', 'ignore'],
        },
      );
      c.on('exit', resolve);
      c.stdin.end(`${password}\n`);
    });
    assert.equal(added, 0);
    const ada = (
      await call('POST', '/api/auth/login', { base: r2.url, body: { email: 'ada@example.test', password } })
    ).cookie!;
    const room = await call('POST', '/api/classrooms', {
      base: r2.url,
      cookie: ada,
      body: { title: 'R', lessonIds: [LESSON] },
    });
    assert.equal(room.status, 201);
    const bo = await call('POST', '/api/classrooms/join', {
      base: r2.url,
      body: { code: room.json.joinCode, name: 'Bo' },
    });
    assert.equal(bo.status, 201);
    const stream = openEventStream(r1.url, `/api/classrooms/${room.json.id}/events`, bo.cookie);
    try {
      await stream.ready;
      const sent = await call('POST', `/api/classrooms/${room.json.id}/broadcasts`, {
        base: r2.url,
        cookie: ada,
        body: { message: 'from r2' },
      });
      assert.equal(sent.replica, 'r2');
      const got = await stream.waitFor((e) => e.type === 'broadcast', 2000);
      assert.equal(got.type === 'broadcast' && got.id, sent.json.id);
    } finally {
      stream.close();
    }
  });

  test('BullMQ jobs run once with two workers', async () => {
    // Both replicas upserted the same schedulers at start: one of each, not two.
    const schedulers = await queue.getJobSchedulers();
    assert.deepEqual(schedulers.map((s) => s.key).sort(), [
      'detect-lost-agents',
      'reap-idle',
      'reconcile',
      'refill-pool',
    ]);
    // The lost-agent sweep repeats every heartbeat interval: the iterations over a window match the
    // interval once, not twice (one per replica), and each was run by exactly one worker.
    const WINDOW_MS = 8000;
    const wait = bothUpAt + WINDOW_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sweeps = (await queue.getJobs(['completed'], 0, -1)).filter((j) => j.name === 'detect-lost-agents');
    const since = Date.now() - WINDOW_MS;
    const recent = sweeps.filter((j) => (j.timestamp ?? 0) >= since).length;
    const expected = WINDOW_MS / HEARTBEAT_MS;
    assert.ok(recent >= expected / 2, `the sweep runs (${recent} in ${WINDOW_MS} ms)`);
    assert.ok(
      recent <= expected + 2,
      `once per interval, not once per replica: ${recent} in ${WINDOW_MS} ms`,
    );
    assert.equal(new Set(sweeps.map((j) => j.id)).size, sweeps.length);
    for (const j of sweeps) assert.ok(j.processedBy === 'r1' || j.processedBy === 'r2');
    assert.equal(new Set(sweeps.map((j) => j.processedBy)).size, 2, 'both replicas take jobs');
    // The learner's provisioning ran once, on one replica, and made one node.
    const provision = await queue.getJob(`provision-${ann.sandboxId}`);
    assert.ok(provision);
    assert.equal(await provision.getState(), 'completed');
    assert.equal(provision.attemptsMade, 1);
    assert.ok(provision.processedBy === 'r1' || provision.processedBy === 'r2');
    assert.equal((await engine.listContainers({ [LABEL.sandbox]: ann.sandboxId })).length, 1);
  });

  test('a double click that lands on both replicas makes one sandbox', async () => {
    const [r1, r2] = replicas as [ReplicaProcess, ReplicaProcess];
    const cid = await call('POST', '/api/auth/guest', { body: { name: 'Cid' } });
    const body = { lessonId: LESSON };
    const answers = await Promise.all([
      call('POST', '/api/sandboxes', { cookie: cid.cookie, body, base: r1.url }),
      call('POST', '/api/sandboxes', { cookie: cid.cookie, body, base: r2.url }),
    ]);
    assert.deepEqual(
      answers.map((a) => a.status).sort(),
      [200, 201],
      JSON.stringify(answers.map((a) => a.json)),
    );
    assert.equal(answers[0]!.json.id, answers[1]!.json.id, 'both answers name the one sandbox');
    await ready(cid.cookie!, answers[0]!.json.id);
    assert.equal(
      (await call('DELETE', `/api/sandboxes/${answers[0]!.json.id}`, { cookie: cid.cookie })).status,
      200,
    );
  });

  test('one replica killed mid-job loses nothing: the learner goes on, its job is taken up', async () => {
    const [held, other] = replicas as [ReplicaProcess, ReplicaProcess];
    // Ann's terminal is on the replica that will die, with output still to come.
    let t = openTerminal(ann.cookie, ann.sandboxId);
    for (let i = 0; i < 4; i++) {
      await t.opened;
      if (t.replica() === held.name) break;
      t.ws.close();
      t = openTerminal(ann.cookie, ann.sandboxId);
    }
    assert.equal(t.replica(), held.name);
    t.send({ type: 'hello', lastSeq: ann.lastSeq });
    t.send({ type: 'input', data: 'echo before-kill; sleep 2; echo survived-$((6*7))\r' });
    await t.waitFor(/before-kill/);
    const seen = t.lastSeq();

    // Bob's sandbox is provisioned by `held`: the other replica is frozen while the job is taken (his
    // request goes to `held` directly — the load balancer would wait on the frozen one).
    const bob = await call('POST', '/api/auth/guest', { body: { name: 'Bob' }, base: held.url });
    await other.signal('SIGSTOP');
    let bobSandbox: string;
    try {
      const r = await call('POST', '/api/sandboxes', {
        cookie: bob.cookie,
        body: { lessonId: LESSON },
        base: held.url,
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      bobSandbox = r.json.id;
      await until('the provisioning job active on the replica about to die', async () => {
        const j = await queue.getJob(`provision-${bobSandbox}`);
        return j && (await j.getState()) === 'active' ? j : undefined;
      });
      await held.signal('SIGKILL');
    } finally {
      await other.signal('SIGCONT');
    }
    const killedJob = await queue.getJob(`provision-${bobSandbox}`);
    assert.equal(killedJob?.processedBy, held.name, 'the killed replica held the job');
    assert.equal(killedJob?.finishedOn, undefined, 'and died before finishing it');

    // The learner goes on through the load balancer, now on the survivor (the page's reconnect backs
    // off while the balancer's health checks settle after the freeze and the kill).
    await until('the load balancer answering from the survivor', async () => {
      const h = await call('GET', '/api/health');
      return h.status === 200 && h.replica === other.name ? true : undefined;
    });
    const again = openTerminal(ann.cookie, ann.sandboxId);
    await again.opened;
    assert.equal(again.replica(), other.name);
    again.send({ type: 'hello', lastSeq: seen });
    await again.waitFor(/survived-42/);
    assert.ok(!again.text().includes('before-kill'), 'replay resumes after lastSeq');
    again.ws.close();
    const mine = await call('GET', `/api/sandboxes/${ann.sandboxId}`, { cookie: ann.cookie });
    assert.equal(mine.status, 200);
    assert.equal(mine.json.state, 'ready', 'the sandbox is still theirs and ready');
    assert.equal(mine.replica, other.name);
    const progress = await call('GET', '/api/progress', { cookie: ann.cookie });
    assert.deepEqual(progress.json, ann.progress, 'progress intact');

    // BullMQ's stalled-job recovery: the survivor runs the dead replica's job, and Bob's sandbox starts.
    await ready(bob.cookie!, bobSandbox);
    const recovered = await until('the provisioning job completed', async () => {
      const j = await queue.getJob(`provision-${bobSandbox}`);
      return j && (await j.getState()) === 'completed' ? j : undefined;
    });
    assert.equal(recovered.processedBy, other.name, 'finished by the survivor');
    assert.equal(recovered.stalledCounter, 1, 'after being found stalled once');
    assert.equal(
      (await engine.listContainers({ [LABEL.sandbox]: bobSandbox })).length,
      1,
      'one node, made once',
    );
    const h = await call('GET', '/api/health');
    assert.equal(
      h.json.agents.find((a: any) => a.id === agentId)?.status,
      'ok',
      'heartbeats go on via the LB',
    );
  });
});
