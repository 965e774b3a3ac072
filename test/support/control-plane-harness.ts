import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { AgentHeartbeat } from '../../contract/heartbeat.ts';
import type { AgentSettings } from '../../sandbox-agent/src/sandboxes/agent-settings.ts';
import { freePort } from './free-port.ts';
import { type RunningRedis, startRedis } from './redis.ts';
import { type AgentHarness, startAgentHarness } from './sandbox-agent-harness.ts';

// The control plane in-process, with real parts: its route handlers (called as Next would), the
// terminal gateway on a real HTTP server, the BullMQ worker on a real Redis, a migrated SQLite
// database, and a real agent API server on the sandbox engine that registers and heartbeats like
// sandbox-agent/src/main.ts does.
export interface ControlPlane {
  baseUrl: string;
  /** The preview origin's listener (server/preview/preview-server.ts), on a port of its own. */
  previewBaseUrl: string;
  redis: RunningRedis;
  agent: AgentHarness;
  /** The shared agent token (agents send it with their heartbeats). */
  token: string;
  signIn(name: string): Promise<string>;
  call(
    method: string,
    url: string,
    opts?: { cookie?: string; body?: unknown; raw?: string },
  ): Promise<{ status: number; json: any }>;
  openTerminal(cookie: string, sandboxId: string, node?: string): WebSocket;
  /** What the in-process agent's heartbeat reports right now. */
  heartbeatReport(): AgentHeartbeat;
  /** Sends a heartbeat of the in-process agent now (by default what it reports now), outside its loop. */
  heartbeatNow(report?: AgentHeartbeat): Promise<void>;
  stop(): Promise<void>;
}

// The same control plane with no agent of its own: agents (e.g. real sandbox-agent processes, see
// agent-process.ts) register with it at baseUrl using `token`.
export type BareControlPlane = Omit<ControlPlane, 'agent'>;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function startControlPlane(
  env: Record<string, string> = {},
  agentOverrides: Partial<AgentSettings> = {},
): Promise<ControlPlane> {
  const cp = await launchControlPlane(env, agentOverrides);
  if (!cp.agent) throw new Error('the in-process agent did not start');
  return { ...cp, agent: cp.agent };
}

export function startBareControlPlane(env: Record<string, string> = {}): Promise<BareControlPlane> {
  return launchControlPlane(env, false);
}

