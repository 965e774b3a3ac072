import { z } from 'zod';
import { msg } from '../../../contract/check-messages.ts';
import type { Engine } from '../docker/engine.ts';
import { CheckFindingError } from './check-finding-error.ts';

// Reads the learner's inner Docker engine through its Engine API, from inside the node (curl on the
// unix socket), so checks see typed JSON — never the learner's terminal, never text scraped from `docker ps`.

export interface InnerEngine {
  get(path: string): Promise<{ status: number; body: unknown }>;
  /** Bytes as the engine sends them (logs, tar archives), base64 through the exec so nothing is mangled;
   * status 413 when the answer is longer than a check reads. */
  getRaw(path: string): Promise<{ status: number; body: Buffer }>;
  run(cmd: string[], timeoutMs: number): Promise<{ exitCode: number; output: string; timedOut: boolean }>;
}

const API = 'http://docker/v1.41';
// What a check reads raw (logs, a file through the archive API): 150 KB, 200 KB in base64.
const MAX_RAW_BYTES = 150 * 1024;

export function innerEngine(engine: Engine, containerId: string, deadline: number): InnerEngine {
  const remaining = () => Math.max(500, deadline - Date.now());
  // One check run is one snapshot: tasks that inspect the same object share one request.
  const cache = new Map<string, Promise<{ status: number; body: unknown }>>();
  const curl = (path: string) => [
    'curl',
    '-sS',
    '--max-time',
    String(Math.max(1, Math.floor(remaining() / 1000))),
    '--unix-socket',
    '/var/run/docker.sock',
    '-w',
    '\n%{http_code}',
    `${API}${path}`,
  ];
  // The answer's body and its status (curl's last line), or a finding when the engine does not answer.
  const split = (res: { output: string; exitCode: number; timedOut: boolean }) => {
    if (res.timedOut) throw new CheckFindingError(msg('engine_timeout'));
    const nl = res.output.lastIndexOf('\n');
    const status = Number(res.output.slice(nl + 1).trim());
    if (res.exitCode !== 0 || !Number.isFinite(status) || status === 0) {
      throw new CheckFindingError(msg('engine_down'));
    }
    return { status, text: res.output.slice(0, Math.max(0, nl)) };
  };
  const get = async (path: string) => {
    const { status, text } = split(await engine.exec(containerId, curl(path), { timeoutMs: remaining() }));
    let body: unknown = null;
    try {
      body = JSON.parse(text);
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
    async getRaw(path) {
      // At most MAX_RAW_BYTES (the exec's output is bounded): curl's own exit status says whether the engine
      // answered (0), or the answer was cut short (23, a write error once head stops reading).
      const script = `${curl(path).map(shellQuote).join(' ')} | head -c ${MAX_RAW_BYTES} | base64 -w0; exit \${PIPESTATUS[0]}`;
      const res = await engine.exec(containerId, ['bash', '-c', script], { timeoutMs: remaining() });
      if (!res.timedOut && res.exitCode === 23) return { status: 413, body: Buffer.alloc(0) };
      const bytes = res.exitCode === 0 ? Buffer.from(res.output.trim(), 'base64') : Buffer.alloc(0);
      const nl = bytes.lastIndexOf(0x0a);
      const { status } = split({ ...res, output: bytes.subarray(Math.max(0, nl)).toString('latin1') });
      return { status, body: bytes.subarray(0, Math.max(0, nl)) };
    },
    async run(cmd, timeoutMs) {
      const res = await engine.exec(containerId, cmd, { timeoutMs: Math.min(timeoutMs, remaining()) });
      // The engine could not even start the command (runc writes to /tmp): that says nothing about the
      // learner's work, so do not report it as their failure.
      if (res.exitCode !== 0 && /no space left on device/i.test(res.output))
        throw new CheckFindingError(msg('disk_full'));
      return res;
    },
  };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export const containerInspectSchema = z.object({
  Name: z.string(),
  State: z.object({
    Running: z.boolean(),
    Status: z.string(),
    ExitCode: z.number().default(0),
    // Only for a container with a health check (HEALTHCHECK or --health-cmd): "starting", "healthy", "unhealthy".
    Health: z
      .object({
        Status: z.string(),
        FailingStreak: z.number().default(0),
        Log: z
          .array(z.object({ ExitCode: z.number(), Output: z.string().default('') }))
          .nullable()
          .default([]),
      })
      .nullable()
      .optional(),
    OOMKilled: z.boolean().default(false),
    // The main process as the node numbers it (0 when not running).
    Pid: z.number().default(0),
  }),
  Config: z
    .object({ Image: z.string().default(''), Tty: z.boolean().default(false) })
    .default({ Image: '', Tty: false }),
  Image: z.string().default(''),
  NetworkSettings: z.object({
    Networks: z.record(z.string(), z.unknown()).nullable().optional(),
    // "5000/tcp" → its bindings on the host (null when exposed but not published).
    Ports: z
      .record(z.string(), z.array(z.object({ HostIp: z.string(), HostPort: z.string() })).nullable())
      .nullable()
      .optional(),
  }),
});

export type ContainerInspect = z.infer<typeof containerInspectSchema>;

export const networkInspectSchema = z.object({
  Name: z.string(),
  Driver: z.string(),
  IPAM: z
    .object({ Config: z.array(z.object({ Subnet: z.string().optional() })).nullable() })
    .partial()
    .optional(),
});

export const imageInspectSchema = z.object({
  Id: z.string(),
  Parent: z.string().default(''),
  RootFS: z.object({ Layers: z.array(z.string()).default([]) }),
  GraphDriver: z
    .object({ Name: z.string(), Data: z.record(z.string(), z.string()).nullable().default({}) })
    .optional(),
});

export const imageHistorySchema = z.array(
  z.object({ CreatedBy: z.string().default(''), Comment: z.string().default('') }),
);
