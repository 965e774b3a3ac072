import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { waitForHttp, waitForRegisteredAgent } from '../../cli/health.ts';
import { ensureWebBuild } from '../../cli/web-build.ts';
import { sh, startSandboxEngine } from '../../sandbox-agent/src/host/index.ts';
import { freePort } from './free-port.ts';
import { type RunningRedis, startRedis } from './redis.ts';

// Berth as `./berth up` runs it — agent and web as real processes (production Next build) — but on
// free ports, with its own Redis, database and agent id, so it never touches a running install.
export interface RunningBerth {
  baseUrl: string;
  /** The preview origin (BERTH_PREVIEW_PORT): another port on the same host, so the same site. */
  previewBaseUrl: string;
  env: NodeJS.ProcessEnv;
  redis: RunningRedis;
  restartAgent(signal?: NodeJS.Signals): Promise<void>;
  /** Kills the web server (server/main.ts) and starts it again on the same port; resolves when it answers. */
  restartWeb(signal?: NodeJS.Signals, downMs?: number): Promise<void>;
  /** Sends the web server (or the agent) `signal`; resolves with how long it took to exit. */
  killWeb(signal: NodeJS.Signals): Promise<number>;
  killAgent(signal: NodeJS.Signals): Promise<number>;
  logs(): Promise<string>;
  stop(): Promise<void>;
}

export interface BerthOptions {
  /** Extra environment for both processes, e.g. BERTH_LESSONS_DIR of a fixture course. */
  env?: Record<string, string>;
  /** The web server in dev mode (`next dev` inside server/main.ts), as an author previews lessons. */
  dev?: boolean;
}

async function timed(p: Promise<unknown>): Promise<number> {
  const started = Date.now();
  await p;
  return Date.now() - started;
}

export async function startBerth(opts: BerthOptions = {}): Promise<RunningBerth> {
  await startSandboxEngine();
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-e2e-'));
  const redis = await startRedis();
  const webPort = await freePort();
  // A port freed by the first probe can come back from the second: the web server then never listens.
  let agentPort = await freePort();
  while (agentPort === webPort) agentPort = await freePort();
  let previewPort = await freePort();
  while (previewPort === webPort || previewPort === agentPort) previewPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    BERTH_HOME: home,
    PORT: String(webPort),
    BERTH_PREVIEW_PORT: String(previewPort),
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${path.join(home, 'berth.db')}`,
    REDIS_URL: redis.url,
    BERTH_AGENT_URL: `http://127.0.0.1:${agentPort}`,
    BERTH_AGENT_TOKEN: randomBytes(24).toString('hex'),
    BERTH_AGENT_ID: `e2e-${process.pid}`,
    BERTH_CONTROL_URL: `http://127.0.0.1:${webPort}`,
    NEXT_TELEMETRY_DISABLED: '1',
    ...opts.env,
  };
  // Dev mode compiles each page on its first request: slower to answer than a production build.
  const webEnv: NodeJS.ProcessEnv = opts.dev ? { ...env, NODE_ENV: 'development' } : env;
  const webTimeoutMs = opts.dev ? 240_000 : 60_000;
  const procs: Record<string, ChildProcess> = {};
  const kill = async (name: string, signal: NodeJS.Signals = 'SIGTERM') => {
    const p = procs[name];
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await exited;
  };
  const stop = async () => {
    await kill('web');
    await kill('agent');
    // Sandboxes outlive the agent by design; remove this run's by its agent label.
    const { removeAllSandboxesOfAgent } = await import('./remove-agent-sandboxes.ts');
    await removeAllSandboxesOfAgent(env.BERTH_AGENT_ID!, home);
    await redis.stop();
    await fs.rm(home, { recursive: true, force: true });
  };
  // A start that fails half-way leaves nothing running or on disk behind it.
  const abandon = () => stop().catch(() => {});
  try {
    await sh('node', ['--import', 'tsx', 'server/db/migrate.ts', 'deploy'], { env });
    if (!opts.dev) await ensureWebBuild(env);
  } catch (e) {
    await abandon();
    throw e;
  }
  const logs: string[] = [];
  const launch = (name: string, script: string) => {
    const child = spawn('node', ['--import', 'tsx', script], {
      env: name === 'web' ? webEnv : env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => logs.push(`[${name}] ${d}`));
    child.stderr?.on('data', (d) => logs.push(`[${name}] ${d}`));
    procs[name] = child;
  };
  const agentUp = () =>
    waitForHttp(`${env.BERTH_AGENT_URL}/v1/info`, {
      timeoutMs: 30_000,
      headers: { authorization: `Bearer ${env.BERTH_AGENT_TOKEN}` },
    });
  launch('agent', 'sandbox-agent/src/main.ts');
  if (!(await agentUp())) {
    await abandon();
    throw new Error(`agent did not start:\n${logs.join('')}`);
  }
  launch('web', 'server/main.ts');
  const baseUrl = `http://127.0.0.1:${webPort}`;
  if (!(await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: webTimeoutMs }))) {
    await abandon();
    throw new Error(`web did not start:\n${logs.join('')}`);
  }
  const registered = () =>
    waitForRegisteredAgent(`${baseUrl}/api/health`, env.BERTH_AGENT_ID!, { timeoutMs: 30_000 });
  if (!(await registered())) {
    await abandon();
    throw new Error(`agent did not register:\n${logs.join('')}`);
  }
  return {
    baseUrl,
    previewBaseUrl: `http://127.0.0.1:${previewPort}`,
    env,
    redis,
    async restartAgent(signal = 'SIGKILL') {
      await kill('agent', signal);
      launch('agent', 'sandbox-agent/src/main.ts');
      if (!(await agentUp())) throw new Error('agent did not come back');
    },
    async restartWeb(signal = 'SIGKILL', downMs = 0) {
      await kill('web', signal);
      await new Promise((r) => setTimeout(r, downMs));
      launch('web', 'server/main.ts');
      if (!(await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: 60_000 }))) {
        throw new Error(`web did not come back:\n${logs.join('').slice(-2000)}`);
      }
    },
    killWeb: (signal) => timed(kill('web', signal)),
    killAgent: (signal) => timed(kill('agent', signal)),
    async logs() {
      return logs.join('');
    },
    stop,
  };
}