async function launchControlPlane(
  env: Record<string, string>,
  agentOverrides: Partial<AgentSettings> | false,
): Promise<BareControlPlane & { agent?: AgentHarness }> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-cp-'));
  const redis = await startRedis();
  const agentPort = await freePort();
  let previewPort = await freePort();
  while (previewPort === agentPort) previewPort = await freePort();
  const token = randomBytes(24).toString('hex');
  Object.assign(process.env, {
    BERTH_HOME: home,
    DATABASE_URL: `file:${path.join(home, 'berth.db')}`,
    REDIS_URL: redis.url,
    BERTH_AGENT_URL: `http://127.0.0.1:${agentPort}`,
    BERTH_AGENT_TOKEN: token,
    // Tests see cold starts unless they ask for a warm pool.
    BERTH_WARM_POOL_SIZE: '0',
    BERTH_PREVIEW_PORT: String(previewPort),
    ...env,
  });
  const agent = agentOverrides ? await startAgentHarness(agentOverrides) : undefined;
  if (agent) process.env.BERTH_AGENT_ID = agent.settings.agentId;

  const { migrateDatabase } = await import('../../server/db/migrate.ts');
  await migrateDatabase(process.env.DATABASE_URL!);
  const { createAgentServer } = await import('../../sandbox-agent/src/http/agent-server.ts');
  const agentServer =
    agent &&
    createAgentServer({
      manager: agent.manager,
      engine: agent.engine,
      token,
      agentId: agent.settings.agentId,
    });
  if (agentServer) await new Promise<void>((r) => agentServer.listen(agentPort, '127.0.0.1', r));

  const { startSandboxWorker } = await import('../../server/queues/sandbox-worker.ts');
  const { ensureSchedulers } = await import('../../server/queues/sandbox-queue.ts');
  const worker = startSandboxWorker();
  await ensureSchedulers();

  const routes: Array<[string, RegExp, Record<string, Handler>]> = [
    ['/api/health', /^\/api\/health$/, await import('../../app/api/health/route.ts')],
    [
      '/api/agents/heartbeat',
      /^\/api\/agents\/heartbeat$/,
      await import('../../app/api/agents/heartbeat/route.ts'),
    ],
    ['/api/auth/guest', /^\/api\/auth\/guest$/, await import('../../app/api/auth/guest/route.ts')],
    ['/api/auth/me', /^\/api\/auth\/me$/, await import('../../app/api/auth/me/route.ts')],
    ['/api/auth/login', /^\/api\/auth\/login$/, await import('../../app/api/auth/login/route.ts')],
    ['/api/auth/logout', /^\/api\/auth\/logout$/, await import('../../app/api/auth/logout/route.ts')],
    ['/api/auth/setup', /^\/api\/auth\/setup$/, await import('../../app/api/auth/setup/route.ts')],
    [
      '/api/classrooms/join',
      /^\/api\/classrooms\/join$/,
      await import('../../app/api/classrooms/join/route.ts'),
    ],
    [
      '/api/classrooms/resume',
      /^\/api\/classrooms\/resume$/,
      await import('../../app/api/classrooms/resume/route.ts'),
    ],
    [
      '/api/classrooms/:id/progress.csv',
      /^\/api\/classrooms\/([^/]+)\/progress\.csv$/,
      await import('../../app/api/classrooms/[id]/progress.csv/route.ts'),
    ],
    [
      '/api/classrooms/:id/progress',
      /^\/api\/classrooms\/([^/]+)\/progress$/,
      await import('../../app/api/classrooms/[id]/progress/route.ts'),
    ],
    [
      '/api/classrooms/:id/events',
      /^\/api\/classrooms\/([^/]+)\/events$/,
      await import('../../app/api/classrooms/[id]/events/route.ts'),
    ],
    [
      '/api/classrooms/:id/hand',
      /^\/api\/classrooms\/([^/]+)\/hand$/,
      await import('../../app/api/classrooms/[id]/hand/route.ts'),
    ],
    [
      '/api/classrooms/:id/hands/:learnerId',
      /^\/api\/classrooms\/([^/]+)\/hands\/([^/]+)$/,
      await import('../../app/api/classrooms/[id]/hands/[learnerId]/route.ts'),
    ],
    [
      '/api/classrooms/:id/hands',
      /^\/api\/classrooms\/([^/]+)\/hands$/,
      await import('../../app/api/classrooms/[id]/hands/route.ts'),
    ],
    [
      '/api/classrooms/:id/broadcasts',
      /^\/api\/classrooms\/([^/]+)\/broadcasts$/,
      await import('../../app/api/classrooms/[id]/broadcasts/route.ts'),
    ],
    [
      '/api/classrooms/:id/learners/:learnerId/attempts',
      /^\/api\/classrooms\/([^/]+)\/learners\/([^/]+)\/attempts$/,
      await import('../../app/api/classrooms/[id]/learners/[learnerId]/attempts/route.ts'),
    ],
    [
      '/api/classrooms/:id/prewarm',
      /^\/api\/classrooms\/([^/]+)\/prewarm$/,
      await import('../../app/api/classrooms/[id]/prewarm/route.ts'),
    ],
    [
      '/api/classrooms/:id',
      /^\/api\/classrooms\/([^/]+)$/,
      await import('../../app/api/classrooms/[id]/route.ts'),
    ],
    ['/api/classrooms', /^\/api\/classrooms$/, await import('../../app/api/classrooms/route.ts')],
    ['/api/lessons', /^\/api\/lessons$/, await import('../../app/api/lessons/route.ts')],
    ['/api/answers', /^\/api\/answers$/, await import('../../app/api/answers/route.ts')],
    ['/api/progress', /^\/api\/progress$/, await import('../../app/api/progress/route.ts')],
    ['/api/answers', /^\/api\/answers$/, await import('../../app/api/answers/route.ts')],
    ['/api/sandboxes', /^\/api\/sandboxes$/, await import('../../app/api/sandboxes/route.ts')],
    [
      '/api/sandboxes/:id/checks',
      /^\/api\/sandboxes\/([^/]+)\/checks$/,
      await import('../../app/api/sandboxes/[id]/checks/route.ts'),
    ],
    [
      '/api/sandboxes/:id/files',
      /^\/api\/sandboxes\/([^/]+)\/files$/,
      await import('../../app/api/sandboxes/[id]/files/route.ts'),
    ],
    [
      '/api/sandboxes/:id/previews',
      /^\/api\/sandboxes\/([^/]+)\/previews$/,
      await import('../../app/api/sandboxes/[id]/previews/route.ts'),
    ],
    [
      '/api/sandboxes/:id/ports',
      /^\/api\/sandboxes\/([^/]+)\/ports$/,
      await import('../../app/api/sandboxes/[id]/ports/route.ts'),
    ],
    [
      '/api/sandboxes/:id/instructor-typing',
      /^\/api\/sandboxes\/([^/]+)\/instructor-typing$/,
      await import('../../app/api/sandboxes/[id]/instructor-typing/route.ts'),
    ],
    [
      '/api/sandboxes/:id',
      /^\/api\/sandboxes\/([^/]+)$/,
      await import('../../app/api/sandboxes/[id]/route.ts'),
    ],
  ] as never;

  const { handleTerminalUpgrade } = await import('../../server/terminal/terminal-gateway.ts');
  const { createPreviewServer } = await import('../../server/preview/preview-server.ts');
  const { stampClientAddress } = await import('../../server/http/client-address.ts');
  const server = http.createServer(async (req, res) => {
    stampClientAddress(req);
    const url = new URL(req.url ?? '/', 'http://x');
    for (const [, re, mod] of routes) {
      const m = url.pathname.match(re);
      const handler = m && mod[req.method ?? 'GET'];
      if (!handler) continue;
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      // Aborted when the client goes away, as Next does: streams (server-sent events) end with it.
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      const request = new Request(`http://x${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
        signal: gone.signal,
      });
      const params: Record<string, string> = {};
      if (m[1]) params.id = decodeURIComponent(m[1]);
      if (m[2]) params.learnerId = decodeURIComponent(m[2]);
      const response = await handler(request, { params: Promise.resolve(params) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      // Streamed as it comes, so a server-sent event reaches the client when it is sent.
      if (response.body)
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          if (gone.signal.aborted) break;
          res.write(chunk);
        }
      res.end();
      return;
    }
    res.writeHead(404).end();
  });
  server.on('upgrade', (req, socket, head) => void handleTerminalUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const previews = createPreviewServer();
  await new Promise<void>((r) => previews.listen(previewPort, '127.0.0.1', r));
  const previewBaseUrl = `http://127.0.0.1:${previewPort}`;

  // The in-process agent registers and heartbeats as sandbox-agent/src/main.ts does.
  const { startHeartbeatLoop } = await import('../../sandbox-agent/src/registration/heartbeat-loop.ts');
  const { config } = await import('../../server/config.ts');
  const startedAt = new Date();
  const report = (a: AgentHarness) => ({
    id: a.settings.agentId,
    url: `http://127.0.0.1:${agentPort}`,
    capacity: a.manager.capacity,
    sandboxes: a.manager.list().length,
    state: 'ready' as const,
    startedAt,
    disk: a.manager.diskReport(),
  });
  const heartbeats =
    agent &&
    startHeartbeatLoop({
      controlUrl: baseUrl,
      token,
      intervalMs: config().BERTH_AGENT_HEARTBEAT_MS,
      report: () => report(agent),
      log: () => {},
    });
  await heartbeats?.registered;

  const heartbeatReport = () => {
    if (!agent) throw new Error('this control plane has no in-process agent');
    return report(agent);
  };

  const call: ControlPlane['call'] = async (method, url, opts = {}) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(opts.cookie ? { cookie: opts.cookie } : {}) },
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    return { status: res.status, json: await res.json().catch(() => null), headers: res.headers } as never;
  };

  return {
    baseUrl,
    previewBaseUrl,
    redis,
    agent,
    token,
    call,
    async signIn(name) {
      const res = await fetch(`${baseUrl}/api/auth/guest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      const cookie = res.headers.get('set-cookie')?.split(';')[0];
      if (res.status !== 201 || !cookie) throw new Error(`guest sign-in failed: ${res.status}`);
      return cookie;
    },
    openTerminal(cookie, sandboxId, node = 'node1') {
      return new WebSocket(`${baseUrl.replace('http', 'ws')}/ws/terminal?sandbox=${sandboxId}&node=${node}`, {
        headers: { cookie },
      });
    },
    heartbeatReport,
    async heartbeatNow(body = heartbeatReport()) {
      const res = await fetch(`${baseUrl}/api/agents/heartbeat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`heartbeat answered ${res.status}`);
    },
    async stop() {
      await heartbeats?.stop();
      server.close();
      previews.close();
      agentServer?.close();
      await worker.close();
      const { closeQueues } = await import('../../server/queues/sandbox-queue.ts');
      await closeQueues();
      const { closeSharedRedis } = await import('../../server/redis/shared-redis.ts');
      closeSharedRedis();
      const { closeClassroomEvents } = await import('../../server/classrooms/classroom-events.ts');
      closeClassroomEvents();
      const { closeDb } = await import('../../server/db/client.ts');
      await closeDb();
      await agent?.cleanup();
      await redis.stop();
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}

export async function waitForState(
  cp: BareControlPlane,
  cookie: string,
  id: string,
  state: string,
  ms = 60_000,
) {
  const deadline = Date.now() + ms;
  let last: any;
  while (Date.now() < deadline) {
    last = await cp.call('GET', `/api/sandboxes/${id}`, { cookie });
    if (last.json?.state === state) return last.json;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`sandbox ${id} did not become ${state}; last: ${JSON.stringify(last?.json)}`);
}
