import { type ChildProcess, spawn } from 'node:child_process';
import { waitForHttp } from '../../cli/health.ts';
import { freePort } from './free-port.ts';

// One control-plane replica as a real process (server/main.ts, production Next build) on its own port,
// named by BERTH_REPLICA_ID; the database, Redis and secrets come from env, shared with the others.
export interface ReplicaProcess {
  name: string;
  address: string;
  url: string;
  /** Sends a signal (SIGSTOP/SIGCONT freeze and thaw it); SIGKILL and SIGTERM wait for the exit. */
  signal(sig: NodeJS.Signals): Promise<void>;
  logs(): string;
}

export async function startReplica(name: string, env: NodeJS.ProcessEnv): Promise<ReplicaProcess> {
  const port = await freePort();
  let previewPort = await freePort();
  while (previewPort === port) previewPort = await freePort();
  const logs: string[] = [];
  const child: ChildProcess = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...env,
      PORT: String(port),
      BERTH_PREVIEW_PORT: String(previewPort),
      HOST: '127.0.0.1',
      BERTH_REPLICA_ID: name,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => logs.push(String(d)));
  child.stderr?.on('data', (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitForHttp(`${url}/api/health`, { timeoutMs: 90_000 }))) {
    child.kill('SIGKILL');
    throw new Error(`replica ${name} did not start:\n${logs.join('')}`);
  }
  return {
    name,
    address: `127.0.0.1:${port}`,
    url,
    logs: () => logs.join(''),
    async signal(sig) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exits = sig === 'SIGKILL' || sig === 'SIGTERM';
      const exited = exits ? new Promise((r) => child.once('exit', r)) : undefined;
      child.kill(sig);
      await exited;
    },
  };
}
