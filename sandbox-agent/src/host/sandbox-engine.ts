import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Engine } from '../docker/engine.ts';
import { ENGINE_CGROUP_BASE } from '../sandboxes/node-cgroups.ts';
import { HostError, step } from './progress.ts';

// The dedicated Docker engine that runs sandboxes and nothing else, listening on BERTH_ENGINE_SOCKET.
// userns-remap makes root in a sandbox an unprivileged uid on the host; iptables:false because the
// agent writes its own rules (network/sandbox-firewall.ts) and must never fight (or open up) another
// engine on this host.
export const ENGINE = {
  dataRoot: '/var/lib/berth/engine',
  execRoot: '/run/berth/engine-exec',
  pidfile: '/run/berth/engine.pid',
  configFile: '/etc/berth/engine.json',
  log: '/var/log/berth-engine.log',
} as const;

export const engineDaemonConfig = (socket: string) => ({
  'userns-remap': 'default',
  'data-root': ENGINE.dataRoot,
  'exec-root': ENGINE.execRoot,
  hosts: [`unix://${socket}`],
  pidfile: ENGINE.pidfile,
  iptables: false,
  ip6tables: false,
  'ip-forward': false,
  'ip-masq': false,
  bridge: 'none',
  'exec-opts': ['native.cgroupdriver=cgroupfs'],
  'cgroup-parent': `/${ENGINE_CGROUP_BASE}`,
  'storage-driver': 'overlay2',
  'log-driver': 'local',
  'log-opts': { 'max-size': '5m', 'max-file': '2' },
  // Small /28 subnets from a private pool: thousands of sandboxes, never the 172.x ranges learners use inside.
  'default-address-pools': [{ base: '10.210.0.0/16', size: 28 }],
});

async function answers(socket: string): Promise<boolean> {
  try {
    await new Engine(socket).ping();
    return true;
  } catch {
    return false;
  }
}

export async function ensureSandboxEngine(socket: string): Promise<void> {
  const wanted = `${JSON.stringify(engineDaemonConfig(socket), null, 2)}\n`;
  const current = await fsp.readFile(ENGINE.configFile, 'utf8').catch(() => '');
  if (await answers(socket)) {
    if (current === wanted) return;
    // A new Berth version changed the engine's settings: restart it so they apply.
    await step('Restarting the sandbox engine with new settings', () => stopSandboxEngine());
  }
  await step('Starting the sandbox Docker engine (userns-remap)', async () => {
    await fsp.mkdir(path.dirname(ENGINE.configFile), { recursive: true });
    await fsp.mkdir(path.dirname(socket), { recursive: true });
    await fsp.writeFile(ENGINE.configFile, wanted);
    // A stale pidfile from a killed engine would stop dockerd from starting.
    await fsp.rm(ENGINE.pidfile, { force: true });
    const log = fs.openSync(ENGINE.log, 'a');
    const child = spawn('dockerd', ['--config-file', ENGINE.configFile], {
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (await answers(socket)) return;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const tail = (await fsp.readFile(ENGINE.log, 'utf8').catch(() => ''))
      .trim()
      .split('\n')
      .slice(-8)
      .join('\n');
    throw new HostError(`the sandbox engine did not start; last lines of ${ENGINE.log}:\n${tail}`);
  });
}

export async function stopSandboxEngine(): Promise<void> {
  const pid = Number(await fsp.readFile(ENGINE.pidfile, 'utf8').catch(() => ''));
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
