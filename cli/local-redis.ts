import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { sh, step } from '../sandbox-agent/src/host/index.ts';
import { CliError } from './cli-error.ts';

// A private redis-server for this install (loopback only, no persistence to a shared place) when
// REDIS_URL is not given. BullMQ needs noeviction.
// Loopback only; AOF so queued jobs (expiry, provisioning) survive a Redis restart; BullMQ needs noeviction.
export function redisServerArgs(port: number, dir: string): string[] {
  return [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
    ...['--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'],
  ];
}

export async function startLocalRedis(home: string, port: number): Promise<string> {
  const url = `redis://127.0.0.1:${port}`;
  if (await redisAnswers(port)) return url;
  await step(`Starting redis-server on 127.0.0.1:${port}`, async () => {
    const dir = path.join(home, 'redis');
    await fs.mkdir(dir, { recursive: true });
    await sh('redis-server', [
      ...redisServerArgs(port, dir),
      '--daemonize',
      'yes',
      '--pidfile',
      path.join(dir, 'redis.pid'),
      '--logfile',
      path.join(dir, 'redis.log'),
    ]);
    for (let i = 0; i < 50; i++) {
      if (await redisAnswers(port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new CliError(`redis-server did not answer on port ${port}; see ${path.join(dir, 'redis.log')}`);
  });
  return url;
}

export async function stopLocalRedis(home: string): Promise<void> {
  const pid = Number(await fs.readFile(path.join(home, 'redis', 'redis.pid'), 'utf8').catch(() => ''));
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
  }
}

export function redisAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host }, () => s.write('PING\r\n'));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
    s.on('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.on('error', () => resolve(false));
  });
}
