import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { redisAnswers, redisServerArgs } from '../../cli/local-redis.ts';
import { freePort } from './free-port.ts';

// A throwaway redis-server on 127.0.0.1 and a free port, with AOF so restart tests keep their jobs.
export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-redis-'));
  let child = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      // Stopped before (a test that takes Redis away, then the usual cleanup): nothing to wait for.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
    async restart() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      child = await launch(port, dir);
    },
  };
}

async function launch(port: number, dir: string) {
  const child = spawn('redis-server', redisServerArgs(port, dir), { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await redisAnswers(port)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error('redis-server did not start');
}
