import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../sandbox-agent/src/host/index.ts';
import { type AgentRef, agentApi } from '../server/agents/agent-client.ts';

// A sandbox-agent process (sandbox-agent/src/main.ts) in the foreground of a command, up once its API
// answers with the token. The child's output is kept for error messages.
// detached: in a process group of its own, so a Ctrl-C meant for the command leaves the agent up for
// the command's own clean-up.
export async function spawnAgentProcess(input: {
  env: NodeJS.ProcessEnv;
  agent: AgentRef;
  timeoutMs?: number;
  detached?: boolean;
}): Promise<{ child: ChildProcess; logs: () => string }> {
  const lines: string[] = [];
  const child = spawn('node', ['--import', 'tsx', 'sandbox-agent/src/main.ts'], {
    env: input.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !!input.detached,
  });
  child.stdout?.on('data', (d) => lines.push(String(d)));
  child.stderr?.on('data', (d) => lines.push(String(d)));
  const logs = () => lines.join('');
  const deadline = Date.now() + (input.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`agent ${input.agent.id} exited:\n${logs()}`);
    const up = await agentApi.listSandboxes(input.agent).then(
      () => true,
      () => false,
    );
    if (up) return { child, logs };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`agent ${input.agent.id} did not start:\n${logs()}`);
}

export async function stopAgentProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

// An agent of the CLI's own for the length of one command: its own id, loopback port, token and temp
// home on the shared sandbox engine, registered with no control plane — so no learner's sandbox is
// ever placed on it, and no control plane reconciles its sandboxes away. stop() removes what it made.
export interface LocalAgent {
  ref: AgentRef;
  logs(): string;
  stop(): Promise<void>;
}

export async function startLocalAgent(id: string): Promise<LocalAgent> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), `berth-${id}-`));
  const ref: AgentRef = {
    id,
    url: `http://127.0.0.1:${await freePort()}`,
    token: randomBytes(24).toString('hex'),
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BERTH_HOME: home,
    BERTH_AGENT_ID: id,
    BERTH_AGENT_URL: ref.url,
    BERTH_AGENT_TOKEN: ref.token,
    BERTH_AGENT_REGISTER: 'false',
  };
  const started = await spawnAgentProcess({ env, agent: ref, detached: true }).catch(async (e) => {
    await fs.rm(home, { recursive: true, force: true });
    throw e;
  });
  return {
    ref,
    logs: started.logs,
    async stop() {
      // Sandboxes outlive their agent by design: remove them through it first.
      const left = await agentApi.listSandboxes(ref).catch(() => []);
      for (const s of left) await agentApi.removeSandbox(ref, s.id);
      await stopAgentProcess(started.child);
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}
