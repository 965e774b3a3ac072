import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

// A stock HAProxy (Debian's `haproxy` package) in front of control-plane replicas, configured as the
// README's "Running several control-plane replicas" shows: round robin without stickiness, health
// checks on /api/health, websocket tunnels kept open, and a request whose replica refuses the
// connection (it died) retried on another.
export interface RunningHaproxy {
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

export function haproxyConfig(listen: string, replicas: { name: string; address: string }[]): string {
  return `global
  maxconn 2000

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # A terminal websocket may stay open for hours; ping frames keep it busy (terminal-gateway.ts).
  timeout tunnel 1h
  # A connection refused (a replica that died) is retried on another replica at once.
  retries 3
  retry-on conn-failure
  option redispatch 1

frontend berth
  bind ${listen}
  default_backend control_plane

backend control_plane
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  default-server inter 500ms fall 2 rise 1
${replicas.map((r) => `  server ${r.name} ${r.address} check`).join('\n')}
`;
}

export async function startHaproxy(replicas: { name: string; address: string }[]): Promise<RunningHaproxy> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-haproxy-'));
  const port = await freePort();
  const cfg = path.join(dir, 'haproxy.cfg');
  await fs.writeFile(cfg, haproxyConfig(`127.0.0.1:${port}`, replicas));
  await promisify(execFile)('haproxy', ['-c', '-q', '-f', cfg]);
  const logs: string[] = [];
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => logs.push(String(d)));
  child.stderr?.on('data', (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`haproxy exited:\n${logs.join('')}`);
    const up = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    logs: () => logs.join(''),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
