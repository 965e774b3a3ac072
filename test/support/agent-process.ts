import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureSandboxEngine } from '../../server/cli/sandbox-engine.ts';
import { freePort } from './free-port.ts';
import { removeAllSandboxesOfAgent } from './remove-agent-sandboxes.ts';

// A real sandbox-agent process (sandbox-agent/src/main.ts) on the shared sandbox engine, with its own
// id, port and home (an agent's home holds its sandboxes' disks: never share one between agents),
// registering with the control plane at controlUrl.
export interface AgentProcess {
  id: string;
  url: string;
  home: string;
  /** Starts it again with the same id, port and home (it re-adopts its sandboxes). */
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  logs(): string;
  /** Kills it and removes every sandbox it created. */
  stop(): Promise<void>;
}

export async function startAgentProcess(opts: {
  id: string;
  controlUrl: string;
  token: string;
  env?: Record<string, string>;
}): Promise<AgentProcess> {
  await ensureSandboxEngine();
  const home = await fs.mkdtemp(path.join(os.tmpdir(), `berth-agent-${opts.id}-`));
  const url = `http://127.0.0.1:${await freePort()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BERTH_HOME: home,
    BERTH_AGENT_ID: opts.id,
    BERTH_AGENT_URL: url,
    BERTH_AGENT_TOKEN: opts.token,
    BERTH_CONTROL_URL: opts.controlUrl,
    ...opts.env,
  };
  const logs: string[] = [];
  let child: ChildProcess | undefined;

  const start = async () => {
    const c = spawn('node', ['--import', 'tsx', 'sandbox-agent/src/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    c.stdout?.on('data', (d) => logs.push(String(d)));
    c.stderr?.on('data', (d) => logs.push(String(d)));
    child = c;
    // Up = its API answers with the token (registration is the control plane's to observe).
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (c.exitCode !== null) throw new Error(`agent ${opts.id} exited:\n${logs.join('')}`);
      const ok = await fetch(`${url}/v1/info`, {
        headers: { authorization: `Bearer ${opts.token}` },
        signal: AbortSignal.timeout(2000),
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`agent ${opts.id} did not start:\n${logs.join('')}`);
  };

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  };

  await start();
  return {
    id: opts.id,
    url,
    home,
    start,
    kill,
    logs: () => logs.join(''),
    async stop() {
      await kill('SIGKILL');
      // Sandboxes outlive their agent by design; remove this agent's by its label.
      await removeAllSandboxesOfAgent(opts.id, home);
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}
