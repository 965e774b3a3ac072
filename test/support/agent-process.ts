import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnAgentProcess, stopAgentProcess } from '../../cli/agent-process.ts';
import { startSandboxEngine } from '../../sandbox-agent/src/host/index.ts';
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
  await startSandboxEngine();
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
  const ref = { id: opts.id, url, token: opts.token };
  let child: ChildProcess | undefined;
  let logs = () => '';

  const start = async () => {
    const earlier = logs();
    const started = await spawnAgentProcess({ env, agent: ref });
    child = started.child;
    logs = () => earlier + started.logs();
  };

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child) await stopAgentProcess(child, signal);
  };

  await start();
  return {
    id: opts.id,
    url,
    home,
    start,
    kill,
    logs: () => logs(),
    async stop() {
      await kill('SIGKILL');
      // Sandboxes outlive their agent by design; remove this agent's by its label.
      await removeAllSandboxesOfAgent(opts.id, home);
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}
