import { z } from 'zod';
import type { Engine } from '../docker/engine.ts';

// Reads the learner's inner Docker engine through its Engine API, from inside the node (curl on the
// unix socket), so checks see typed JSON — never the learner's terminal, never text scraped from `docker ps`.

export interface InnerEngine {
  get(path: string): Promise<{ status: number; body: unknown }>;
  run(cmd: string[], timeoutMs: number): Promise<{ exitCode: number; output: string; timedOut: boolean }>;
}

const API = 'http://docker/v1.41';
const DISK_FULL =
  'Not checked: your sandbox has run out of disk space (No space left on device). Delete files you do not need, for example in /root or /tmp, and check again.';

export function innerEngine(engine: Engine, containerId: string, deadline: number): InnerEngine {
  const remaining = () => Math.max(500, deadline - Date.now());
  // One check run is one snapshot: tasks that inspect the same object share one request.
  const cache = new Map<string, Promise<{ status: number; body: unknown }>>();
  const get = async (path: string) => {
    const seconds = Math.max(1, Math.floor(remaining() / 1000));
    const res = await engine.exec(
      containerId,
      [
        'curl',
        '-sS',
        '--max-time',
        String(seconds),
        '--unix-socket',
        '/var/run/docker.sock',
        '-w',
        '\n%{http_code}',
        `${API}${path}`,
      ],
      { timeoutMs: remaining() },
    );
    if (res.timedOut) throw new Error('the Docker engine in your sandbox did not answer in time');
    const nl = res.output.lastIndexOf('\n');
    const status = Number(res.output.slice(nl + 1).trim());
    if (res.exitCode !== 0 || !Number.isFinite(status) || status === 0) {
      throw new Error('the Docker engine in your sandbox is not answering (is dockerd running?)');
    }
    let body: unknown = null;
    try {
      body = JSON.parse(res.output.slice(0, nl));
    } catch {
      body = null;
    }
    return { status, body };
  };
  return {
    get(path) {
      let p = cache.get(path);
      if (!p) {
        p = get(path);
        cache.set(path, p);
        p.catch(() => cache.delete(path));
      }
      return p;
    },
    async run(cmd, timeoutMs) {
      const res = await engine.exec(containerId, cmd, { timeoutMs: Math.min(timeoutMs, remaining()) });
      // The engine could not even start the command (runc writes to /tmp): that says nothing about the
      // learner's work, so do not report it as their failure.
      if (res.exitCode !== 0 && /no space left on device/i.test(res.output)) throw new Error(DISK_FULL);
      return res;
    },
  };
}

export const containerInspectSchema = z.object({
  Name: z.string(),
  State: z.object({ Running: z.boolean(), Status: z.string() }),
  NetworkSettings: z.object({ Networks: z.record(z.string(), z.unknown()).nullable().optional() }),
});

export const networkInspectSchema = z.object({ Name: z.string(), Driver: z.string() });
